package org.phigate.audit.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.file.SeekableByteArrayInput;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.phigate.schema.AuditEvent;

/**
 * One archive segment: an Avro object container file (deflate) of canonical audit records, readable by any Avro
 * reader, whose header metadata names topic, partition, offset range, its place in the Merkle tree and the root.
 */
public final class SegmentFile {
  static {
    org.phigate.catalog.AvroTrust.install();
  }

  /** Header metadata of a segment. */
  public record Header(long seq, String origin, String topic, int partition, long firstOffset, long lastOffset,
                       long treeStart, long treeSize, String rootHex, String previousCheckpoint) {}

  /** A parsed segment: header, records, and their Merkle leaf data (canonical bytes). */
  public record Segment(Header header, List<AuditEvent> records, List<byte[]> leaves) {}

  private SegmentFile() {}

  public static byte[] write(Header h, List<AuditEvent> records) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DataFileWriter<AuditEvent> writer = new DataFileWriter<>(new SpecificDatumWriter<>(AuditEvent.class))) {
      writer.setCodec(CodecFactory.deflateCodec(6));
      writer.setMeta("phigate.segment.seq", Long.toString(h.seq()));
      writer.setMeta("phigate.origin", h.origin());
      writer.setMeta("phigate.topic", h.topic());
      writer.setMeta("phigate.partition", Integer.toString(h.partition()));
      writer.setMeta("phigate.offset.first", Long.toString(h.firstOffset()));
      writer.setMeta("phigate.offset.last", Long.toString(h.lastOffset()));
      writer.setMeta("phigate.tree.start", Long.toString(h.treeStart()));
      writer.setMeta("phigate.tree.size", Long.toString(h.treeSize()));
      writer.setMeta("phigate.merkle.root", h.rootHex());
      writer.setMeta("phigate.previous.checkpoint.sha256", h.previousCheckpoint());
      writer.create(AuditEvent.getClassSchema(), out);
      for (AuditEvent record : records) {
        writer.append(AuditRecords.canonical(record));
      }
    }
    return out.toByteArray();
  }

  /** Parses a segment; any damage the Avro reader notices is an IOException naming the segment. */
  public static Segment read(String name, byte[] bytes) throws IOException {
    try (DataFileReader<AuditEvent> reader = new DataFileReader<>(new SeekableByteArrayInput(bytes),
        new SpecificDatumReader<>(AuditEvent.class))) {
      Header h = new Header(num(reader, "phigate.segment.seq"), meta(reader, "phigate.origin"),
          meta(reader, "phigate.topic"), (int) num(reader, "phigate.partition"), num(reader, "phigate.offset.first"),
          num(reader, "phigate.offset.last"), num(reader, "phigate.tree.start"), num(reader, "phigate.tree.size"),
          meta(reader, "phigate.merkle.root"), meta(reader, "phigate.previous.checkpoint.sha256"));
      List<AuditEvent> records = new ArrayList<>();
      List<byte[]> leaves = new ArrayList<>();
      while (reader.hasNext()) {
        AuditEvent e = reader.next();
        records.add(e);
        leaves.add(AuditRecords.encode(e));
      }
      return new Segment(h, records, leaves);
    } catch (IOException | RuntimeException e) {
      throw new IOException("segment " + name + " is not a readable Avro container file ("
          + e.getClass().getSimpleName() + ")", e);
    }
  }

  private static String meta(DataFileReader<?> reader, String key) throws IOException {
    String v = reader.getMetaString(key);
    if (v == null) {
      throw new IOException("header key " + key + " is missing");
    }
    return v;
  }

  private static long num(DataFileReader<?> reader, String key) throws IOException {
    return Long.parseLong(meta(reader, key));
  }
}
