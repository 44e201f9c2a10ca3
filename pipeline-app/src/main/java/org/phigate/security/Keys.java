package org.phigate.security;

import java.security.SecureRandom;
import java.util.Base64;

/** Fresh random key material, base64-encoded as the crypto.* settings expect. */
public final class Keys {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Keys() {}

  /** A new random 256-bit key, base64. */
  public static String randomBase64() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }
}
