package org.phigate.cli;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.phigate.catalog.TopicSerdes;
import org.phigate.catalog.Topics;
import org.phigate.config.CommonConfig;
import org.phigate.schema.ApprovedResult;
import org.phigate.schema.WritebackOutcome;
import org.phigate.streams.ProducerFactory;
import org.phigate.writeback.DeliveryProcessor;

/**
 * Reads phigate.ehr.dlq (no consumer group, nothing committed) and re-submits a dead-lettered write: the approved
 * item, read back from phigate.review.approved by its review id, published again with the replay header, so the
 * write-back role tries it once more (its idempotency record still keeps a written item from being written twice).
 */
final class EhrDlqStore {
  /** One EHR dead letter and where it sits. */
  record Entry(int partition, long offset, WritebackOutcome outcome) {
    String ref() {
      return partition + ":" + offset;
    }
  }

  private final CommonConfig common;
  private final TopicSerdes serdes;

  EhrDlqStore(CommonConfig common, TopicSerdes serdes) {
    this.common = common;
    this.serdes = serdes;
  }

  List<Entry> readAll() {
    List<Entry> out = new ArrayList<>();
    scan(Topics.EHR_DLQ.name(), r -> out.add(new Entry(r.partition(), r.offset(),
        serdes.valueSerde(Topics.EHR_DLQ).deserializer().deserialize(r.topic(), r.value()))));
    out.sort((a, b) -> a.outcome().getAt().compareTo(b.outcome().getAt()));
    return out;
  }

  /** The newest EHR dead letter whose ref ({@code partition:offset}), review id or event id matches. */
  Entry find(String ref) {
    return readAll().stream().filter(e -> e.ref().equals(ref) || e.outcome().getReviewId().equals(ref)
            || e.outcome().getEventId().equals(ref))
        .reduce((first, second) -> second).orElseThrow(() -> new IllegalArgumentException("no EHR dead letter "
            + "with ref, review id or event id '" + ref + "'; see `phigate dlq list --queue ehr`"));
  }

  /** The newest approval of {@code reviewId} on phigate.review.approved; throws when retention removed it. */
  ApprovedResult approval(String reviewId) {
    List<ApprovedResult> found = new ArrayList<>();
    scan(Topics.REVIEW_APPROVED.name(), r -> {
      if (reviewId.equals(r.key())) {
        found.add(serdes.valueSerde(Topics.REVIEW_APPROVED).deserializer().deserialize(r.topic(), r.value()));
      }
    });
    if (found.isEmpty()) {
      throw new IllegalArgumentException("review " + reviewId + " is no longer on " + Topics.REVIEW_APPROVED.name()
          + " (retention); it has to be approved again");
    }
    return found.get(found.size() - 1);
  }

  /** Publishes the approval again with the replay header and waits for the broker; returns partition@offset. */
  String resubmit(String reviewId, ApprovedResult approved, String dlqRef) throws Exception {
    ProducerRecord<String, ApprovedResult> record = new ProducerRecord<>(Topics.REVIEW_APPROVED.name(), reviewId,
        approved);
    record.headers().add(DeliveryProcessor.REPLAY_HEADER, dlqRef.getBytes(StandardCharsets.UTF_8));
    try (KafkaProducer<String, ApprovedResult> producer = ProducerFactory.of(common).create(new StringSerializer(),
        serdes.valueSerde(Topics.REVIEW_APPROVED).serializer())) {
      RecordMetadata m = producer.send(record).get(60, TimeUnit.SECONDS);
      return m.partition() + "@" + m.offset();
    }
  }

  private void scan(String topic, Consumer<ConsumerRecord<String, byte[]>> each) {
    Properties props = new Properties();
    common.kafkaClientOverrides().forEach(props::put);
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, common.bootstrapServers());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
        new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(each);
      }
    }
  }
}
