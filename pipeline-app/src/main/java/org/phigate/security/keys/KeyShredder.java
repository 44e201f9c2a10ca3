package org.phigate.security.keys;

import java.util.List;

/**
 * Crypto-shredding: destroys every data key of one patient (each sealing process and KEK version made its own), so
 * nothing sealed for that patient opens again, in any topic, store or copy. Keys of other patients are untouched.
 */
public final class KeyShredder {
  private final DataKeyStore store;

  public KeyShredder(DataKeyStore store) {
    this.store = store;
  }

  /** The ids of the patient's keys that are not destroyed yet. */
  public List<String> keysOf(String tenant, String patientToken) {
    String prefix = DataKeyIds.patientPrefix(tenant, patientToken);
    return store.list().stream().map(StoredKey::id).filter(id -> id.startsWith(prefix)).sorted().toList();
  }

  /** Destroys the patient's keys; returns their ids (empty when the patient has none left). */
  public List<String> shred(String tenant, String patientToken, String requestId) {
    List<String> ids = keysOf(tenant, patientToken);
    ids.forEach(id -> store.destroy(id, requestId));
    return ids;
  }
}
