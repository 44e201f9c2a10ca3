package org.phigate.deid.known;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.LongSupplier;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.phigate.schema.EncryptedBlob;
import org.phigate.schema.StructuredField;
import org.phigate.security.CryptoException;

/** {@link PatientMemory} over the known-identifier store; entries are stamped with the wall-clock time of the update. */
public final class StorePatientMemory implements PatientMemory {
  private final TimestampedKeyValueStore<String, EncryptedBlob> store;
  private final KnownIdentifierStore sealing;
  private final KnownIdentifierPolicy policy;
  private final LongSupplier now;

  public StorePatientMemory(TimestampedKeyValueStore<String, EncryptedBlob> store, KnownIdentifierStore sealing,
                     KnownIdentifierPolicy policy, LongSupplier now) {
    this.store = store;
    this.sealing = sealing;
    this.policy = policy;
    this.now = now;
  }

  /**
   * An entry that cannot be opened (its key was retired, or it was altered) is treated as empty and replaced by the
   * next update: detection then falls back to the event's own identifiers, as without the store.
   */
  @Override
  public List<StructuredField> recall(String patientToken) {
    ValueAndTimestamp<EncryptedBlob> entry = store.get(patientToken);
    if (entry == null || entry.value() == null) {
      return List.of();
    }
    try {
      return sealing.open(patientToken, entry.value());
    } catch (CryptoException | UncheckedIOException e) {
      return List.of();
    }
  }

  @Override
  public void remember(String patientToken, List<StructuredField> remembered, List<StructuredField> current) {
    put(patientToken, policy.merge(remembered, current));
  }

  /** Adds a retired patient's values to the survivor's entry (see {@link KnownIdentifierPolicy#inherit}). */
  public List<StructuredField> inherit(String survivorToken, List<StructuredField> carried) {
    List<StructuredField> merged = policy.inherit(carried, recall(survivorToken));
    put(survivorToken, merged);
    return merged;
  }

  private void put(String patientToken, List<StructuredField> merged) {
    if (!merged.isEmpty()) {
      store.put(patientToken, ValueAndTimestamp.make(sealing.seal(patientToken, merged), now.getAsLong()));
    }
  }
}
