package org.phigate.cli;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
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
    TopicScan.scan(common, Topics.EHR_DLQ.name(), r -> out.add(new Entry(r.partition(), r.offset(),
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
    TopicScan.scan(common, Topics.REVIEW_APPROVED.name(), r -> {
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
}
