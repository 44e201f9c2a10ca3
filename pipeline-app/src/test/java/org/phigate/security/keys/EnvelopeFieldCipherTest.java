package org.phigate.security.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phigate.schema.EncryptedBlob;
import org.phigate.security.CryptoException;
import org.phigate.security.FieldCipher;

/** FieldCipher with an envelope: old blobs open, patient and day keys, rotation, shredding, tampering. */
class EnvelopeFieldCipherTest {
  /** Sealed by FieldCipher before envelopes (commit e979f3f) under key "vault-1" = 32 bytes of 3. */
  private static final EncryptedBlob LEGACY = new EncryptedBlob("vault-1",
      ByteBuffer.wrap(Base64.getDecoder().decode("fI8hGiwmkV2w9nb/")),
      ByteBuffer.wrap(Base64.getDecoder().decode("SE3rjHJJEJOlLelb8hJKrnnbz43OcMwIUMUILxrM9wJmCRMzFoCd+KUvrg==")));
  private static final String LEGACY_AAD = "vk1:default:NAME:legacy-fixture";
  private static final String LEGACY_PLAIN = "Quixtrot Zebulonia, MRN4711";

  @TempDir
  Path dir;
  private KeyEncryptionKeys keks;
  private InMemoryDataKeyStore store;
  private FieldCipher cipher;

  @BeforeEach
  void setUp() {
    keks = Pkcs12KeyEncryptionKeys.create(dir.resolve("kek.p12"), "pw".toCharArray(), "phigate-kek");
    store = new InMemoryDataKeyStore();
    cipher = cipher(new Envelope(keks, store, "default", Clock.fixed(Instant.parse("2026-12-07T03:00:00Z"),
        ZoneOffset.UTC)));
  }

  private static FieldCipher cipher(Envelope envelope) {
    byte[] key = new byte[32];
    Arrays.fill(key, (byte) 3);
    Map<String, SecretKey> legacy = Map.of("vault-1", new SecretKeySpec(key, "AES"));
    return new FieldCipher("vault-1", legacy, envelope);
  }

  @Test
  void shouldOpenABlobSealedBeforeEnvelopes() {
    assertThat(cipher.openString(LEGACY, LEGACY_AAD)).isEqualTo(LEGACY_PLAIN);
    assertThatThrownBy(() -> cipher.openString(LEGACY, "vk1:default:NAME:other")).isInstanceOf(CryptoException.class);
  }

  @Test
  void shouldSealUnderThePatientsStoredDataKey() {
    EncryptedBlob blob = cipher.sealString("Quixtrot Zebulonia", "vk1:default:NAME:aa", "PT-0123456789ab");

    assertThat(blob.getKeyId()).startsWith("dk1:p:default:PT-0123456789ab:");
    assertThat(store.list()).extracting(StoredKey::id).containsExactly(blob.getKeyId());
    assertThat(store.list().get(0).kekId()).isEqualTo("phigate-kek.v1");
    assertThat(body(blob)[0]).as("format version byte").isEqualTo((byte) Envelope.VERSION);
    assertThat(cipher.openString(blob, "vk1:default:NAME:aa")).isEqualTo("Quixtrot Zebulonia");
    assertThat(cipher.sealString("again", "x", "PT-0123456789ab").getKeyId()).as("one key per patient and process")
        .isEqualTo(blob.getKeyId());
  }

  @Test
  void shouldSealRecordsOfNoPatientUnderATenantDayKeyCarriedWrappedInTheBlob() {
    EncryptedBlob blob = cipher.sealString("unparseable message", "sid-1");

    assertThat(blob.getKeyId()).startsWith("dk1:d:default:2026-12-07:");
    assertThat(store.list()).isEmpty();
    FieldCipher otherProcess = cipher(new Envelope(keks, new InMemoryDataKeyStore(), "default", Clock.systemUTC()));
    assertThat(otherProcess.openString(blob, "sid-1")).isEqualTo("unparseable message");
  }

  @Test
  void shouldBindTheBlobToItsRecord() {
    EncryptedBlob blob = cipher.sealString("Quixtrot Zebulonia", "event-1", "PT-0123456789ab");

    assertThatThrownBy(() -> cipher.openString(blob, "event-2")).isInstanceOf(CryptoException.class)
        .hasMessageNotContaining("Quixtrot");
  }

