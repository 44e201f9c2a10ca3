package org.phigate.inference;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.Stores;
import org.phigate.catalog.TopicSerdes;
import org.phigate.catalog.Topics;

/**
 * The inference role's topology: reads only de-identified events, runs the model off the stream thread
 * ({@link InferenceProcessor}, with its pending store), writes AI results and audit events.
 */
public final class InferenceTopology {
  private InferenceTopology() {}

  public static Topology build(TopicSerdes serdes, InferenceStage stage, InferenceWorkers workers,
                               OffThreadSettings settings) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(InferenceProcessor.PENDING_STORE), Serdes.String(),
        PendingInference.serde(serdes.valueSerde(Topics.EVENTS_DEIDENTIFIED))));
    KStream<String, InferenceStage.Outcome> outcomes = builder
        .stream(Topics.EVENTS_DEIDENTIFIED.name(),
            serdes.consumed(Topics.EVENTS_DEIDENTIFIED, "inference-source"))
        .process(InferenceProcessor.supplier(stage, workers, settings), Named.as("inference-run"),
            InferenceProcessor.PENDING_STORE);
    outcomes.mapValues(InferenceStage.Outcome::audit, Named.as("inference-audit"))
        .to(Topics.AUDIT_EVENTS.name(), serdes.produced(Topics.AUDIT_EVENTS, "inference-audit-sink"));
    outcomes.filter((k, o) -> o.result() != null, Named.as("inference-has-result"))
        .mapValues(InferenceStage.Outcome::result, Named.as("inference-result"))
        .to(Topics.AI_RESULTS.name(), serdes.produced(Topics.AI_RESULTS, "inference-results-sink"));
    return builder.build();
  }
}
