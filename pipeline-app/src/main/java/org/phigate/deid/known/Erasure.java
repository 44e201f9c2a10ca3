package org.phigate.deid.known;

import java.util.regex.Pattern;

/**
 * Why and on whose request an entry is erased: a PHI-free reason code, the requesting event or request id, and
 * the operator who asked (empty for automatic erasures such as merges).
 */
public record Erasure(String reasonCode, String requestId, String requestor) {
  /** The form of {@code Pseudonymizer.patientToken}: anything else (say, an MRN sent by mistake) is refused. */
  public static final Pattern PATIENT_TOKEN = Pattern.compile("PT-[0-9a-f]{12}");
  private static final Pattern REASON = Pattern.compile("[A-Z][A-Z_]{0,39}");
  private static final Pattern CODE = Pattern.compile("[A-Za-z0-9._@-]{1,80}");
  private static final Pattern REQUESTOR = Pattern.compile("[A-Za-z0-9._@:-]{1,80}");
  public static final String PATIENT_MERGED = "PATIENT_MERGED";
  public static final String ADMIN_REQUEST = "ADMIN_REQUEST";

  public String encode() {
    return reasonCode + ":" + requestId + (requestor.isEmpty() ? "" : ":" + requestor);
  }

  /**
   * Reads {@link #encode}'s form. Each part must be a plain code (they end up in audit events); a request that is
   * not of that form still erases, as UNSPECIFIED.
   */
  public static Erasure decode(String value) {
    String[] parts = value == null ? new String[0] : PatientMerges.withoutSurvivor(value).split(":", 3);
    if (parts.length < 2 || !REASON.matcher(parts[0]).matches() || !CODE.matcher(parts[1]).matches()
        || parts.length == 3 && !REQUESTOR.matcher(parts[2]).matches()) {
      return new Erasure("UNSPECIFIED", "unspecified", "");
    }
    return new Erasure(parts[0], parts[1], parts.length == 3 ? parts[2] : "");
  }
}
