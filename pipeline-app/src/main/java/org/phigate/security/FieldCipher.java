package org.phigate.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import org.phigate.schema.EncryptedBlob;

/**
 * Field-level encryption of PHI with AES-256-GCM (JDK provider). Each blob names the key that sealed it, so keys can
 * rotate: new blobs use the active key, old blobs open with any key the holder still has.
 */
public final class FieldCipher {
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private final SecureRandom random = new SecureRandom();
  private final String activeKeyId;
  private final Map<String, SecretKey> keys;

  public FieldCipher(String activeKeyId, Map<String, SecretKey> keys) {
    if (!keys.containsKey(activeKeyId)) {
      throw new IllegalArgumentException("active key id " + activeKeyId + " is not among the configured keys");
    }
    this.activeKeyId = activeKeyId;
    this.keys = Map.copyOf(keys);
  }

  /** Seals plaintext; aad (e.g. the event id) binds the blob to its record so it cannot be moved to another. */
  public EncryptedBlob seal(byte[] plaintext, String aad) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
      byte[] ciphertext = cipher.doFinal(plaintext);
      return new EncryptedBlob(activeKeyId, ByteBuffer.wrap(nonce), ByteBuffer.wrap(ciphertext));
    } catch (GeneralSecurityException e) {
      throw new CryptoException("AES-GCM seal failed", e);
    }
  }

  /** Opens a blob sealed with the same aad; throws {@link CryptoException} when the key is missing or it was altered. */
  public byte[] open(EncryptedBlob blob, String aad) {
    SecretKey key = keys.get(blob.getKeyId());
    if (key == null) {
      throw new CryptoException("no key with id " + blob.getKeyId() + " is configured for this role", null);
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes(blob.getNonce())));
      cipher.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
      return cipher.doFinal(bytes(blob.getCiphertext()));
    } catch (GeneralSecurityException e) {
      throw new CryptoException("AES-GCM open failed (wrong key, wrong record, or tampered blob)", e);
    }
  }

  public EncryptedBlob sealString(String plaintext, String aad) {
    return seal(plaintext.getBytes(StandardCharsets.UTF_8), aad);
  }

  public String openString(EncryptedBlob blob, String aad) {
    return new String(open(blob, aad), StandardCharsets.UTF_8);
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer copy = buffer.duplicate();
    byte[] out = new byte[copy.remaining()];
    copy.get(out);
    return out;
  }
}
