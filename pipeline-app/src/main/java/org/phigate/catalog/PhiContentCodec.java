package org.phigate.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.specific.SpecificDatumReader;
import org.phigate.schema.ClinicalEvent;
import org.phigate.schema.EncryptedBlob;
import org.phigate.schema.PhiContent;
import org.phigate.security.FieldCipher;

/**
 * Seals and opens the PHI of a ClinicalEvent: {@link PhiContent} in Avro single-object encoding (a header names the
 * writer schema's fingerprint, so a later schema still reads it), AES-GCM bound to the event id. Blobs sealed before
 * the header (raw Avro binary of the v1 schema, {@code avro-legacy/PhiContent-v1.avsc}) still open.
 */
public final class PhiContentCodec {
  private static final String LEGACY_V1_RESOURCE = "/avro-legacy/PhiContent-v1.avsc";
  private static final Schema LEGACY_V1;
  private static final BinaryMessageDecoder<PhiContent> DECODER;

  static {
    AvroTrust.install();
    try (InputStream in = PhiContentCodec.class.getResourceAsStream(LEGACY_V1_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + LEGACY_V1_RESOURCE);
      }
      LEGACY_V1 = new Schema.Parser().parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // single-object blobs written with an older schema need it added here (addSchema) when PhiContent changes
    DECODER = PhiContent.createDecoder(null);
  }

  private final SealedAvro<PhiContent> sealed;

  public PhiContentCodec(FieldCipher cipher) {
    this.sealed = new SealedAvro<>(cipher, PhiContent.getEncoder(), 1024, PhiContentCodec::decode);
  }

  public EncryptedBlob seal(PhiContent content, String eventId) {
    return seal(content, eventId, null);
  }

  /** Seals content of the patient with this token (under the patient's data key with envelope keys); null = none. */
  public EncryptedBlob seal(PhiContent content, String aad, String patientToken) {
    return sealed.seal(content, aad, patientToken);
  }

  public PhiContent open(ClinicalEvent event) {
    return open(event.getPhi(), event.getEventId());
  }

  /** Opens content sealed by {@link #seal} with the same aad (an event id, or a store key). */
  public PhiContent open(EncryptedBlob blob, String aad) {
    return sealed.open(blob, aad);
  }

  /** Decodes content already opened with this codec's cipher (single-object encoding, or the legacy v1 form). */
  public static PhiContent decode(byte[] plain) {
    try {
      if (singleObject(plain)) {
        return DECODER.decode(plain);
      }
      return new SpecificDatumReader<PhiContent>(LEGACY_V1, PhiContent.getClassSchema())
          .read(null, DecoderFactory.get().binaryDecoder(plain, null));
    } catch (IOException e) {
      throw new UncheckedIOException("sealed PHI content could not be decoded", e);
    }
  }

  /**
   * Avro's single-object header (C3 01). A v1 blob starts with the patient key's length as a zig-zag varint, whose
   * first byte is even for any length, so it never looks like the header (0xC3 is odd).
   */
  static boolean singleObject(byte[] plain) {
    return plain.length >= 2 && plain[0] == (byte) 0xC3 && plain[1] == (byte) 0x01;
  }
}
