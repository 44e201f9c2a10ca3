package org.phigate.security.keys;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Envelope encryption: AES-256-GCM under a data key, the data key wrapped by a KEK. A record that belongs to a patient
 * is sealed with that patient's data key, kept (wrapped) in the {@link DataKeyStore} so that destroying it shreds
 * the patient's data everywhere; any other record with a tenant-day key whose wrapped form travels inside the blob
 * (one KEK call per day and process instead of one per record, which matters once the KEK sits in a remote KMS; such
 * records expire with their topic's retention, there is no patient to erase them for).
 *
 * <p>Blob body: version byte {@value #VERSION}, the KEK id (u8 length + UTF-8), the wrapped data key (u16 length;
 * 0 for patient keys, which live in the store), then ciphertext and 128-bit tag. The GCM associated data binds the
 * header, the data key id and the caller's aad (event id, vault key), so nothing can be moved between records.
 */
public final class Envelope {
  /** The envelope format written today. */
  public static final int VERSION = 1;
  private static final byte[] LABEL = "phigate-envelope".getBytes(StandardCharsets.UTF_8);
  private final SecureRandom random = new SecureRandom();
  private final KeyEncryptionKeys keks;
  private final DataKeyStore store;
  private final String tenant;
  private final Clock clock;
  private final Cache<String, Current> currentKeys;
  private final Cache<String, SecretKey> openedKeys;

  private record Current(String id, String kekId, SecretKey key, byte[] wrapped) {}

  /** A sealed blob's parts: the data key id (the blob's key id), the nonce and the body. */
  public record Sealed(String keyId, byte[] nonce, byte[] body) {}

  public Envelope(KeyEncryptionKeys keks, DataKeyStore store, String tenant, Clock clock) {
    this.keks = keks;
    this.store = store;
    this.tenant = tenant;
    this.clock = clock;
    this.currentKeys = Caffeine.newBuilder().maximumSize(100_000).build();
    this.openedKeys = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(Duration.ofHours(1)).build();
  }

  /** The KEKs behind this envelope. */
  public KeyEncryptionKeys keks() {
    return keks;
  }

  /** The store of patients' data keys. */
  public DataKeyStore store() {
    return store;
  }

  /** Seals under the patient's data key (created on first use), or under today's tenant key when token is null. */
  public Sealed seal(byte[] plaintext, String aad, String patientToken) {
    Current key = patientToken == null ? dayKey() : patientKey(patientToken);
    byte[] header = header(key.kekId(), key.wrapped());
    byte[] nonce = AesGcm.nonce();
    try {
      Cipher cipher = AesGcm.encryptor(key.key(), nonce);
      associate(cipher, header, key.id(), aad);
      byte[] body = new byte[header.length + cipher.getOutputSize(plaintext.length)];
      System.arraycopy(header, 0, body, 0, header.length);
      cipher.doFinal(plaintext, 0, plaintext.length, body, header.length);
      return new Sealed(key.id(), nonce, body);
    } catch (GeneralSecurityException e) {
      throw new KeyException("AES-GCM seal under data key " + key.id() + " failed", e);
    }
  }

  /** Opens an envelope blob sealed with the same aad; throws {@link KeyException} when it cannot. */
  public byte[] open(String keyId, byte[] nonce, byte[] body, String aad) {
    ByteBuffer in = ByteBuffer.wrap(body);
    int version = body.length == 0 ? -1 : in.get() & 0xff;
    if (version != VERSION) {
      throw new KeyException("envelope format version " + version + " of data key " + keyId + " is not supported");
    }
    byte[] kekId;
    byte[] wrapped;
    try {
      kekId = new byte[in.get() & 0xff];
      in.get(kekId);
      wrapped = new byte[in.getShort() & 0xffff];
      in.get(wrapped);
    } catch (java.nio.BufferUnderflowException e) {
      throw new KeyException("envelope of data key " + keyId + " is truncated", e);
    }
    int headerLength = in.position();
    SecretKey key = dataKey(keyId, new String(kekId, StandardCharsets.UTF_8), wrapped);
    try {
      Cipher cipher = AesGcm.decryptor(key, nonce);
      associate(cipher, Arrays.copyOf(body, headerLength), keyId, aad);
      return cipher.doFinal(body, headerLength, body.length - headerLength);
    } catch (GeneralSecurityException e) {
      throw new KeyException("AES-GCM open under data key " + keyId
          + " failed (wrong record, or tampered blob)", e);
    }
  }

  /** Forgets cached keys of this patient, so the next seal creates a new one (after a shred). */
  public void forgetPatient(String patientToken) {
    currentKeys.invalidate("p:" + patientToken);
  }

  private SecretKey dataKey(String keyId, String kekId, byte[] wrapped) {
    boolean patient = DataKeyIds.isPatientKey(keyId);
    if (patient && store.isDestroyed(keyId)) {
      openedKeys.invalidate(keyId);
      throw new DataKeyDestroyedException(keyId);
    }
    SecretKey cached = openedKeys.getIfPresent(keyId);
    if (cached != null) {
      return cached;
    }
    byte[] raw;
    if (patient) {
      StoredKey stored = store.find(keyId).orElseThrow(() ->
          new KeyException("data key " + keyId + " is not in the key store"));
      raw = keks.unwrap(stored.kekId(), stored.wrapped());
    } else {
      if (wrapped.length == 0) {
        throw new KeyException("data key " + keyId + " carries no wrapped key");
      }
      raw = keks.unwrap(kekId, wrapped);
    }
    SecretKey key = new SecretKeySpec(raw, "AES");
    Arrays.fill(raw, (byte) 0);
    openedKeys.put(keyId, key);
    return key;
  }

  private Current patientKey(String patientToken) {
    String active = keks.activeId();
    String slot = "p:" + patientToken;
    Current cached = currentKeys.getIfPresent(slot);
    if (cached != null && cached.kekId().equals(active) && !store.isDestroyed(cached.id())) {
      return cached;
    }
    return currentKeys.asMap().compute(slot, (k, existing) -> {
      if (existing != null && existing.kekId().equals(active) && !store.isDestroyed(existing.id())) {
        return existing;
      }
      byte[] raw = fresh();
      KeyEncryptionKeys.Wrapped wrapped = keks.wrap(raw);
      String id = DataKeyIds.newPatientKey(tenant, patientToken);
      store.put(new StoredKey(id, wrapped.kekId(), wrapped.wrapped(), clock.instant()));
      return current(id, wrapped.kekId(), raw, new byte[0]);
    });
  }

  private Current dayKey() {
    String active = keks.activeId();
    LocalDate day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    String slot = "d:" + day;
    Current cached = currentKeys.getIfPresent(slot);
    if (cached != null && cached.kekId().equals(active)) {
      return cached;
    }
    return currentKeys.asMap().compute(slot, (k, existing) -> {
      if (existing != null && existing.kekId().equals(active)) {
        return existing;
      }
      byte[] raw = fresh();
      KeyEncryptionKeys.Wrapped wrapped = keks.wrap(raw);
      return current(DataKeyIds.newDayKey(tenant, day), wrapped.kekId(), raw, wrapped.wrapped());
    });
  }

  private Current current(String id, String kekId, byte[] raw, byte[] wrapped) {
    SecretKey key = new SecretKeySpec(raw, "AES");
    Arrays.fill(raw, (byte) 0);
    openedKeys.put(id, key);
    return new Current(id, kekId, key, wrapped);
  }

  private byte[] fresh() {
    byte[] raw = new byte[32];
    random.nextBytes(raw);
    return raw;
  }

  private static byte[] header(String kekId, byte[] wrapped) {
    byte[] kek = kekId.getBytes(StandardCharsets.UTF_8);
    if (kek.length > 255) {
      throw new KeyException("KEK id longer than 255 bytes");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(4 + kek.length + wrapped.length);
    out.write(VERSION);
    out.write(kek.length);
    out.writeBytes(kek);
    out.write(wrapped.length >>> 8);
    out.write(wrapped.length & 0xff);
    out.writeBytes(wrapped);
    return out.toByteArray();
  }

  private static void associate(Cipher cipher, byte[] header, String keyId, String aad) {
    cipher.updateAAD(LABEL);
    cipher.updateAAD(header);
    cipher.updateAAD((keyId + "\0" + aad).getBytes(StandardCharsets.UTF_8));
  }
}
