package org.phigate.writeback;

import java.util.Map;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.phigate.catalog.TopicSerdes;
import org.phigate.catalog.Topics;
import org.phigate.schema.ApprovedResult;
import org.phigate.schema.VaultEntry;

/** The writeback role's topology: approved results, the vault as a global table, FHIR writes, outcomes and audit. */
public final class WritebackTopology {
  public static final String VAULT_STORE = "writeback-vault-store";

  private WritebackTopology() {}

  public static Topology build(TopicSerdes serdes, WritebackStage stage) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.globalTable(Topics.PHI_VAULT.name(), serdes.consumed(Topics.PHI_VAULT, "writeback-vault-source"),
        Materialized.<String, VaultEntry, KeyValueStore<Bytes, byte[]>>as(VAULT_STORE)
            .withKeySerde(serdes.keySerde(Topics.PHI_VAULT)).withValueSerde(serdes.valueSerde(Topics.PHI_VAULT)));

    KStream<String, WritebackStage.Outcome> outcomes = builder
        .stream(Topics.REVIEW_APPROVED.name(), serdes.consumed(Topics.REVIEW_APPROVED, "writeback-source"))
        .processValues(() -> new WriteStep(stage), Named.as("writeback-write"));
    outcomes.map((k, o) -> org.apache.kafka.streams.KeyValue.pair(o.audit().getSubjectEventId(), o.audit()),
            Named.as("writeback-audit"))
        .to(Topics.AUDIT_EVENTS.name(), serdes.produced(Topics.AUDIT_EVENTS, "writeback-audit-sink"));
    Map<String, KStream<String, WritebackStage.Outcome>> routes = outcomes.split(Named.as("writeback-route-"))
        .branch((k, o) -> o.written(), Branched.as("written")).defaultBranch(Branched.as("failed"));
    routes.get("writeback-route-written")
        .map((k, o) -> org.apache.kafka.streams.KeyValue.pair(o.outcome().getEventId(), o.outcome()),
            Named.as("writeback-outcome"))
        .to(Topics.EHR_OUTCOMES.name(), serdes.produced(Topics.EHR_OUTCOMES, "writeback-outcomes-sink"));
    routes.get("writeback-route-failed")
        .map((k, o) -> org.apache.kafka.streams.KeyValue.pair(o.outcome().getEventId(), o.outcome()),
            Named.as("writeback-failure"))
        .to(Topics.EHR_DLQ.name(), serdes.produced(Topics.EHR_DLQ, "writeback-dlq-sink"));
    return builder.build();
  }

  private static final class WriteStep implements FixedKeyProcessor<String, ApprovedResult, WritebackStage.Outcome> {
    private final WritebackStage stage;
    private FixedKeyProcessorContext<String, WritebackStage.Outcome> context;
    private TimestampedKeyValueStore<String, VaultEntry> vault;

    WriteStep(WritebackStage stage) {
      this.stage = stage;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, WritebackStage.Outcome> context) {
      this.context = context;
      this.vault = context.getStateStore(VAULT_STORE);
    }

    @Override
    public void process(FixedKeyRecord<String, ApprovedResult> record) {
      context.forward(record.withValue(stage.write(record.value(), token -> {
        ValueAndTimestamp<VaultEntry> entry = vault.get(token);
        return entry == null ? null : entry.value();
      })));
    }
  }
}
