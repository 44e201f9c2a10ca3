package org.phigate.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed hashes of the ids a sender chooses (MSH-10 control ids, Kafka record keys, file names, FHIR ids): the only
 * form in which such an id enters dead-letter keys, audit events and metrics, since some engines build them from
 * patient data. {@code sid-} + the first 128 bits of HMAC-SHA-256(key, tenant | id) in hex: stable for a key, so
 * `dlq show ID` and replays still find a record by the sender's id, and not reversible without the key.
 */
public final class SourceIds {
  /** Prefix of every hashed source id. */
  public static final String PREFIX = "sid-";
  private static final Pattern HASHED = Pattern.compile("sid-[0-9a-f]{32}");
  private static final byte[] DERIVATION_LABEL = "phigate source-id key v1".getBytes(StandardCharsets.UTF_8);
  private final SecretKeySpec key;

  /** A hasher over a key of at least 32 bytes. */
  public SourceIds(byte[] key) {
    if (key == null || key.length < 32) {
      throw new IllegalArgumentException("the source-id key must be at least 32 bytes");
    }
    this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
  }

  /** A hasher whose key is derived from another secret (HMAC of a fixed label), so no extra key must be managed. */
  public static SourceIds derivedFrom(byte[] secret) {
    return new SourceIds(mac(new SecretKeySpec(secret.clone(), "HmacSHA256"), DERIVATION_LABEL));
  }

  /** The hashed form of a sender's id within a tenant; an id that is already a hashed id is returned as is. */
  public String of(String tenant, String senderId) {
    if (isHashed(senderId)) {
      return senderId;
    }
    byte[] mac = mac(key, (tenant + "|" + senderId).getBytes(StandardCharsets.UTF_8));
    return PREFIX + HexFormat.of().formatHex(mac, 0, 16);
  }

  /** True for a value shaped like {@link #of}'s output. */
  public static boolean isHashed(String value) {
    return value != null && HASHED.matcher(value).matches();
  }

  private static byte[] mac(SecretKeySpec key, byte[] input) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(input);
    } catch (GeneralSecurityException e) {
      throw new CryptoException("HMAC-SHA256 unavailable", e);
    }
  }
}
