package org.phigate.catalog;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.message.BinaryMessageDecoder;
import org.phigate.schema.EncryptedBlob;
import org.phigate.schema.VaultEventKeys;
import org.phigate.security.CryptoException;
import org.phigate.security.FieldCipher;

/**
 * Seals and opens the {@link VaultEventKeys} of an EVENT_KEYS vault entry: Avro single-object encoding (a later
 * schema still reads it), AES-GCM bound to the entry's vault key, so a map cannot be moved to another event or tenant.
 */
public final class EventKeysCodec {
  private static final BinaryMessageDecoder<VaultEventKeys> DECODER = VaultEventKeys.getDecoder();

  private final SealedAvro<VaultEventKeys> sealed;

  public EventKeysCodec(FieldCipher cipher) {
    this.sealed = new SealedAvro<>(cipher, VaultEventKeys.getEncoder(), 256, EventKeysCodec::decode);
  }

  public EncryptedBlob seal(VaultEventKeys keys, String vaultKey) {
    // the map names its event's patient: it is sealed under that patient's data key (shredded with the patient)
    return sealed.seal(keys, vaultKey, keys.getPatientToken());
  }

  /** @throws CryptoException when the blob does not open under {@code vaultKey} or does not decode */
  public VaultEventKeys open(EncryptedBlob blob, String vaultKey) {
    return sealed.open(blob, vaultKey);
  }

  private static VaultEventKeys decode(byte[] plain) {
    try {
      return DECODER.decode(ByteBuffer.wrap(plain));
    } catch (IOException | RuntimeException e) {
      throw new CryptoException("sealed event keys do not decode", e);
    }
  }
}
