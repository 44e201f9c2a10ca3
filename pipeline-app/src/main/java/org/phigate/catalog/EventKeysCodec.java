package org.phigate.catalog;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.phigate.schema.EncryptedBlob;
import org.phigate.schema.VaultEventKeys;
import org.phigate.security.CryptoException;
import org.phigate.security.FieldCipher;

/**
 * Seals and opens the {@link VaultEventKeys} of an EVENT_KEYS vault entry: Avro single-object encoding (a later
 * schema still reads it), AES-GCM bound to the entry's vault key, so a map cannot be moved to another event or tenant.
 */
public final class EventKeysCodec {
  private static final BinaryMessageEncoder<VaultEventKeys> ENCODER;
  private static final BinaryMessageDecoder<VaultEventKeys> DECODER;

  static {
    AvroTrust.install();
    ENCODER = VaultEventKeys.getEncoder();
    DECODER = VaultEventKeys.getDecoder();
  }

  private final FieldCipher cipher;

  public EventKeysCodec(FieldCipher cipher) {
    this.cipher = cipher;
  }

  public EncryptedBlob seal(VaultEventKeys keys, String vaultKey) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try {
      ENCODER.encode(keys, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // the map names its event's patient: it is sealed under that patient's data key (shredded with the patient)
    return cipher.seal(out.toByteArray(), vaultKey, keys.getPatientToken());
  }

  /** @throws CryptoException when the blob does not open under {@code vaultKey} or does not decode */
  public VaultEventKeys open(EncryptedBlob blob, String vaultKey) {
    byte[] plain = cipher.open(blob, vaultKey);
    try {
      return DECODER.decode(ByteBuffer.wrap(plain));
    } catch (IOException | RuntimeException e) {
      throw new CryptoException("sealed event keys do not decode", e);
    }
  }
}
