package org.phigate.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed-HMAC pseudonyms: the same value yields the same token within a tenant, and nothing outside the key holder
 * can link a token back to its value. A token is the first bits of the value's full keyed hash, whose 256 bits name
 * the value's vault entry ({@link VaultKeys}), so two values can share a short token but never a vault key. Also
 * derives the per-patient date shift.
 */
public final class Pseudonymizer {
  /** Bits of a value token such as {@code [NAME-4f2a9c01]}. */
  public static final int DEFAULT_TOKEN_BITS = 32;
  /** Bits of a patient token such as {@code PT-1b2c3d4e5f60}. */
  public static final int DEFAULT_PATIENT_TOKEN_BITS = 48;
  private static final int HASH_BITS = 256;
  private static final java.util.regex.Pattern WHITESPACE = java.util.regex.Pattern.compile("\\s+");
  private final byte[] key;
  /** Initialized once; each hash works on a clone (no provider lookup or key set-up per value). Never updated. */
  private final Mac initialized;
  private final int tokenBits;
  private final int patientTokenBits;

  public Pseudonymizer(byte[] key) {
    this(key, DEFAULT_TOKEN_BITS, DEFAULT_PATIENT_TOKEN_BITS);
  }

  /**
   * @param tokenBits bits of value tokens (4 to 128, a multiple of 4)
   * @param patientTokenBits bits of patient tokens (4 to 48, a multiple of 4); fewer than the defaults only to force
   *     collisions in tests
   */
  public Pseudonymizer(byte[] key, int tokenBits, int patientTokenBits) {
    if (key.length < 32) {
      throw new IllegalArgumentException("the HMAC key must be at least 32 bytes");
    }
    checkBits("tokenBits", tokenBits, 128);
    checkBits("patientTokenBits", patientTokenBits, DEFAULT_PATIENT_TOKEN_BITS);
    this.key = key.clone();
    this.tokenBits = tokenBits;
    this.patientTokenBits = patientTokenBits;
    this.initialized = newMac();
  }

  /** A value's full keyed hash: the vault key of its entry and the tokens cut from it. */
  public record Keyed(String category, String vaultKey, String hex) {
    /** The token of the first {@code bits} bits, e.g. {@code [NAME-4f2a9c01]} for 32. */
    public String token(int bits) {
      if (bits < 4 || bits > HASH_BITS || bits % 4 != 0) {
        throw new IllegalArgumentException("token bits must be a multiple of 4 from 4 to " + HASH_BITS);
      }
      return "[" + category + "-" + hex.substring(0, bits / 4) + "]";
    }
  }

  /** The keyed hash of a value of the given category in tenant; same value (as given) ⇒ same vault key. */
  public Keyed keyed(String tenant, String category, String value) {
    String hex = hex(tenant + "|" + category + "|" + normalize(value));
    return new Keyed(category, VaultKeys.value(tenant, category, hex), hex);
  }

  /** Type-prefixed token such as {@code [NAME-4f2a9c01]} for a value of the given category in tenant. */
  public String token(String tenant, String category, String value) {
    return keyed(tenant, category, value).token(tokenBits);
  }

  /** Bits of the value tokens this instance makes. */
  public int tokenBits() {
    return tokenBits;
  }

  /** The keyed hash of a patient key: the vault key of the patient's entry; its first bits are the patient token. */
  public Keyed patient(String tenant, String patientKey) {
    String hex = hex(tenant + "|patient|" + patientKey.trim());
    return new Keyed(VaultKeys.PATIENT, VaultKeys.value(tenant, VaultKeys.PATIENT, hex), hex);
  }

  /** Pseudonymous patient token such as {@code PT-1b2c3d4e5f60}, stable per tenant and patient key. */
  public String patientToken(String tenant, String patientKey) {
    return "PT-" + patient(tenant, patientKey).hex().substring(0, patientTokenBits / 4);
  }

  /** Days (between -365 and -1) by which this patient's dates shift; the same for every event of the patient. */
  public int dateShiftDays(String tenant, String patientKey) {
    byte[] mac = mac(tenant + "|dateshift|" + patientKey.trim());
    int positive = ((mac[0] & 0xff) << 8 | (mac[1] & 0xff));
    return -1 - (positive % 365);
  }

  /** Lower-cased, whitespace-collapsed form so "SMITH,  John" and "smith, john" share a token. */
  public static String normalize(String value) {
    return WHITESPACE.matcher(value.trim()).replaceAll(" ").toLowerCase(Locale.ROOT);
  }

  private static void checkBits(String name, int bits, int max) {
    if (bits < 4 || bits > max || bits % 4 != 0) {
      throw new IllegalArgumentException(name + " must be a multiple of 4 from 4 to " + max);
    }
  }

  private String hex(String input) {
    return HexFormat.of().formatHex(mac(input));
  }

  private byte[] mac(String input) {
    Mac mac;
    try {
      mac = (Mac) initialized.clone();
    } catch (CloneNotSupportedException e) {
      mac = newMac();
    }
    return mac.doFinal(input.getBytes(StandardCharsets.UTF_8));
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new CryptoException("HMAC-SHA256 unavailable", e);
    }
  }
}
