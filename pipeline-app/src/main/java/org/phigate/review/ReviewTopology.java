package org.phigate.review;

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

/**
 * The review role's topology: AI results are re-keyed by review id (named repartition topic) so they meet their
 * decisions on the same partition, held in {@value #STORE}, and released to write-back only when approved.
 */
public final class ReviewTopology {
  public static final String STORE = "review-hold-store";

  private ReviewTopology() {}

  public static Topology build(TopicSerdes serdes, ReviewStage stage) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE),
        serdes.keySerde(Topics.REVIEW_PENDING), serdes.valueSerde(Topics.REVIEW_PENDING)));

    KStream<String, ReviewStage.Held> held = builder
        .stream(Topics.AI_RESULTS.name(), serdes.consumed(Topics.AI_RESULTS, "review-results-source"))
        .selectKey((eventId, result) -> ReviewStage.reviewId(result.getEventId()), Named.as("review-key-by-review-id"))
        .repartition(Repartitioned.<String, InferenceResult>as("review-results-by-review-id")
            .withKeySerde(serdes.keySerde(Topics.AI_RESULTS)).withValueSerde(serdes.valueSerde(Topics.AI_RESULTS)))
        .processValues(() -> new StoreStep<InferenceResult, ReviewStage.Held>(
            (key, result, store) -> stage.hold(result, store)), Named.as("review-hold"), STORE);
    held.map((k, h) -> org.apache.kafka.streams.KeyValue.pair(h.audit().getSubjectEventId(), h.audit()),
            Named.as("review-hold-audit"))
        .to(Topics.AUDIT_EVENTS.name(), serdes.produced(Topics.AUDIT_EVENTS, "review-hold-audit-sink"));
    held.filter((k, h) -> h.item() != null, Named.as("review-hold-new"))
        .mapValues(ReviewStage.Held::item, Named.as("review-pending-item"))
        .to(Topics.REVIEW_PENDING.name(), serdes.produced(Topics.REVIEW_PENDING, "review-pending-sink"));

    KStream<String, ReviewStage.Decided> decided = builder
        .stream(Topics.REVIEW_DECISIONS.name(), serdes.consumed(Topics.REVIEW_DECISIONS, "review-decisions-source"))
        .processValues(() -> new StoreStep<ReviewDecision, ReviewStage.Decided>(
            (key, decision, store) -> stage.decide(key, decision, store)), Named.as("review-decide"), STORE);
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
    R apply(String key, V value, KeyValueStore<String, ReviewItem> store);
  }

  private static final class StoreStep<V, R> implements FixedKeyProcessor<String, V, R> {
    private final StoreFunction<V, R> function;
    private FixedKeyProcessorContext<String, R> context;
    private KeyValueStore<String, ReviewItem> store;

    StoreStep(StoreFunction<V, R> function) {
      this.function = function;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, R> context) {
      this.context = context;
      this.store = context.getStateStore(STORE);
    }

    @Override
    public void process(FixedKeyRecord<String, V> record) {
      context.forward(record.withValue(function.apply(record.key(), record.value(), store)));
    }
  }
}
