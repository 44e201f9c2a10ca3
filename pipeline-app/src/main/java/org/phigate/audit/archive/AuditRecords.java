package org.phigate.audit.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.TreeMap;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.phigate.catalog.AvroTrust;
import org.phigate.schema.AuditEvent;

/**
 * The canonical bytes of an audit record, which are the Merkle leaf data: Avro binary of the record with its
 * details map in key order (Avro writes maps in iteration order, so the same record could otherwise encode two ways).
 */
public final class AuditRecords {
  static {
    AvroTrust.install();
  }

  private AuditRecords() {}

  public static AuditEvent canonical(AuditEvent event) {
    AuditEvent copy = AuditEvent.newBuilder(event).build();
    TreeMap<String, String> details = new TreeMap<>();
    event.getDetails().forEach((k, v) -> details.put(k.toString(), v.toString()));
    copy.setDetails(details);
    return copy;
  }

  public static byte[] encode(AuditEvent event) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    try {
      new SpecificDatumWriter<>(AuditEvent.class).write(canonical(event), encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  public static AuditEvent decode(byte[] bytes) throws IOException {
    return new SpecificDatumReader<>(AuditEvent.class).read(null, DecoderFactory.get().binaryDecoder(bytes, null));
  }
}
