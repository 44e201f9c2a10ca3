package org.phigate.intake;

import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Suppresses re-sent copies: an accepted outcome whose dedup key was seen within the retention becomes a duplicate
 * outcome (audit event only). The store maps the hashed dedup key to the first event id.
 */
public final class IntakeDedupProcessor implements FixedKeyProcessor<String, IntakeOutcome, IntakeOutcome> {
  /** The named state store (and, by it, the changelog topic) of duplicate suppression. */
  public static final String STORE = "intake-dedup-store";

  private final IntakeStage stage;
  private final long retentionMs;
  private FixedKeyProcessorContext<String, IntakeOutcome> context;
  private WindowStore<String, String> seen;

  public IntakeDedupProcessor(IntakeStage stage, Duration retention) {
    this.stage = stage;
    this.retentionMs = retention.toMillis();
  }

  @Override
  public void init(FixedKeyProcessorContext<String, IntakeOutcome> context) {
    this.context = context;
    this.seen = context.getStateStore(STORE);
  }

  @Override
  public void process(FixedKeyRecord<String, IntakeOutcome> record) {
    IntakeOutcome outcome = record.value();
    if (!outcome.accepted() || outcome.dedupKey() == null) {
      context.forward(record);
      return;
    }
    long time = record.timestamp();
    String first = null;
    // Window starts are record times; look both ways so an out-of-order copy is caught too.
    try (WindowStoreIterator<String> it = seen.fetch(outcome.dedupKey(), Instant.ofEpochMilli(Math.max(0, time
        - retentionMs)), Instant.ofEpochMilli(time + retentionMs))) {
      if (it.hasNext()) {
        first = it.next().value;
      }
    }
    if (first != null) {
      context.forward(record.withValue(stage.duplicate(outcome, first)));
      return;
    }
    seen.put(outcome.dedupKey(), outcome.event().getEventId(), time);
    context.forward(record);
  }
}
