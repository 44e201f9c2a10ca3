package org.phigate.cli;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.phigate.catalog.TopicSerdes;
import org.phigate.catalog.Topics;
import org.phigate.config.CommonConfig;
import org.phigate.schema.IntakeFailure;
import org.phigate.streams.ProducerFactory;

/** Reads phigate.intake.dlq (no consumer group, nothing committed) and publishes replays to phigate.intake.raw. */
final class DlqStore {
  /** One dead letter and where it sits. */
  record Entry(int partition, long offset, IntakeFailure failure) {
    String ref() {
      return partition + ":" + offset;
    }
  }

  private final CommonConfig common;
  private final TopicSerdes serdes;

  DlqStore(CommonConfig common, TopicSerdes serdes) {
    this.common = common;
    this.serdes = serdes;
  }

  List<Entry> readAll() {
    List<Entry> out = new ArrayList<>();
    TopicScan.scan(common, Topics.INTAKE_DLQ.name(), r -> out.add(new Entry(r.partition(), r.offset(),
        serdes.valueSerde(Topics.INTAKE_DLQ).deserializer().deserialize(r.topic(), r.value()))));
    out.sort((a, b) -> a.failure().getReceivedAt().compareTo(b.failure().getReceivedAt()));
    return out;
  }

  /**
   * The newest dead letter whose ref ({@code partition:offset}) or source id matches: the stored (hashed) source id,
   * or the sender's own id (MSH-10, record key) hashed with this config's source-id key.
   */
  Entry find(String ref) {
    String hashed = hashedSourceId(ref);
    return readAll().stream().filter(e -> e.ref().equals(ref) || e.failure().getSourceMessageId().equals(ref)
            || e.failure().getSourceMessageId().equals(hashed))
        .reduce((first, second) -> second).orElseThrow(() -> new IllegalArgumentException("no dead letter "
            + "with ref or source id '" + ref + "'; see `phigate dlq list`"));
  }

  /** The sender's id as dead letters carry it, or null when no key is configured to compute it. */
  private String hashedSourceId(String senderId) {
    try {
      return common.sourceIds().of(common.tenant(), senderId);
    } catch (RuntimeException e) {
      return null; // no crypto.event.key / crypto.source.id.key: only refs and stored ids can match
    }
  }

  /** Publishes to the raw topic and waits for the broker; returns partition@offset. */
  String publishRaw(String key, byte[] payload, String contentType) throws Exception {
    ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.INTAKE_RAW.name(), key, payload);
    record.headers().add(Topics.CONTENT_TYPE_HEADER, contentType.getBytes(StandardCharsets.UTF_8));
    record.headers().add("phigate.intake.channel", "dlq-replay".getBytes(StandardCharsets.UTF_8));
    try (KafkaProducer<String, byte[]> producer = ProducerFactory.of(common).create(new StringSerializer(),
        new ByteArraySerializer())) {
      RecordMetadata m = producer.send(record).get(60, TimeUnit.SECONDS);
      return m.partition() + "@" + m.offset();
    }
  }
}
