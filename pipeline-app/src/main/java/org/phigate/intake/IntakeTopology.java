package org.phigate.intake;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.Stores;
import org.phigate.catalog.TopicSerdes;
import org.phigate.catalog.Topics;
import org.phigate.config.CommonConfig;
import org.phigate.streams.RecordLimit;
import org.phigate.streams.StageProcessor;
import org.phigate.schema.ClinicalEvent;

/** The intake role's topology: raw HL7 v2 / FHIR bytes to sealed ClinicalEvents, dead letters and audit events. */
public final class IntakeTopology {
  /** Default duplicate-suppression window (the raw topic's retention). */
  public static final Duration DEFAULT_DEDUP_RETENTION = Duration.ofDays(7);

  private IntakeTopology() {}

  public static Topology build(TopicSerdes serdes, IntakeStage stage) {
    return build(serdes, stage, DEFAULT_DEDUP_RETENTION, CommonConfig.defaultMaxMessageBytes());
  }

  /** The topology with the default normalized-size budget, a third of {@code maxMessageBytes}. */
  public static Topology build(TopicSerdes serdes, IntakeStage stage, Duration dedupRetention, int maxMessageBytes) {
    return build(serdes, stage, dedupRetention, maxMessageBytes, maxMessageBytes / 3);
  }

  /**
   * The topology; an accepted message whose event would exceed {@code maxNormalizedBytes} (which leaves room within
   * {@code maxMessageBytes} for de-identification's findings) is dead-lettered with NORMALIZED_TOO_LARGE.
   */
  public static Topology build(TopicSerdes serdes, IntakeStage stage, Duration dedupRetention, int maxMessageBytes,
                               int maxNormalizedBytes) {
    RecordLimit<ClinicalEvent> limit = RecordLimit.budget(serdes, Topics.EVENTS_NORMALIZED,
        Math.min(maxNormalizedBytes, Topics.EVENTS_NORMALIZED.maxMessageBytes(maxMessageBytes)));
    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(Stores.windowStoreBuilder(Stores.persistentWindowStore(IntakeDedupProcessor.STORE,
        dedupRetention, dedupRetention, false), Serdes.String(), Serdes.String()));
    KStream<String, IntakeOutcome> outcomes = builder
        .stream(Topics.INTAKE_RAW.name(), serdes.consumed(Topics.INTAKE_RAW, "intake-source"))
        .processValues(StageProcessor.<byte[], IntakeOutcome>of((key, payload, headers, time) -> {
          Header header = headers.lastHeader(Topics.CONTENT_TYPE_HEADER);
          String contentType = header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
          IntakeOutcome outcome = stage.process(key, payload, contentType, time);
          int size = outcome.accepted() ? limit.excess(outcome.event()) : -1;
          return size < 0 ? outcome
              : stage.normalizedTooLarge(key, payload, contentType, time, size, limit.limit());
        }), Named.as("intake-parse"))
        .processValues(() -> new IntakeDedupProcessor(stage, dedupRetention), Named.as("intake-dedup"),
            IntakeDedupProcessor.STORE);

    outcomes
        .map((key, outcome) -> KeyValue.pair(outcome.audit().getSubjectEventId(), outcome.audit()),
            Named.as("intake-audit"))
        .to(Topics.AUDIT_EVENTS.name(), serdes.produced(Topics.AUDIT_EVENTS, "intake-audit-sink"));

    // Duplicates match neither branch: they end here, having produced only their audit event.
    Map<String, KStream<String, IntakeOutcome>> routes = outcomes.split(Named.as("intake-route-"))
        .branch((key, outcome) -> outcome.accepted(), Branched.as("accepted"))
        .branch((key, outcome) -> outcome.rejected(), Branched.as("rejected"))
        .noDefaultBranch();
    routes.get("intake-route-accepted")
        .map((key, outcome) -> KeyValue.pair(outcome.event().getEventId(), outcome.event()),
            Named.as("intake-key-by-event-id"))
        .to(Topics.EVENTS_NORMALIZED.name(), serdes.produced(Topics.EVENTS_NORMALIZED, "intake-normalized-sink"));
    // dead letters are keyed by the failure's hashed source id, never by the sender's key on intake.raw
    routes.get("intake-route-rejected")
        .map((key, outcome) -> KeyValue.pair(outcome.failure().getSourceMessageId(), outcome.failure()),
            Named.as("intake-dead-letter"))
        .to(Topics.INTAKE_DLQ.name(), serdes.produced(Topics.INTAKE_DLQ, "intake-dlq-sink"));
    return builder.build();
  }
}
