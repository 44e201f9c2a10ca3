package org.phigate.catalog;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.phigate.schema.ClinicalEvent;
import org.phigate.schema.EncryptedBlob;
import org.phigate.schema.PhiContent;
import org.phigate.security.FieldCipher;

/** Seals and opens the PHI of a ClinicalEvent: Avro binary of {@link PhiContent}, AES-GCM bound to the event id. */
public final class PhiContentCodec {
  private final FieldCipher cipher;

  static {
    AvroTrust.install();
  }

  public PhiContentCodec(FieldCipher cipher) {
    this.cipher = cipher;
  }

  public EncryptedBlob seal(PhiContent content, String eventId) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    try {
      new SpecificDatumWriter<>(PhiContent.class).write(content, encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return cipher.seal(out.toByteArray(), eventId);
  }

  public PhiContent open(ClinicalEvent event) {
    return open(event.getPhi(), event.getEventId());
  }

  /** Opens content sealed by {@link #seal} with the same aad (an event id, or a store key). */
  public PhiContent open(EncryptedBlob blob, String aad) {
    byte[] plain = cipher.open(blob, aad);
    try {
      return new SpecificDatumReader<>(PhiContent.class).read(null, DecoderFactory.get().binaryDecoder(plain, null));
    } catch (IOException e) {
      throw new UncheckedIOException("sealed PHI content could not be decoded", e);
    }
  }
}
