package org.phigate.deid;

import org.phigate.deid.known.Erasure;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.phigate.audit.AuditEvents;
import org.phigate.catalog.PhiContentCodec;
import org.phigate.catalog.Topics;
import org.phigate.deid.detect.KnownIdentifiers;
import org.phigate.deid.detect.PhiDetector;
import org.phigate.deid.known.KnownIdentifierStore;
import org.phigate.deid.known.PatientMemory;
import org.phigate.deid.known.PatientMerges;
import org.phigate.deid.redact.EventVault;
import org.phigate.catalog.SourceMessageSeal;
import org.phigate.deid.redact.Redaction;
import org.phigate.deid.redact.Redactor;
import org.phigate.streams.RecordLimit;
import org.phigate.schema.AuditAction;
import org.phigate.schema.AuditOutcome;
import org.phigate.schema.ClinicalEvent;
import org.phigate.schema.EncryptedBlob;
import org.phigate.schema.DetectedEvent;
import org.phigate.schema.IntakeFailure;
import org.phigate.schema.PhiContent;
import org.phigate.schema.PhiFinding;
import org.phigate.schema.StructuredField;
import org.phigate.schema.VaultEntry;
import org.phigate.security.FieldCipher;
import org.phigate.security.Pseudonymizer;

/** The deid role's logic: open sealed PHI, detect findings, redact by policy, and fill the vault. */
public final class DeidStage {
  /** Prefix of the patient key intake gives an event without any patient identifier. */
  static final String UNLINKED_PREFIX = "unknown:";
  private static final String KNOWN_VAULT_DETECTOR = "known:" + KnownIdentifiers.REMEMBERED_SOURCE;
  private final FieldCipher eventCipher;
  private final PhiContentCodec codec;
  private final PhiDetector detector;
  private final Redactor redactor;
  private final Pseudonymizer pseudonymizer;
  private final EventVault eventVault;
  private final AuditEvents audit;
  private final Clock clock;

  public DeidStage(FieldCipher eventCipher, FieldCipher vaultCipher, Pseudonymizer pseudonymizer,
                   PhiDetector detector, Redactor redactor, AuditEvents audit, Clock clock) {
    this.eventCipher = eventCipher;
    this.codec = new PhiContentCodec(eventCipher);
    this.eventVault = new EventVault(pseudonymizer, vaultCipher, clock);
    this.pseudonymizer = pseudonymizer;
    this.detector = detector;
    this.redactor = redactor;
    this.audit = audit;
    this.clock = clock;
  }

  /** The patient partition key of an event (never the patient key itself) and the patients a merge retires. */
  public DeidOutcomes.Routed route(ClinicalEvent event) {
    try {
      PhiContent content = codec.open(event);
      String patientToken = pseudonymizer.patientToken(event.getTenant(), content.getPatientKey());
      List<String> retired = PatientMerges.retiredPatientKeys(event.getMessageType(), content).stream()
          .map(key -> pseudonymizer.patientToken(event.getTenant(), key))
          .filter(token -> !token.equals(patientToken)).distinct().toList();
      return new DeidOutcomes.Routed(event, patientToken, retired,
          !content.getPatientKey().startsWith(UNLINKED_PREFIX));
    } catch (RuntimeException e) {
      return new DeidOutcomes.Routed(event, event.getEventId(), List.of(), false);
    }
  }

  public DeidOutcomes.Detected detect(ClinicalEvent event) {
    return detect(event, PatientMemory.NONE);
  }

  /**
   * Detects an event's PHI with the identifiers remembered from the patient's earlier events, then remembers the
   * event's own. Events without a patient identifier ({@value #UNLINKED_PREFIX}...) link to nothing.
   */
  public DeidOutcomes.Detected detect(ClinicalEvent event, PatientMemory memory) {
    try {
      PhiContent content = codec.open(event);
      String patientToken = pseudonymizer.patientToken(event.getTenant(), content.getPatientKey());
      boolean linked = !content.getPatientKey().startsWith(UNLINKED_PREFIX);
      List<StructuredField> remembered = linked ? memory.recall(patientToken) : List.of();
      List<PhiFinding> findings = detector.detect(content, remembered);
      if (linked) {
        memory.remember(patientToken, remembered, content.getFields());
      }
      AuditEvents.Builder record = audit.event("deid.detect", AuditAction.R, event.getEventId())
          .patientToken(patientToken)
          .entity(event.getEventId(), "ClinicalEvent", "4")
          .detail("findings", findings.size())
          .detail("remembered", remembered.size())
          .detail("rememberedFindings", findings.stream()
              .filter(f -> f.getDetector().contains(KNOWN_VAULT_DETECTOR)).count());
      countByCategory(findings).forEach((category, count) -> record.detail("phi." + category, count));
      return new DeidOutcomes.Detected(new DetectedEvent(event, findings), null, record.build());
    } catch (RuntimeException e) {
      return new DeidOutcomes.Detected(null, failure(event, "DEID_DETECT_FAILED", e), failureAudit(event,
          "deid.detect", "DEID_DETECT_FAILED"));
    }
  }

  public DeidOutcomes.Redacted redact(DetectedEvent detected) {
    ClinicalEvent event = detected.getEvent();
    try {
      PhiContent content = codec.open(event);
      Redaction redaction = redactor.redact(event, content, detected.getFindings());
      List<VaultEntry> vault = eventVault.entries(event, content.getPatientKey(),
          SourceMessageSeal.open(eventCipher, event), redaction);
      String patientToken = redaction.event().getPatientToken();
      AuditEvents.Builder record = audit.event("deid.redact", AuditAction.C, event.getEventId())
          .patientToken(patientToken)
          .entity(event.getEventId(), "DeidentifiedEvent", "4")
          .detail("policy", redaction.event().getPolicyId())
          .detail("vaultEntries", vault.size())
          .detail("ruleTightenedFields", redaction.tightenedFields())
          .detail("ruleTightenedSpans", redaction.tightenedSpans());
      redaction.event().getPhiCategoryCounts().forEach((category, count) -> record.detail("phi." + category, count));
      return new DeidOutcomes.Redacted(redaction.event(), vault, null, record.build());
    } catch (RuntimeException e) {
      return new DeidOutcomes.Redacted(null, List.of(), failure(event, "DEID_REDACT_FAILED", e),
          failureAudit(event, "deid.redact", "DEID_REDACT_FAILED"));
    }
  }

