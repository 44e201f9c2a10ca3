package org.phigate.catalog;

import static org.phigate.catalog.Topic.RecordSize.MESSAGE;
import static org.phigate.catalog.Topic.RecordSize.STANDARD;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.phigate.schema.ApprovedResult;
import org.phigate.schema.AuditEvent;
import org.phigate.schema.ClinicalEvent;
import org.phigate.schema.DeidentifiedEvent;
import org.phigate.schema.DetectedEvent;
import org.phigate.schema.InferenceResult;
import org.phigate.schema.IntakeFailure;
import org.phigate.schema.ReviewDecision;
import org.phigate.schema.ReviewEscalation;
import org.phigate.schema.ReviewItem;
import org.phigate.schema.VaultEntry;
import org.phigate.schema.WritebackOutcome;

/** The single, immutable catalog of PHIGate topics; every stage, test and deploy manifest uses it. */
public final class Topics {
  private static final Duration DAYS_7 = Duration.ofDays(7);
  private static final Duration DAYS_30 = Duration.ofDays(30);

  public static final Topic<String, byte[]> INTAKE_RAW = new Topic<>("phigate.intake.raw", String.class,
      byte[].class, PhiClass.PLAINTEXT, Optional.of(DAYS_7), false, "phi", MESSAGE,
      "Inbound HL7 v2 ER7 or FHIR JSON/XML bytes; header content-type; key = source message id");
  public static final Topic<String, IntakeFailure> INTAKE_DLQ = new Topic<>("phigate.intake.dlq", String.class,
      IntakeFailure.class, PhiClass.ENCRYPTED, Optional.of(DAYS_30), false, "phi", MESSAGE,
      "Rejected intake records: PHI-free reason plus the sealed original");
  public static final Topic<String, ClinicalEvent> EVENTS_NORMALIZED = new Topic<>("phigate.events.normalized",
      String.class, ClinicalEvent.class, PhiClass.ENCRYPTED, Optional.of(DAYS_7), false, "phi", MESSAGE,
      "Parsed clinical events, PHI sealed");
  public static final Topic<String, DetectedEvent> PHI_DETECTED = new Topic<>("phigate.phi.detected", String.class,
      DetectedEvent.class, PhiClass.ENCRYPTED, Optional.of(DAYS_7), false, "phi", MESSAGE,
      "Clinical events with their PHI findings");
  public static final Topic<String, DeidentifiedEvent> EVENTS_DEIDENTIFIED = new Topic<>(
      "phigate.events.deidentified", String.class, DeidentifiedEvent.class, PhiClass.NONE, Optional.of(DAYS_30),
      false, "inference", MESSAGE, "De-identified events: tokens and generalized values only");
  public static final Topic<String, VaultEntry> PHI_VAULT = new Topic<>("phigate.phi.vault", String.class,
      VaultEntry.class, PhiClass.ENCRYPTED, Optional.empty(), true, "phi", STANDARD,
      "Vault key (tenant + full keyed hash) to sealed original value, and each event's sealed token-to-key map; "
          + "read by write-back only");
  public static final Topic<String, byte[]> DEID_ERASURES = new Topic<>("phigate.deid.erasures", String.class,
      byte[].class, PhiClass.NONE, Optional.of(DAYS_7), false, "phi", STANDARD,
      "Requests to erase a patient's remembered identifiers (deid known-identifier store); key = patient token, "
          + "value = UTF-8 'REASON:request id[:requestor]'");
  public static final Topic<String, InferenceResult> AI_RESULTS = new Topic<>("phigate.ai.results", String.class,
      InferenceResult.class, PhiClass.NONE, Optional.of(DAYS_30), false, "inference", STANDARD,
      "AI outputs (tokens only)");
  public static final Topic<String, ReviewItem> REVIEW_PENDING = new Topic<>("phigate.review.pending", String.class,
      ReviewItem.class, PhiClass.NONE, Optional.of(DAYS_30), false, "clinical", STANDARD,
      "AI results held for a clinician; key = review id");
  public static final Topic<String, ReviewDecision> REVIEW_DECISIONS = new Topic<>("phigate.review.decisions",
      String.class, ReviewDecision.class, PhiClass.ENCRYPTED, Optional.of(DAYS_30), false, "clinical", STANDARD,
      "Reviewer decisions, signed by the review role's API; the reviewer's edited text sealed; key = review id");
  public static final Topic<String, ApprovedResult> REVIEW_APPROVED = new Topic<>("phigate.review.approved",
      String.class, ApprovedResult.class, PhiClass.ENCRYPTED, Optional.of(DAYS_30), false, "clinical", STANDARD,
      "Approved results released to write-back (AI draft beside the reviewer's sealed edit); key = review id");
  public static final Topic<String, ReviewEscalation> REVIEW_ESCALATIONS = new Topic<>("phigate.review.escalations",
      String.class, ReviewEscalation.class, PhiClass.NONE, Optional.of(DAYS_30), false, "clinical", STANDARD,
      "Held items past their review SLA, emergencies and escalate=true items, once each; ids, codes and times only; "
          + "key = review id");
  public static final Topic<String, WritebackOutcome> EHR_OUTCOMES = new Topic<>("phigate.ehr.outcomes",
      String.class, WritebackOutcome.class, PhiClass.NONE, Optional.of(DAYS_30), false, "clinical", STANDARD,
      "Successful EHR writes");
  public static final Topic<String, WritebackOutcome> EHR_DLQ = new Topic<>("phigate.ehr.dlq", String.class,
      WritebackOutcome.class, PhiClass.NONE, Optional.of(DAYS_30), false, "clinical", STANDARD, "Failed EHR writes");
  public static final Topic<String, AuditEvent> AUDIT_EVENTS = new Topic<>("phigate.audit.events", String.class,
      AuditEvent.class, PhiClass.NONE, Optional.empty(), false, "audit", STANDARD,
      "Append-only audit trail (FHIR AuditEvent / IHE BALP shaped); infinite until archived");

