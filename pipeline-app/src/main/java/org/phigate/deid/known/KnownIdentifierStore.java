package org.phigate.deid.known;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.phigate.catalog.PhiContentCodec;
import org.phigate.schema.EncryptedBlob;
import org.phigate.schema.PhiContent;
import org.phigate.schema.StructuredField;
import org.phigate.security.FieldCipher;

/**
 * The deid role's per-patient known-identifier store ({@value #STORE}, changelog {@code <application.id>-}{@value
 * #STORE}{@code -changelog}). Key: the patient token (keyed HMAC of tenant and patient key, never the MRN). Value:
 * the remembered structured fields as Avro, sealed with AES-256-GCM bound to the key, so neither the local state
 * nor the changelog topic holds a plain identifier and no value can be moved to another patient's key.
 */
public final class KnownIdentifierStore {
  public static final String STORE = "deid-known-identifiers-store";
  /** Old versions of a patient's entry (and erased entries) become compactable within a week at most. */
  static final Map<String, String> CHANGELOG_CONFIG = Map.of("cleanup.policy", "compact",
      "max.compaction.lag.ms", Long.toString(7L * 24 * 3600 * 1000));
  private static final String AAD_PREFIX = STORE + "|";
  private static final String CARRIED_AAD_PREFIX = "deid-known-carried|";

  private final PhiContentCodec codec;

  public KnownIdentifierStore(FieldCipher cipher) {
    this.codec = new PhiContentCodec(cipher);
  }

  public static StoreBuilder<TimestampedKeyValueStore<String, EncryptedBlob>> builder() {
    return Stores.timestampedKeyValueStoreBuilder(Stores.persistentTimestampedKeyValueStore(STORE),
            Serdes.String(), blobSerde())
        .withLoggingEnabled(CHANGELOG_CONFIG);
  }

  /** Plain Avro binary of the sealed blob: the store needs no schema registry subject. */
  static Serde<EncryptedBlob> blobSerde() {
    return Serdes.serdeFrom((topic, blob) -> {
      try {
        return blob == null ? null : EncryptedBlob.getEncoder().encode(blob).array();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, (topic, bytes) -> {
      try {
        return bytes == null ? null : EncryptedBlob.getDecoder().decode(bytes);
      } catch (IOException e) {
        throw new UncheckedIOException("a known-identifier store value could not be decoded", e);
      }
    });
  }

  public EncryptedBlob seal(String patientToken, List<StructuredField> fields) {
    return codec.seal(PhiContent.newBuilder().setPatientKey(patientToken).setFields(fields).build(),
        AAD_PREFIX + patientToken, patientToken);
  }

  /** @throws org.phigate.security.CryptoException when the blob was sealed for another key or altered */
  public List<StructuredField> open(String patientToken, EncryptedBlob blob) {
    return List.copyOf(codec.open(blob, AAD_PREFIX + patientToken).getFields());
  }

  /**
   * Seals a retired patient's fields for carrying over to the survivor of a merge, bound to both tokens and the
   * merge event, so the blob opens only as that carry-over (not as a store value, nor under another survivor).
   */
  public EncryptedBlob sealCarried(String survivorToken, String retiredToken, String requestId,
                                   List<StructuredField> fields) {
    return codec.seal(PhiContent.newBuilder().setPatientKey(retiredToken).setFields(fields).build(),
        carriedAad(survivorToken, retiredToken, requestId), survivorToken);
  }

  /** @throws org.phigate.security.CryptoException when the carry-over was sealed for other tokens or altered */
  public List<StructuredField> openCarried(KnownIdentifierCarryOver carried) {
    return List.copyOf(codec.open(carried.sealed(), carriedAad(carried.survivorToken(), carried.retiredToken(),
        carried.requestId())).getFields());
  }

  private static String carriedAad(String survivorToken, String retiredToken, String requestId) {
    return CARRIED_AAD_PREFIX + survivorToken + "|" + retiredToken + "|" + requestId;
  }
}
