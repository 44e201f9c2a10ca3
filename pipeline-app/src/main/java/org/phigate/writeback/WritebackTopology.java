package org.phigate.writeback;

import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.phigate.catalog.TopicSerdes;
import org.phigate.catalog.Topics;
import org.phigate.schema.VaultEntry;

/**
 * The writeback role's topology: approved results, the vault as a global table, EHR delivery off the stream thread
 * ({@link DeliveryProcessor} with its idempotency store), outcomes, EHR dead letters and audit.
 */
public final class WritebackTopology {
  public static final String VAULT_STORE = "writeback-vault-store";

  private WritebackTopology() {}

  /** How delivery runs: the worker pool, retry policy, per-partition in-flight limit and punctuation interval. */
  public record Delivery(WritebackWorkers workers, DeliveryPolicy policy, int maxInFlight,
                         Duration punctuateInterval) {}

  public static Topology build(TopicSerdes serdes, WritebackStage stage, Delivery delivery) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.globalTable(Topics.PHI_VAULT.name(), serdes.consumed(Topics.PHI_VAULT, "writeback-vault-source"),
        Materialized.<String, VaultEntry, KeyValueStore<Bytes, byte[]>>as(VAULT_STORE)
            .withKeySerde(serdes.keySerde(Topics.PHI_VAULT)).withValueSerde(serdes.valueSerde(Topics.PHI_VAULT)));
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DeliveryProcessor.STORE),
        Serdes.String(), PendingWrite.serde(serdes.valueSerde(Topics.REVIEW_APPROVED))));

    KStream<String, WritebackStage.Outcome> outcomes = builder
        .stream(Topics.REVIEW_APPROVED.name(), serdes.consumed(Topics.REVIEW_APPROVED, "writeback-source"))
        .process(DeliveryProcessor.supplier(stage, delivery.workers(), delivery.policy(), delivery.maxInFlight(),
            delivery.punctuateInterval()), Named.as("writeback-write"), DeliveryProcessor.STORE);
    outcomes.map((k, o) -> KeyValue.pair(o.audit().getSubjectEventId(), o.audit()), Named.as("writeback-audit"))
        .to(Topics.AUDIT_EVENTS.name(), serdes.produced(Topics.AUDIT_EVENTS, "writeback-audit-sink"));
    var routes = outcomes.split(Named.as("writeback-route-"))
        .branch((k, o) -> o.written(), Branched.as("written"))
        .branch((k, o) -> o.failed(), Branched.as("failed"))
        .noDefaultBranch();
    routes.get("writeback-route-written")
        .map((k, o) -> KeyValue.pair(o.outcome().getEventId(), o.outcome()), Named.as("writeback-outcome"))
        .to(Topics.EHR_OUTCOMES.name(), serdes.produced(Topics.EHR_OUTCOMES, "writeback-outcomes-sink"));
    routes.get("writeback-route-failed")
        .map((k, o) -> KeyValue.pair(o.outcome().getEventId(), o.outcome()), Named.as("writeback-failure"))
        .to(Topics.EHR_DLQ.name(), serdes.produced(Topics.EHR_DLQ, "writeback-dlq-sink"));
    return builder.build();
  }
}
