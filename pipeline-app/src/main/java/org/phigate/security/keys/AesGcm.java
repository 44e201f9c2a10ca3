package org.phigate.security.keys;

import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-GCM ciphers and nonces for the calling thread, so that stream threads sealing and opening fields share no lock.
 *
 * <p>The JDK's default {@code SecureRandom} on Linux (NativePRNG) serializes every instance on one static lock, and
 * {@code Cipher.getInstance} walks the provider list on every call; JFR showed both on deid's stream thread. Here each
 * thread keeps one {@code Cipher}, re-initialised per use (init resets it, also after a failed tag check), and one
 * NIST SP 800-90A DRBG of its own, seeded from the system's entropy. Nonces stay what they were: 96 random bits per
 * seal, unique per key with overwhelming probability within SP 800-38D's limit of 2^32 random-nonce seals per key
 * (the JDK also refuses to encrypt twice with one key and nonce on the same instance).
 */
public final class AesGcm {
  /** GCM nonce length in bytes. */
  public static final int NONCE_BYTES = 12;
  /** GCM tag length in bits. */
  public static final int TAG_BITS = 128;
  private static final String TRANSFORMATION = "AES/GCM/NoPadding";
  private static final ThreadLocal<Cipher> CIPHER = ThreadLocal.withInitial(AesGcm::newCipher);
  private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(AesGcm::newRandom);

  private AesGcm() {}

  /** A fresh random nonce from this thread's DRBG. */
  public static byte[] nonce() {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.get().nextBytes(nonce);
    return nonce;
  }

  /** This thread's cipher, initialised to encrypt under key with nonce; use it before the next call on the thread. */
  public static Cipher encryptor(SecretKey key, byte[] nonce) throws GeneralSecurityException {
    return init(Cipher.ENCRYPT_MODE, key, nonce);
  }

  /** This thread's cipher, initialised to decrypt under key with nonce; use it before the next call on the thread. */
  public static Cipher decryptor(SecretKey key, byte[] nonce) throws GeneralSecurityException {
    return init(Cipher.DECRYPT_MODE, key, nonce);
  }

  private static Cipher init(int mode, SecretKey key, byte[] nonce) throws GeneralSecurityException {
    Cipher cipher = CIPHER.get();
    cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
    return cipher;
  }

  private static Cipher newCipher() {
    try {
      return Cipher.getInstance(TRANSFORMATION);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(TRANSFORMATION + " is not available in this JDK", e);
    }
  }

  private static SecureRandom newRandom() {
    try {
      return SecureRandom.getInstance("DRBG");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK's DRBG SecureRandom is not available", e);
    }
  }
}
