package org.phigate.deid;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.phigate.catalog.TopicSerdes;
import org.phigate.catalog.Topics;
import org.phigate.deid.known.KnownIdentifierPolicy;
import org.phigate.deid.known.KnownIdentifierStore;
import org.phigate.deid.known.PatientMerges;
import org.phigate.streams.RecordLimit;
import org.phigate.schema.AuditEvent;
import org.phigate.schema.ClinicalEvent;
import org.phigate.schema.DeidentifiedEvent;
import org.phigate.schema.DetectedEvent;
import org.phigate.schema.IntakeFailure;
import org.phigate.schema.VaultEntry;
import org.phigate.schema.VaultEntryKind;

/**
 * The deid role's topology. Normalized events (keyed by event id) are re-keyed by patient token through the named
 * repartition topic {@value #EVENTS_BY_PATIENT}, so every event of a patient meets the patient's entry in the
 * known-identifier store on one task; detection finds identifiers remembered from earlier events again in the text.
 * Patient merges and operator requests ({@code phigate.deid.erasures}) erase a patient's entry through
 * {@value #ERASURES_BY_PATIENT}; a merge first carries the retired entry's values (sealed) to the survivor's entry
 * through {@value #CARRIED_BY_PATIENT}, which may live on another task. Detected events (keyed by event id again)
 * are redacted into de-identified events and vault entries. An event's EVENT_KEYS entry goes straight to the vault;
 * value and patient entries, which many events repeat, go through {@value #VAULT_BY_KEY} to the
 * {@link VaultWriteFilter}, which writes each key once. Failures go to the PHI-zone dead-letter topic, still sealed.
 */
public final class DeidTopology {
  /** Repartition topic (application.id-prefixed) of normalized events keyed by patient token; values stay sealed. */
  public static final String EVENTS_BY_PATIENT = "deid-events-by-patient";
  /** Repartition topic of erasure requests keyed by patient token; values are PHI-free codes. */
  public static final String ERASURES_BY_PATIENT = "deid-erasures-by-patient";
  /** Repartition topic of merges' carried values keyed by the survivor's patient token; values stay sealed. */
  public static final String CARRIED_BY_PATIENT = "deid-known-carried-by-patient";
  /** Repartition topic of value and patient vault entries keyed by vault key; values stay sealed. */
  public static final String VAULT_BY_KEY = "deid-vault-by-key";

  private DeidTopology() {}

