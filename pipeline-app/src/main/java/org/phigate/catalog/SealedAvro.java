package org.phigate.catalog;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Function;
import org.apache.avro.message.BinaryMessageEncoder;
import org.phigate.schema.EncryptedBlob;
import org.phigate.security.FieldCipher;

/**
 * One Avro record type sealed with AES-GCM: Avro single-object encoding (its header names the writer schema's
 * fingerprint, so a later schema still reads it), sealed under the caller's associated data and, with envelope keys,
 * a patient's data key. The catalog's codecs of sealed content share it; each says how its plaintext decodes.
 */
final class SealedAvro<T> {
  private final FieldCipher cipher;
  private final BinaryMessageEncoder<T> encoder;
  private final int sizeHint;
  private final Function<byte[], T> decoder;

  /** {@code decoder} turns an opened plaintext into the record, or throws the codec's own exception. */
  SealedAvro(FieldCipher cipher, BinaryMessageEncoder<T> encoder, int sizeHint, Function<byte[], T> decoder) {
    AvroTrust.install();
    this.cipher = cipher;
    this.encoder = encoder;
    this.sizeHint = sizeHint;
    this.decoder = decoder;
  }

  /** Seals the record bound to {@code aad}, under the patient's data key when {@code patientToken} is not null. */
  EncryptedBlob seal(T value, String aad, String patientToken) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(sizeHint);
    try {
      encoder.encode(value, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return cipher.seal(out.toByteArray(), aad, patientToken);
  }

  /** Opens a blob sealed with the same {@code aad} and decodes it. */
  T open(EncryptedBlob blob, String aad) {
    return decoder.apply(cipher.open(blob, aad));
  }
}
