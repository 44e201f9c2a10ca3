package org.phigate.security.keys;

import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.HexFormat;

/**
 * Ids of data keys, as every envelope blob names its key. A patient's key: {@code dk1:p:<tenant>:<patient token>:<16
 * hex>}; a tenant-day key of records that belong to no patient: {@code dk1:d:<tenant>:<yyyy-mm-dd>:<16 hex>}. The
 * random suffix makes each key's id unique, so processes create keys without coordinating; a patient may have
 * several keys (one per sealing process and KEK version), and shredding destroys them all.
 */
public final class DataKeyIds {
  /** Prefix of every data key id; legacy key ids (crypto.*.key.id) must not start with it. */
  public static final String PREFIX = "dk1:";
  private static final String PATIENT = PREFIX + "p:";
  private static final String DAY = PREFIX + "d:";
  private static final SecureRandom RANDOM = new SecureRandom();

  private DataKeyIds() {}

  /** A new id of a key of this patient (a PT- token) in tenant. */
  public static String newPatientKey(String tenant, String patientToken) {
    return patientPrefix(tenant, patientToken) + suffix();
  }

  /** A new id of a key of this tenant and day. */
  public static String newDayKey(String tenant, LocalDate day) {
    return DAY + tenant + ":" + day + ":" + suffix();
  }

  /** What every key id of this patient starts with. */
  public static String patientPrefix(String tenant, String patientToken) {
    return PATIENT + tenant + ":" + patientToken + ":";
  }

  /** True for an id of a patient's key, kept in the key store. */
  public static boolean isPatientKey(String id) {
    return id.startsWith(PATIENT);
  }

  /** True for ids of this format (envelope blobs), false for legacy key ids. */
  public static boolean isDataKey(String id) {
    return id != null && id.startsWith(PREFIX);
  }

  private static String suffix() {
    byte[] bytes = new byte[8];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
