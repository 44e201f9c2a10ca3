package org.phigate.audit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.phigate.schema.AuditEvent;

/**
 * Local write-once segment storage: one Avro object container file per segment (deflate), with topic, partition,
 * offset range and the SHA-256 of the partition's previous segment in the header, so segments form a hash chain.
 * Files are written to a temporary name, synced, made read-only and moved into place; an existing segment is never
 * replaced.
 */
public final class SegmentStore {
  private final Path dir;

  static {
    org.phigate.catalog.AvroTrust.install();
  }

  public SegmentStore(Path dir) {
    this.dir = dir;
  }

  public Path directory() {
    return dir;
  }

  public Path write(TopicPartition tp, List<ConsumerRecord<String, AuditEvent>> records) throws IOException {
    Files.createDirectories(dir);
    long first = records.get(0).offset();
    long last = records.get(records.size() - 1).offset();
    String name = String.format("%s-%d-%020d-%020d.avro", tp.topic(), tp.partition(), first, last);
    Path target = dir.resolve(name);
    if (Files.exists(target)) {
      // a re-read after a crash between write and commit: the sealed segment already holds exactly these records
      return target;
    }
    Path tmp = dir.resolve("." + name + ".tmp");
    try (DataFileWriter<AuditEvent> writer = new DataFileWriter<>(new SpecificDatumWriter<>(AuditEvent.class))) {
      writer.setCodec(CodecFactory.deflateCodec(6));
      writer.setMeta("phigate.topic", tp.topic());
      writer.setMeta("phigate.partition", Integer.toString(tp.partition()));
      writer.setMeta("phigate.offset.first", Long.toString(first));
      writer.setMeta("phigate.offset.last", Long.toString(last));
      writer.setMeta("phigate.previous.sha256", previousHash(tp));
      writer.create(AuditEvent.getClassSchema(), tmp.toFile());
      for (ConsumerRecord<String, AuditEvent> record : records) {
        writer.append(record.value());
      }
      writer.fSync();
    }
    tmp.toFile().setReadOnly();
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    return target;
  }

  private String previousHash(TopicPartition tp) throws IOException {
    String prefix = tp.topic() + "-" + tp.partition() + "-";
    try (Stream<Path> files = Files.list(dir)) {
      Path previous = files.filter(p -> p.getFileName().toString().startsWith(prefix))
          .filter(p -> p.getFileName().toString().endsWith(".avro")).sorted().reduce((a, b) -> b).orElse(null);
      return previous == null ? "genesis" : sha256(previous);
    }
  }

  static String sha256(Path file) throws IOException {
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