  /**
   * @param partitions of the repartition topics: equal counts keep a patient's events and erasure requests on the
   *     task that holds the patient's store entry, whatever the partition counts of the source topics
   * @param maxMessageBytes a detected or de-identified event over this size is dead-lettered instead
   */
  public static Topology build(TopicSerdes serdes, DeidStage stage, KnownIdentifierStore sealing,
                               KnownIdentifierPolicy policy, int partitions, int maxMessageBytes) {
    RecordLimit<DetectedEvent> detectedLimit = new RecordLimit<>(serdes, Topics.PHI_DETECTED, maxMessageBytes);
    RecordLimit<DeidentifiedEvent> deidLimit = new RecordLimit<>(serdes, Topics.EVENTS_DEIDENTIFIED,
        maxMessageBytes);
    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(KnownIdentifierStore.builder());
    builder.addStateStore(VaultWriteFilter.builder());

    KStream<String, DeidOutcomes.Routed> routed = builder
        .stream(Topics.EVENTS_NORMALIZED.name(), serdes.consumed(Topics.EVENTS_NORMALIZED, "deid-detect-source"))
        .mapValues(stage::route, Named.as("deid-route"));
    KStream<String, DeidOutcomes.Detected> detected = routed
        .map((eventId, r) -> KeyValue.pair(r.patientToken(), r.event()), Named.as("deid-key-by-patient"))
        .repartition(Repartitioned.<String, ClinicalEvent>as(EVENTS_BY_PATIENT).withNumberOfPartitions(partitions)
            .withKeySerde(serdes.keySerde(Topics.EVENTS_NORMALIZED))
            .withValueSerde(serdes.valueSerde(Topics.EVENTS_NORMALIZED)))
        .process(() -> new DeidDetectProcessor(stage, sealing, policy), Named.as("deid-detect"),
            KnownIdentifierStore.STORE)
        .mapValues((eventId, outcome) -> {
          int size = outcome.ok() ? detectedLimit.excess(outcome.detected()) : -1;
          return size < 0 ? outcome : stage.detectedTooLarge(outcome.detected().getEvent(), detectedLimit.topic(),
              size, detectedLimit.limit());
        }, Named.as("deid-detect-size"));
    audit(detected.mapValues(DeidOutcomes.Detected::audit, Named.as("deid-detect-audit")), serdes, "deid-detect");
    Map<String, KStream<String, DeidOutcomes.Detected>> detectRoutes = detected.split(Named.as("deid-detect-route-"))
        .branch((k, o) -> o.ok(), Branched.as("ok")).defaultBranch(Branched.as("failed"));
    detectRoutes.get("deid-detect-route-ok")
        .mapValues(DeidOutcomes.Detected::detected, Named.as("deid-detect-result"))
        .to(Topics.PHI_DETECTED.name(), serdes.produced(Topics.PHI_DETECTED, "deid-detected-sink"));
    deadLetter(detectRoutes.get("deid-detect-route-failed")
        .mapValues(DeidOutcomes.Detected::failure, Named.as("deid-detect-failure")), serdes, "deid-detect");

    KStream<String, String> requested = builder
        .stream(Topics.DEID_ERASURES.name(), serdes.consumed(Topics.DEID_ERASURES, "deid-erasure-requests-source"))
        // only merges read here carry values between patients' entries, never a request from outside
        .mapValues(v -> v == null ? null : PatientMerges.withoutSurvivor(new String(v, StandardCharsets.UTF_8)),
            Named.as("deid-erasure-requests"));
    KStream<String, KnownIdentifierEraser.Erased> erased = routed
        .flatMap((eventId, r) -> r.retiredPatientTokens().stream()
            .map(token -> KeyValue.pair(token, PatientMerges.request(eventId, r.survivorToken()))).toList(),
            Named.as("deid-merged-patients"))
        .merge(requested, Named.as("deid-erasures"))
        .repartition(Repartitioned.<String, String>as(ERASURES_BY_PATIENT).withNumberOfPartitions(partitions)
            .withKeySerde(Serdes.String()).withValueSerde(Serdes.String()))
        .process(() -> new KnownIdentifierEraser(stage, sealing), Named.as("deid-known-erase"),
            KnownIdentifierStore.STORE);
    audit(erased.mapValues(KnownIdentifierEraser.Erased::audit, Named.as("deid-known-erase-audit")), serdes,
        "deid-known-erase");
    KStream<String, AuditEvent> inherited = erased
        .flatMap((requestId, e) -> e.carried() == null ? List.<KeyValue<String, String>>of()
            : List.of(KeyValue.pair(e.carried().survivorToken(), e.carried().encode())),
            Named.as("deid-known-carry-over"))
        .repartition(Repartitioned.<String, String>as(CARRIED_BY_PATIENT).withNumberOfPartitions(partitions)
            .withKeySerde(Serdes.String()).withValueSerde(Serdes.String()))
        .process(() -> new KnownIdentifierInheritor(stage, sealing, policy), Named.as("deid-known-inherit"),
            KnownIdentifierStore.STORE);
    audit(inherited, serdes, "deid-known-inherit");

    KStream<String, DeidOutcomes.Redacted> redacted = builder
        .stream(Topics.PHI_DETECTED.name(), serdes.consumed(Topics.PHI_DETECTED, "deid-redact-source"))
        .mapValues(event -> {
          DeidOutcomes.Redacted outcome = stage.redact(event);
          int size = outcome.ok() ? deidLimit.excess(outcome.event()) : -1;
          return size < 0 ? outcome
              : stage.redactedTooLarge(event.getEvent(), deidLimit.topic(), size, deidLimit.limit());
        }, Named.as("deid-redact"));
    audit(redacted.mapValues(DeidOutcomes.Redacted::audit, Named.as("deid-redact-audit")), serdes, "deid-redact");
    Map<String, KStream<String, VaultEntry>> vaultRoutes = redacted
        .flatMap((k, o) -> o.vaultEntries().stream().map(v -> KeyValue.pair(v.getToken(), v)).toList(),
            Named.as("deid-vault-entries"))
        .split(Named.as("deid-vault-route-"))
        .branch((key, v) -> v.getKind() == VaultEntryKind.EVENT_KEYS, Branched.as("event-keys"))
        .defaultBranch(Branched.as("values"));
    vaultRoutes.get("deid-vault-route-event-keys")
        .to(Topics.PHI_VAULT.name(), serdes.produced(Topics.PHI_VAULT, "deid-vault-event-keys-sink"));
    vaultRoutes.get("deid-vault-route-values")
        .repartition(Repartitioned.<String, VaultEntry>as(VAULT_BY_KEY).withNumberOfPartitions(partitions)
            .withKeySerde(serdes.keySerde(Topics.PHI_VAULT)).withValueSerde(serdes.valueSerde(Topics.PHI_VAULT)))
        .process(VaultWriteFilter::new, Named.as("deid-vault-write-filter"), VaultWriteFilter.STORE)
        .to(Topics.PHI_VAULT.name(), serdes.produced(Topics.PHI_VAULT, "deid-vault-sink"));
    Map<String, KStream<String, DeidOutcomes.Redacted>> redactRoutes = redacted.split(Named.as("deid-redact-route-"))
        .branch((k, o) -> o.ok(), Branched.as("ok")).defaultBranch(Branched.as("failed"));
    redactRoutes.get("deid-redact-route-ok")
        .mapValues(DeidOutcomes.Redacted::event, Named.as("deid-redact-result"))
        .to(Topics.EVENTS_DEIDENTIFIED.name(),
            serdes.produced(Topics.EVENTS_DEIDENTIFIED, "deid-deidentified-sink"));
    deadLetter(redactRoutes.get("deid-redact-route-failed")
        .mapValues(DeidOutcomes.Redacted::failure, Named.as("deid-redact-failure")), serdes, "deid-redact");
    return builder.build();
  }

  private static void audit(KStream<String, AuditEvent> events, TopicSerdes serdes, String step) {
    events.to(Topics.AUDIT_EVENTS.name(), serdes.produced(Topics.AUDIT_EVENTS, step + "-audit-sink"));
  }

  private static void deadLetter(KStream<String, IntakeFailure> failures, TopicSerdes serdes, String step) {
    failures.to(Topics.INTAKE_DLQ.name(), serdes.produced(Topics.INTAKE_DLQ, step + "-dlq-sink"));
  }
}