  /**
   * A step's output that would not fit its topic ({@code size} bytes against {@code limit}): a RECORD_TOO_LARGE dead
   * letter that names the event (still in phigate.events.normalized) but carries none of its content, which would not
   * fit the dead-letter topic either.
   */
  public DeidOutcomes.Detected detectedTooLarge(ClinicalEvent event, String topic, int size, int limit) {
    return new DeidOutcomes.Detected(null, tooLarge(event, "deid.detect", topic, size, limit),
        failureAudit(event, "deid.detect", RecordLimit.TOO_LARGE));
  }

  /** As {@link #detectedTooLarge} for the redact step; no vault entries are written for the withheld event. */
  public DeidOutcomes.Redacted redactedTooLarge(ClinicalEvent event, String topic, int size, int limit) {
    return new DeidOutcomes.Redacted(null, List.of(), tooLarge(event, "deid.redact", topic, size, limit),
        failureAudit(event, "deid.redact", RecordLimit.TOO_LARGE));
  }

  private IntakeFailure tooLarge(ClinicalEvent event, String step, String topic, int size, int limit) {
    return deadLetter(event, RecordLimit.TOO_LARGE, step + ": the " + topic + " record of " + size
        + " bytes exceeds its max.message.bytes=" + limit + " (topics.max.message.bytes); the event stays sealed in "
        + Topics.EVENTS_NORMALIZED.name() + " under its event id", eventCipher.seal(new byte[0], event.getEventId()));
  }

  /**
   * The audit event of erasing a patient's remembered identifiers, naming the operator who asked, if any; a null
   * token (the request did not name a patient token) is a refused request. A merge names the surviving patient's
   * token and how many values were carried over to it.
   */
  public org.phigate.schema.AuditEvent erased(String patientToken, Erasure erasure,
                                              boolean existed, String survivorToken, int carriedOver) {
    AuditEvents.Builder record = audit.event("deid.known.erase", AuditAction.D, erasure.requestId())
        .patientToken(patientToken)
        .entity(KnownIdentifierStore.STORE, "KnownIdentifiers", "4")
        .detail("reason", erasure.reasonCode())
        .detail("existed", existed)
        .detail("survivorPatientToken", survivorToken);
    if (survivorToken != null) {
      record.detail("carriedOver", carriedOver);
    }
    if (patientToken == null) {
      record.outcome(AuditOutcome.MINOR_FAILURE, "NOT_A_PATIENT_TOKEN");
    }
    if (!erasure.requestor().isEmpty()) {
      record.agent(erasure.requestor(), "operator", true);
    }
    return record.build();
  }

  /**
   * The audit event of a surviving patient's entry taking over a retired patient's values (a merge): both tokens,
   * how many values came over and how many the entry holds after the store's cap; a carry-over that does not open
   * for this survivor is refused.
   */
  public org.phigate.schema.AuditEvent inherited(String survivorToken, String retiredToken, String requestId,
                                                 int carried, int remembered, boolean refused) {
    AuditEvents.Builder record = audit.event("deid.known.merge", AuditAction.U, requestId)
        .patientToken(survivorToken)
        .entity(KnownIdentifierStore.STORE, "KnownIdentifiers", "4")
        .detail("reason", Erasure.PATIENT_MERGED)
        .detail("retiredPatientToken", retiredToken)
        .detail("carried", carried)
        .detail("remembered", remembered);
    if (refused) {
      record.outcome(AuditOutcome.MINOR_FAILURE, "CARRY_OVER_REFUSED");
    }
    return record.build();
  }

  private static Map<String, Integer> countByCategory(List<PhiFinding> findings) {
    Map<String, Integer> counts = new TreeMap<>();
    findings.forEach(f -> counts.merge(f.getCategory().name(), 1, Integer::sum));
    return counts;
  }

  /** A dead letter that keeps the still-sealed PHI; the exception text is dropped because it may quote PHI. */
  private IntakeFailure failure(ClinicalEvent event, String code, RuntimeException e) {
    return deadLetter(event, code, "de-identification failed (" + e.getClass().getSimpleName()
        + "); the event is kept sealed", event.getPhi());
  }

  /** A deid dead letter naming the event; {@code original} is sealed content only, never plain PHI. */
  private IntakeFailure deadLetter(ClinicalEvent event, String code, String reason, EncryptedBlob original) {
    return IntakeFailure.newBuilder()
        .setSourceMessageId(event.getSourceMessageId())
        .setTenant(event.getTenant())
        .setStage("deid")
        .setReasonCode(code)
        .setLocation(event.getEventId())
        .setReasonMessage(reason)
        .setContentType("application/vnd.phigate.clinical-event")
        .setReceivedAt(clock.instant())
        .setOriginalSha256("n/a")
        .setOriginal(original)
        .build();
  }

  private org.phigate.schema.AuditEvent failureAudit(ClinicalEvent event, String subtype, String code) {
    return audit.event(subtype, AuditAction.E, event.getEventId())
        .outcome(AuditOutcome.SERIOUS_FAILURE, code)
        .entity(event.getEventId(), "ClinicalEvent", "4")
        .build();
  }
}
