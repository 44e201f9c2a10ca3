package org.phigate.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed-HMAC pseudonyms: the same value yields the same token within a tenant, and nothing outside the key holder
 * can link a token back to its value. Also derives the per-patient date shift.
 */
public final class Pseudonymizer {
  private final byte[] key;

  public Pseudonymizer(byte[] key) {
    if (key.length < 32) {
      throw new IllegalArgumentException("the HMAC key must be at least 32 bytes");
    }
    this.key = key.clone();
  }

  /** Type-prefixed token such as {@code [NAME-4f2a9c01]} for a value of the given category in tenant. */
  public String token(String tenant, String category, String value) {
    return "[" + category + "-" + hex(tenant + "|" + category + "|" + normalize(value), 4) + "]";
  }

  /** Pseudonymous patient token such as {@code PT-1b2c3d4e5f60}, stable per tenant and patient key. */
  public String patientToken(String tenant, String patientKey) {
    return "PT-" + hex(tenant + "|patient|" + patientKey.trim(), 6);
  }

  /** Days (between -365 and -1) by which this patient's dates shift; the same for every event of the patient. */
  public int dateShiftDays(String tenant, String patientKey) {
    byte[] mac = mac(tenant + "|dateshift|" + patientKey.trim());
    int positive = ((mac[0] & 0xff) << 8 | (mac[1] & 0xff));
    return -1 - (positive % 365);
  }

  /** Lower-cased, whitespace-collapsed form so "SMITH,  John" and "smith, john" share a token. */
  public static String normalize(String value) {
    return value.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }

  private String hex(String input, int bytes) {
    byte[] mac = mac(input);
    return HexFormat.of().formatHex(mac, 0, bytes);
  }

  private byte[] mac(String input) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(input.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new CryptoException("HMAC-SHA256 unavailable", e);
    }
  }
}
