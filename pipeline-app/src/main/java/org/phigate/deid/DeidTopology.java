package org.phigate.deid;

import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.phigate.catalog.TopicSerdes;
import org.phigate.catalog.Topics;
import org.phigate.config.CommonConfig;
import org.phigate.runtime.RecordLimit;
import org.phigate.schema.AuditEvent;
import org.phigate.schema.DeidentifiedEvent;
import org.phigate.schema.DetectedEvent;
import org.phigate.schema.IntakeFailure;

/**
 * The deid role's topology, two sub-topologies: detect (normalized to detected) and redact (detected to
 * de-identified, vault). Failures go to the PHI-zone dead-letter topic, still sealed.
 */
public final class DeidTopology {
  private DeidTopology() {}

  public static Topology build(TopicSerdes serdes, DeidStage stage) {
    return build(serdes, stage, CommonConfig.defaultMaxMessageBytes());
  }

  /** The topology; a detected or de-identified event over {@code maxMessageBytes} is dead-lettered instead. */
  public static Topology build(TopicSerdes serdes, DeidStage stage, int maxMessageBytes) {
    RecordLimit<DetectedEvent> detectedLimit = new RecordLimit<>(serdes, Topics.PHI_DETECTED, maxMessageBytes);
    RecordLimit<DeidentifiedEvent> deidLimit = new RecordLimit<>(serdes, Topics.EVENTS_DEIDENTIFIED,
        maxMessageBytes);
    StreamsBuilder builder = new StreamsBuilder();

    KStream<String, DeidOutcomes.Detected> detected = builder
        .stream(Topics.EVENTS_NORMALIZED.name(), serdes.consumed(Topics.EVENTS_NORMALIZED, "deid-detect-source"))
        .mapValues(event -> {
          DeidOutcomes.Detected outcome = stage.detect(event);
          int size = outcome.ok() ? detectedLimit.excess(outcome.detected()) : -1;
          return size < 0 ? outcome
              : stage.detectedTooLarge(event, detectedLimit.topic(), size, detectedLimit.limit());
        }, Named.as("deid-detect"));
    audit(detected.mapValues(DeidOutcomes.Detected::audit, Named.as("deid-detect-audit")), serdes, "deid-detect");
    Map<String, KStream<String, DeidOutcomes.Detected>> detectRoutes = detected.split(Named.as("deid-detect-route-"))
        .branch((k, o) -> o.ok(), Branched.as("ok")).defaultBranch(Branched.as("failed"));
    detectRoutes.get("deid-detect-route-ok")
        .mapValues(DeidOutcomes.Detected::detected, Named.as("deid-detect-result"))
        .to(Topics.PHI_DETECTED.name(), serdes.produced(Topics.PHI_DETECTED, "deid-detected-sink"));
    deadLetter(detectRoutes.get("deid-detect-route-failed")
        .mapValues(DeidOutcomes.Detected::failure, Named.as("deid-detect-failure")), serdes, "deid-detect");

    KStream<String, DeidOutcomes.Redacted> redacted = builder
        .stream(Topics.PHI_DETECTED.name(), serdes.consumed(Topics.PHI_DETECTED, "deid-redact-source"))
        .mapValues(event -> {
          DeidOutcomes.Redacted outcome = stage.redact(event);
          int size = outcome.ok() ? deidLimit.excess(outcome.event()) : -1;
          return size < 0 ? outcome
              : stage.redactedTooLarge(event.getEvent(), deidLimit.topic(), size, deidLimit.limit());
        }, Named.as("deid-redact"));
    audit(redacted.mapValues(DeidOutcomes.Redacted::audit, Named.as("deid-redact-audit")), serdes, "deid-redact");
    redacted
        .flatMap((k, o) -> o.vaultEntries().stream().map(v -> KeyValue.pair(v.getToken(), v)).toList(),
            Named.as("deid-vault-entries"))
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
