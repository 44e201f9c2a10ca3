package org.phigate.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import org.phigate.schema.EncryptedBlob;
import org.phigate.security.keys.AesGcm;
import org.phigate.security.keys.DataKeyIds;
import org.phigate.security.keys.Envelope;
import org.phigate.security.keys.KeyException;

/**
 * Field-level encryption of PHI with AES-256-GCM (JDK provider). Each blob names the key that sealed it. With an
 * {@link Envelope}, new blobs are sealed under data keys wrapped by a KEK (per patient where the caller names the
 * patient, so a patient can be crypto-shredded) and name their data key ({@code dk1:...}); blobs sealed directly
 * under a configured key (the format before envelopes) still open with any configured key.
 */
public final class FieldCipher {
  private final String activeKeyId;
  private final Map<String, SecretKey> keys;
  private final Envelope envelope;

  /** Seals directly under the key {@code activeKeyId} (no envelope). */
  public FieldCipher(String activeKeyId, Map<String, SecretKey> keys) {
    this(activeKeyId, keys, null);
  }

  /**
   * Seals with the envelope when there is one, else directly under {@code activeKeyId}; opens both formats.
   *
   * @param keys directly used keys (legacy blobs); may be empty when envelope is not null
   */
  public FieldCipher(String activeKeyId, Map<String, SecretKey> keys, Envelope envelope) {
    if (envelope == null && !keys.containsKey(activeKeyId)) {
      throw new IllegalArgumentException("active key id " + activeKeyId + " is not among the configured keys");
    }
    this.activeKeyId = activeKeyId;
    this.keys = Map.copyOf(keys);
    this.envelope = envelope;
  }

  /** The envelope new blobs are sealed with, or null when this cipher seals directly under a configured key. */
  public Envelope envelope() {
    return envelope;
  }

  /** Seals plaintext; aad (e.g. the event id) binds the blob to its record so it cannot be moved to another. */
  public EncryptedBlob seal(byte[] plaintext, String aad) {
    return seal(plaintext, aad, null);
  }

  /**
   * Seals plaintext that belongs to the patient with this token (PT-...), under the patient's data key when this
   * cipher has an envelope, so destroying that key shreds it; patientToken null = belongs to no known patient.
   */
  public EncryptedBlob seal(byte[] plaintext, String aad, String patientToken) {
    if (envelope != null) {
      try {
        Envelope.Sealed sealed = envelope.seal(plaintext, aad, patientToken);
        return new EncryptedBlob(sealed.keyId(), ByteBuffer.wrap(sealed.nonce()), ByteBuffer.wrap(sealed.body()));
      } catch (KeyException e) {
        throw new CryptoException(e.getMessage(), e);
      }
    }
    byte[] nonce = AesGcm.nonce();
    try {
      Cipher cipher = AesGcm.encryptor(keys.get(activeKeyId), nonce);
      cipher.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
      byte[] ciphertext = cipher.doFinal(plaintext);
      return new EncryptedBlob(activeKeyId, ByteBuffer.wrap(nonce), ByteBuffer.wrap(ciphertext));
    } catch (GeneralSecurityException e) {
      throw new CryptoException("AES-GCM seal failed", e);
    }
  }

  /** Opens a blob sealed with the same aad; throws {@link CryptoException} when the key is missing or it was altered. */
  public byte[] open(EncryptedBlob blob, String aad) {
    if (DataKeyIds.isDataKey(blob.getKeyId())) {
      if (envelope == null) {
        throw new CryptoException("blob sealed under data key " + blob.getKeyId() + " but this role has no KEK "
            + "configured (crypto.kek.keystore)", null);
      }
      try {
        return envelope.open(blob.getKeyId(), bytes(blob.getNonce()), bytes(blob.getCiphertext()), aad);
      } catch (KeyException e) {
        throw new CryptoException(e.getMessage(), e);
      }
    }
    SecretKey key = keys.get(blob.getKeyId());
    if (key == null) {
      throw new CryptoException("no key with id " + blob.getKeyId() + " is configured for this role", null);
    }
    try {
      Cipher cipher = AesGcm.decryptor(key, bytes(blob.getNonce()));
      cipher.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
      return cipher.doFinal(bytes(blob.getCiphertext()));
    } catch (GeneralSecurityException e) {
      throw new CryptoException("AES-GCM open failed (wrong key, wrong record, or tampered blob)", e);
    }
  }

  public EncryptedBlob sealString(String plaintext, String aad) {
    return seal(plaintext.getBytes(StandardCharsets.UTF_8), aad, null);
  }

  /** {@link #seal(byte[], String, String)} of a string. */
  public EncryptedBlob sealString(String plaintext, String aad, String patientToken) {
    return seal(plaintext.getBytes(StandardCharsets.UTF_8), aad, patientToken);
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
