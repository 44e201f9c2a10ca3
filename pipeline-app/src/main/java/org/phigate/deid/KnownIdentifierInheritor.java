package org.phigate.deid;

import org.phigate.deid.known.Erasure;
import org.phigate.deid.known.KnownIdentifierCarryOver;
import org.phigate.deid.known.StorePatientMemory;
import org.phigate.deid.known.KnownIdentifierStore;
import org.phigate.deid.known.KnownIdentifierPolicy;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.phigate.schema.AuditEvent;
import org.phigate.schema.EncryptedBlob;
import org.phigate.schema.StructuredField;
import org.phigate.security.CryptoException;

/**
 * The survivor's side of a patient merge: key = surviving patient token, value = {@link KnownIdentifierCarryOver}.
 * The retired patient's values join the survivor's entry (within the store's bounds), so the survivor's later notes
 * find them; the outcome is a {@code deid.known.merge} audit event keyed by the merge event id. A carry-over that is
 * malformed or does not open for this survivor changes nothing and is audited as refused.
 */
public final class KnownIdentifierInheritor implements Processor<String, String, String, AuditEvent> {
  private final DeidStage stage;
  private final KnownIdentifierStore sealing;
  private final KnownIdentifierPolicy policy;
  private ProcessorContext<String, AuditEvent> context;
  private StorePatientMemory memory;

  public KnownIdentifierInheritor(DeidStage stage, KnownIdentifierStore sealing, KnownIdentifierPolicy policy) {
    this.stage = stage;
    this.sealing = sealing;
    this.policy = policy;
  }

  @Override
  public void init(ProcessorContext<String, AuditEvent> context) {
    this.context = context;
    TimestampedKeyValueStore<String, EncryptedBlob> store = context.getStateStore(KnownIdentifierStore.STORE);
    this.memory = new StorePatientMemory(store, sealing, policy, context::currentSystemTimeMs);
  }

  @Override
  public void process(Record<String, String> record) {
    KnownIdentifierCarryOver carried = KnownIdentifierCarryOver.decode(record.key(), record.value());
    if (carried == null) {
      String survivor = record.key() != null && Erasure.PATIENT_TOKEN.matcher(record.key()).matches()
          ? record.key() : null;
      context.forward(record.withKey("unspecified")
          .withValue(stage.inherited(survivor, null, "unspecified", 0, 0, true)));
      return;
    }
    List<StructuredField> values;
    try {
      values = sealing.openCarried(carried);
    } catch (CryptoException | UncheckedIOException e) {
      context.forward(record.withKey(carried.requestId()).withValue(stage.inherited(carried.survivorToken(),
          carried.retiredToken(), carried.requestId(), 0, 0, true)));
      return;
    }
    List<StructuredField> merged = memory.inherit(carried.survivorToken(), values);
    context.forward(record.withKey(carried.requestId()).withValue(stage.inherited(carried.survivorToken(),
        carried.retiredToken(), carried.requestId(), values.size(), merged.size(), false)));
  }
}
