package org.phigate.streams;

import java.time.Instant;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/** Adapts a {@link ValueStage} to a fixed-key processor, giving the stage the record's headers and timestamp. */
public final class StageProcessor<V, R> implements FixedKeyProcessor<String, V, R> {
  private final ValueStage<V, R> stage;
  private FixedKeyProcessorContext<String, R> context;

  private StageProcessor(ValueStage<V, R> stage) {
    this.stage = stage;
  }

  public static <V, R> FixedKeyProcessorSupplier<String, V, R> of(ValueStage<V, R> stage) {
    return () -> new StageProcessor<>(stage);
  }

  @Override
  public void init(FixedKeyProcessorContext<String, R> context) {
    this.context = context;
  }

  @Override
  public void process(FixedKeyRecord<String, V> record) {
    R out = stage.apply(record.key(), record.value(), record.headers(), Instant.ofEpochMilli(record.timestamp()));
    if (out != null) {
      context.forward(record.withValue(out));
    }
  }
}
