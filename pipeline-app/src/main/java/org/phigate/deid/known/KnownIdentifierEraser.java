package org.phigate.deid.known;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.phigate.deid.DeidStage;
import org.phigate.schema.AuditEvent;
import org.phigate.schema.EncryptedBlob;

/**
 * Erases a patient's remembered identifiers: key = patient token, value = {@link Erasure#encode}. The delete writes
 * a tombstone to the store's changelog; the outcome is an audit event keyed by the requesting event id.
 */
public final class KnownIdentifierEraser implements Processor<String, String, String, AuditEvent> {
  private final DeidStage stage;
  private ProcessorContext<String, AuditEvent> context;
  private TimestampedKeyValueStore<String, EncryptedBlob> store;

  public KnownIdentifierEraser(DeidStage stage) {
    this.stage = stage;
  }

  /** Why and on whose request an entry is erased: a PHI-free reason code and the requesting event id. */
  public record Erasure(String reasonCode, String requestId) {
    public static final String PATIENT_MERGED = "PATIENT_MERGED";

    public String encode() {
      return reasonCode + ":" + requestId;
    }

    /** Reads {@link #encode}'s form; a value without a reason code is erased as UNSPECIFIED. */
    public static Erasure decode(String value) {
      int colon = value == null ? -1 : value.indexOf(':');
      return colon <= 0 ? new Erasure("UNSPECIFIED", value == null ? "" : value)
          : new Erasure(value.substring(0, colon), value.substring(colon + 1));
    }
  }

  @Override
  public void init(ProcessorContext<String, AuditEvent> context) {
    this.context = context;
    this.store = context.getStateStore(KnownIdentifierStore.STORE);
  }

  @Override
  public void process(Record<String, String> record) {
    if (record.key() == null) {
      return;
    }
    Erasure erasure = Erasure.decode(record.value());
    boolean existed = store.delete(record.key()) != null;
    context.forward(record.withKey(erasure.requestId())
        .withValue(stage.erased(record.key(), erasure.reasonCode(), erasure.requestId(), existed)));
  }
}