  public static final Topic<String, byte[]> POISON_DLQ = new Topic<>("phigate.poison.dlq", String.class,
      byte[].class, PhiClass.ENCRYPTED, Optional.of(DAYS_30), false, "phi", MESSAGE,
      "Records a Streams role could not deserialize, and records the inference and review roles failed to process, "
          + "as raw bytes (PHI in them is only ever sealed); headers name the source topic, partition, offset and "
          + "error class (and processor node and reason code for processing failures)");

  public static final Topic<String, byte[]> DATA_KEYS = new Topic<>("phigate.keys.data", String.class, byte[].class,
      PhiClass.ENCRYPTED, Optional.empty(), true, "keys", STANDARD,
      "Envelope data keys wrapped by a KEK (key = data key id: per patient dk1:p:<tenant>:<patient token>:<id>); "
          + "`phigate keys shred` writes a destroyed:<id> marker and a tombstone per key of the patient");

  /** Every topic, in data-flow order. */
  public static final List<Topic<?, ?>> ALL = List.of(INTAKE_RAW, INTAKE_DLQ, EVENTS_NORMALIZED, PHI_DETECTED,
      EVENTS_DEIDENTIFIED, PHI_VAULT, DEID_ERASURES, AI_RESULTS, REVIEW_PENDING, REVIEW_DECISIONS, REVIEW_APPROVED,
      REVIEW_ESCALATIONS, EHR_OUTCOMES, EHR_DLQ, AUDIT_EVENTS, POISON_DLQ, DATA_KEYS);

  /** The record header that carries the payload content type on the raw intake topic. */
  public static final String CONTENT_TYPE_HEADER = "content-type";

  private Topics() {}

  /** Looks a topic up by name; throws with the known names when absent. */
  public static Topic<?, ?> byName(String name) {
    return ALL.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow(() ->
        new IllegalArgumentException("unknown topic " + name + "; known: "
            + ALL.stream().map(Topic::name).toList()));
  }
}
