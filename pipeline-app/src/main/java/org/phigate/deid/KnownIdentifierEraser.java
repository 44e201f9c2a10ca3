package org.phigate.deid;

import org.phigate.deid.known.Erasure;
import org.phigate.deid.known.PatientMerges;
import org.phigate.deid.known.KnownIdentifierCarryOver;
import org.phigate.deid.known.KnownIdentifierStore;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.phigate.schema.AuditEvent;
import org.phigate.schema.EncryptedBlob;
import org.phigate.schema.StructuredField;
import org.phigate.security.CryptoException;

/**
 * Erases a patient's remembered identifiers: key = patient token, value = {@link Erasure#encode} (from {@code phigate
 * deid forget} through {@code phigate.deid.erasures}) or {@link PatientMerges#request} (a patient merge, naming the
 * survivor). The delete writes a tombstone to the store's changelog. A merge first seals the retired entry's values
 * for the survivor ({@link KnownIdentifierCarryOver}). The outcome, keyed by the request id, is an audit event and
 * the carry-over, if any.
 */
public final class KnownIdentifierEraser implements Processor<String, String, String, KnownIdentifierEraser.Erased> {
  private final DeidStage stage;
  private final KnownIdentifierStore sealing;
  private ProcessorContext<String, Erased> context;
  private TimestampedKeyValueStore<String, EncryptedBlob> store;

  public KnownIdentifierEraser(DeidStage stage, KnownIdentifierStore sealing) {
    this.stage = stage;
    this.sealing = sealing;
  }

  /** An erasure's audit event and, for a merge whose retired entry held values, their way to the survivor. */
  public record Erased(AuditEvent audit, KnownIdentifierCarryOver carried) {}

  @Override
  public void init(ProcessorContext<String, Erased> context) {
    this.context = context;
    this.store = context.getStateStore(KnownIdentifierStore.STORE);
  }

  @Override
  public void process(Record<String, String> record) {
    Erasure erasure = Erasure.decode(record.value());
    String token = record.key() != null && Erasure.PATIENT_TOKEN.matcher(record.key()).matches() ? record.key() : null;
    ValueAndTimestamp<EncryptedBlob> erased = token == null ? null : store.delete(token);
    String survivor = token == null ? null : PatientMerges.survivor(record.value()).orElse(null);
    List<StructuredField> carried = survivor == null || erased == null ? List.of() : opened(token, erased.value());
    KnownIdentifierCarryOver carryOver = carried.isEmpty() ? null : new KnownIdentifierCarryOver(survivor, token,
        erasure.requestId(), sealing.sealCarried(survivor, token, erasure.requestId(), carried));
    context.forward(record.withKey(erasure.requestId()).withValue(new Erased(
        stage.erased(token, erasure, erased != null, survivor, carried.size()), carryOver)));
  }

  /** An entry that cannot be opened (altered, or sealed under a retired key) has nothing to carry over. */
  private List<StructuredField> opened(String token, EncryptedBlob blob) {
    try {
      return blob == null ? List.of() : sealing.open(token, blob);
    } catch (CryptoException | UncheckedIOException e) {
      return List.of();
    }
  }
}
