package org.phigate.deid;

import org.phigate.deid.known.StorePatientMemory;
import org.phigate.deid.known.PatientMemory;
import org.phigate.deid.known.KnownIdentifierStore;
import org.phigate.deid.known.KnownIdentifierPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.phigate.schema.ClinicalEvent;
import org.phigate.schema.EncryptedBlob;

/**
 * The deid detect step on events keyed by patient token: detection with the patient's remembered identifiers, the
 * store updated with the event's own, and the outcome re-keyed by event id. Once an hour (wall clock) entries of
 * patients without an event for the retention period are deleted, which writes a tombstone to the changelog.
 */
public final class DeidDetectProcessor implements Processor<String, ClinicalEvent, String, DeidOutcomes.Detected> {
  static final Duration SWEEP_INTERVAL = Duration.ofHours(1);

  private final DeidStage stage;
  private final KnownIdentifierStore sealing;
  private final KnownIdentifierPolicy policy;
  private ProcessorContext<String, DeidOutcomes.Detected> context;
  private TimestampedKeyValueStore<String, EncryptedBlob> store;
  private PatientMemory memory;

  public DeidDetectProcessor(DeidStage stage, KnownIdentifierStore sealing, KnownIdentifierPolicy policy) {
    this.stage = stage;
    this.sealing = sealing;
    this.policy = policy;
  }

  @Override
  public void init(ProcessorContext<String, DeidOutcomes.Detected> context) {
    this.context = context;
    this.store = context.getStateStore(KnownIdentifierStore.STORE);
    this.memory = new StorePatientMemory(store, sealing, policy, context::currentSystemTimeMs);
    context.schedule(SWEEP_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::sweep);
  }

  @Override
  public void process(Record<String, ClinicalEvent> record) {
    ClinicalEvent event = record.value();
    context.forward(record.withKey(event.getEventId()).withValue(stage.detect(event, memory)));
  }

  /** Deletes the entries last updated before now minus the retention; returns how many. */
  int sweep(long now) {
    long cutoff = now - policy.retention().toMillis();
    List<String> expired = new ArrayList<>();
    try (KeyValueIterator<String, ValueAndTimestamp<EncryptedBlob>> all = store.all()) {
      while (all.hasNext()) {
        KeyValue<String, ValueAndTimestamp<EncryptedBlob>> entry = all.next();
        if (entry.value != null && entry.value.timestamp() < cutoff) {
          expired.add(entry.key);
        }
      }
    }
    expired.forEach(store::delete);
    return expired.size();
  }
}