  @Test
  void shouldOpenOldAndNewBlobsAfterRotation() {
    EncryptedBlob oldPatient = cipher.sealString("before", "a", "PT-0123456789ab");
    EncryptedBlob oldDay = cipher.sealString("before-day", "b");

    keks.rotate();
    EncryptedBlob newPatient = cipher.sealString("after", "a", "PT-0123456789ab");
    EncryptedBlob newDay = cipher.sealString("after-day", "b");

    assertThat(newPatient.getKeyId()).as("new writes use a data key under the new KEK")
        .isNotEqualTo(oldPatient.getKeyId());
    assertThat(store.find(newPatient.getKeyId()).orElseThrow().kekId()).isEqualTo("phigate-kek.v2");
    assertThat(newDay.getKeyId()).isNotEqualTo(oldDay.getKeyId());
    FieldCipher restarted = cipher(new Envelope(keks, store, "default", Clock.systemUTC()));
    assertThat(restarted.openString(oldPatient, "a")).isEqualTo("before");
    assertThat(restarted.openString(oldDay, "b")).isEqualTo("before-day");
    assertThat(restarted.openString(newPatient, "a")).isEqualTo("after");
    assertThat(restarted.openString(newDay, "b")).isEqualTo("after-day");
  }

  @Test
  void shouldNeverOpenAShreddedPatientsBlobsAgainWhileOthersStillOpen() {
    EncryptedBlob shredded = cipher.sealString("Quixtrot Zebulonia", "a", "PT-aaaaaaaaaaaa");
    EncryptedBlob kept = cipher.sealString("Marvolo Brindlewick", "b", "PT-bbbbbbbbbbbb");
    assertThat(cipher.openString(shredded, "a")).isEqualTo("Quixtrot Zebulonia");

    new KeyShredder(store).shred("default", "PT-aaaaaaaaaaaa", "req-1");

    assertThatThrownBy(() -> cipher.openString(shredded, "a")).isInstanceOf(CryptoException.class)
        .hasMessageContaining("crypto-shredded").hasMessageNotContaining("Quixtrot");
    FieldCipher restarted = cipher(new Envelope(keks, store, "default", Clock.systemUTC()));
    assertThatThrownBy(() -> restarted.openString(shredded, "a")).isInstanceOf(CryptoException.class);
    assertThat(cipher.openString(kept, "b")).isEqualTo("Marvolo Brindlewick");
    EncryptedBlob later = cipher.sealString("new admission", "c", "PT-aaaaaaaaaaaa");
    assertThat(later.getKeyId()).as("a later event of the patient gets a new key").isNotEqualTo(shredded.getKeyId());
    assertThat(cipher.openString(later, "c")).isEqualTo("new admission");
  }

  @Test
  void shouldRefuseAnUnknownFormatVersionClearly() {
    EncryptedBlob blob = cipher.sealString("x", "a", "PT-0123456789ab");
    byte[] body = body(blob);
    body[0] = 9;

    assertThatThrownBy(() -> cipher.open(new EncryptedBlob(blob.getKeyId(), blob.getNonce(), ByteBuffer.wrap(body)),
        "a")).isInstanceOf(CryptoException.class).hasMessageContaining("format version 9");
  }

  @Test
  void shouldRefuseABlobWhoseWrappedKeyWasTamperedWith() {
    EncryptedBlob blob = cipher.sealString("x", "a");
    byte[] body = body(blob);
    body[body.length - 30] ^= 1;
    byte[] header = body.clone();
    header[20] ^= 1; // inside the wrapped data key
    FieldCipher fresh = cipher(new Envelope(keks, store, "default", Clock.systemUTC()));

    assertThatThrownBy(() -> fresh.open(new EncryptedBlob(blob.getKeyId(), blob.getNonce(), ByteBuffer.wrap(header)),
        "a")).isInstanceOf(CryptoException.class);
    assertThatThrownBy(() -> cipher.open(new EncryptedBlob(blob.getKeyId(), blob.getNonce(), ByteBuffer.wrap(body)),
        "a")).isInstanceOf(CryptoException.class);
  }

  @Test
  void shouldRefuseAnEnvelopeBlobWhenTheRoleHasNoKek() {
    EncryptedBlob blob = cipher.sealString("x", "a");
    byte[] key = new byte[32];
    FieldCipher direct = new FieldCipher("vault-1", Map.of("vault-1", new SecretKeySpec(key, "AES")));

    assertThatThrownBy(() -> direct.open(blob, "a")).isInstanceOf(CryptoException.class)
        .hasMessageContaining("crypto.kek.keystore");
  }

  private static byte[] body(EncryptedBlob blob) {
    ByteBuffer copy = blob.getCiphertext().duplicate();
    byte[] out = new byte[copy.remaining()];
    copy.get(out);
    return out;
  }
}
