package org.phigate.review;

import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.phigate.catalog.TopicSerdes;
import org.phigate.catalog.Topics;
import org.phigate.schema.InferenceResult;
import org.phigate.schema.ReviewDecision;
import org.phigate.schema.ReviewItem;
import org.phigate.schema.ReviewStatus;
import org.phigate.schema.DeidentifiedEvent;
import org.phigate.schema.VaultEntry;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The review role's topology: AI results are re-keyed by review id (named repartition topic) so they meet their
 * decisions on the same partition, held in {@value #STORE}, and released to write-back only when approved. Items
 * past their SLA (deadlines indexed in {@value #SLA_STORE}), emergencies and escalate=true items are escalated once
 * to phigate.review.escalations. For the reviewer's view it also keeps the de-identified source of each event under
 * its review id ({@value #SOURCE_STORE}, dropped when the item is closed) and the vault as a global table
 * ({@value #VAULT_STORE}, sealed values; only the reviewer API opens them, with crypto.vault.key, for a reviewer's
 * audited view).
 */
public final class ReviewTopology {
  public static final String STORE = "review-hold-store";
  /** Pending items' SLA deadlines: key = zero-padded deadline millis + review id, value = review id. */
  public static final String SLA_STORE = "review-sla-store";
  public static final String SOURCE_STORE = "review-source-store";
  public static final String VAULT_STORE = "review-vault-store";

  private ReviewTopology() {}

  /** How often the SLA check runs and how many items one check escalates at most. */
  public record SlaCheckSettings(Duration interval, int maxPerCheck) {}

  public static Topology build(TopicSerdes serdes, ReviewStage stage, Escalations escalations,
                               SlaCheckSettings check) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE),
        serdes.keySerde(Topics.REVIEW_PENDING), serdes.valueSerde(Topics.REVIEW_PENDING)));
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SLA_STORE),
        Serdes.String(), Serdes.String()));

    KStream<String, ReviewStage.Held> held = builder
        .stream(Topics.AI_RESULTS.name(), serdes.consumed(Topics.AI_RESULTS, "review-results-source"))
        .selectKey((eventId, result) -> ReviewStage.reviewId(result.getEventId()), Named.as("review-key-by-review-id"))
        .repartition(Repartitioned.<String, InferenceResult>as("review-results-by-review-id")
            .withKeySerde(serdes.keySerde(Topics.AI_RESULTS)).withValueSerde(serdes.valueSerde(Topics.AI_RESULTS)))
        .processValues(() -> new StoreStep<InferenceResult, ReviewStage.Held>(
            (key, result, store, now) -> stage.hold(result, store, now), false), Named.as("review-hold"), STORE);
    held.map((k, h) -> org.apache.kafka.streams.KeyValue.pair(h.audit().getSubjectEventId(), h.audit()),
            Named.as("review-hold-audit"))
        .to(Topics.AUDIT_EVENTS.name(), serdes.produced(Topics.AUDIT_EVENTS, "review-hold-audit-sink"));
    held.filter((k, h) -> h.item() != null, Named.as("review-hold-new"))
        .mapValues(ReviewStage.Held::item, Named.as("review-pending-item"))
        .to(Topics.REVIEW_PENDING.name(), serdes.produced(Topics.REVIEW_PENDING, "review-pending-sink"));

    KStream<String, Escalations.Escalated> escalated = held.process(
        () -> new SlaCheck(escalations, check.interval(), check.maxPerCheck()), Named.as("review-sla-escalate"),
        STORE, SLA_STORE);
    escalated.mapValues(Escalations.Escalated::record, Named.as("review-escalation-record"))
        .to(Topics.REVIEW_ESCALATIONS.name(), serdes.produced(Topics.REVIEW_ESCALATIONS, "review-escalations-sink"));
    escalated.map((k, e) -> org.apache.kafka.streams.KeyValue.pair(e.audit().getSubjectEventId(), e.audit()),
            Named.as("review-escalate-audit"))
        .to(Topics.AUDIT_EVENTS.name(), serdes.produced(Topics.AUDIT_EVENTS, "review-escalate-audit-sink"));

    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SOURCE_STORE),
        serdes.keySerde(Topics.EVENTS_DEIDENTIFIED), serdes.valueSerde(Topics.EVENTS_DEIDENTIFIED)));
    builder.stream(Topics.EVENTS_DEIDENTIFIED.name(), serdes.consumed(Topics.EVENTS_DEIDENTIFIED,
            "review-sources-source"))
        .selectKey((eventId, event) -> ReviewStage.reviewId(event.getEventId()),
            Named.as("review-key-source-by-review-id"))
        .repartition(Repartitioned.<String, DeidentifiedEvent>as("review-sources-by-review-id")
            .withKeySerde(serdes.keySerde(Topics.EVENTS_DEIDENTIFIED))
            .withValueSerde(serdes.valueSerde(Topics.EVENTS_DEIDENTIFIED)))
        .process(KeepSource::new, Named.as("review-source-keep"), SOURCE_STORE);
    builder.globalTable(Topics.PHI_VAULT.name(), serdes.consumed(Topics.PHI_VAULT, "review-vault-source"),
        Materialized.<String, VaultEntry, KeyValueStore<Bytes, byte[]>>as(VAULT_STORE)
            .withKeySerde(serdes.keySerde(Topics.PHI_VAULT)).withValueSerde(serdes.valueSerde(Topics.PHI_VAULT)));

    KStream<String, ReviewStage.Decided> decided = builder
        .stream(Topics.REVIEW_DECISIONS.name(), serdes.consumed(Topics.REVIEW_DECISIONS, "review-decisions-source"))
        .processValues(() -> new StoreStep<ReviewDecision, ReviewStage.Decided>(
            (key, decision, store, now) -> stage.decide(key, decision, store), true), Named.as("review-decide"), STORE,
            SOURCE_STORE);
    decided.map((k, d) -> org.apache.kafka.streams.KeyValue.pair(d.audit().getSubjectEventId(), d.audit()),
            Named.as("review-decide-audit"))
        .to(Topics.AUDIT_EVENTS.name(), serdes.produced(Topics.AUDIT_EVENTS, "review-decide-audit-sink"));
    decided.filter((k, d) -> d.approved() != null, Named.as("review-approved-only"))
        .mapValues(ReviewStage.Decided::approved, Named.as("review-approved-result"))
        .to(Topics.REVIEW_APPROVED.name(), serdes.produced(Topics.REVIEW_APPROVED, "review-approved-sink"));
    return builder.build();
  }

  /** One review step that reads and writes the hold store. */
  @FunctionalInterface
  interface StoreFunction<V, R> {
    R apply(String key, V value, KeyValueStore<String, ReviewItem> store, Instant now);
  }

  private static final class StoreStep<V, R> implements FixedKeyProcessor<String, V, R> {
    private final StoreFunction<V, R> function;
    private final boolean dropsSources;
    private FixedKeyProcessorContext<String, R> context;
    private KeyValueStore<String, ReviewItem> store;

    /** @param dropsSources whether this step closes items (and so drops their sources; needs the source store) */
    StoreStep(StoreFunction<V, R> function, boolean dropsSources) {
      this.function = function;
      this.dropsSources = dropsSources;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, R> context) {
      this.context = context;
      this.store = context.getStateStore(STORE);
    }

    @Override
    public void process(FixedKeyRecord<String, V> record) {
      Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
      R result = function.apply(record.key(), record.value(), store, now);
      ReviewItem item = store.get(record.key());
      if (dropsSources && item != null && item.getStatus() != ReviewStatus.PENDING) {
        // a closed item's source is no longer shown to anyone
        context.<KeyValueStore<String, DeidentifiedEvent>>getStateStore(SOURCE_STORE).delete(record.key());
      }
      context.forward(record.withValue(result));
    }
  }

  /** Keeps each event's de-identified source under its review id while it may be reviewed. */
  private static final class KeepSource implements Processor<String, DeidentifiedEvent, Void, Void> {
    private KeyValueStore<String, DeidentifiedEvent> sources;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
      this.sources = context.getStateStore(SOURCE_STORE);
    }

    @Override
    public void process(Record<String, DeidentifiedEvent> record) {
      sources.put(record.key(), record.value());
    }
  }
}
