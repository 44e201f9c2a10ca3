package org.phigate.bench;

import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.phigate.catalog.TopicSerdes;
import org.phigate.catalog.Topics;
import org.phigate.review.auth.DecisionMac;
import org.phigate.schema.DecisionType;
import org.phigate.schema.ReviewDecision;
import org.phigate.schema.WritebackOutcome;
import org.phigate.streams.ProducerFactory;

/**
 * The bench's reviewer (--auto-approve): approves every held item once with a signed decision, and counts
 * write-back's outcomes by status (dead letters by reason).
 */
final class AutoApprover implements Consumer<ConsumerRecord<byte[], byte[]>>, AutoCloseable {
  private final boolean approve;
  private final TopicSerdes serdes;
  private final DecisionMac mac;
  private final KafkaProducer<String, ReviewDecision> decisions;
  private final Set<String> approved = ConcurrentHashMap.newKeySet();
  private final Map<String, Long> outcomes = new ConcurrentHashMap<>();

  AutoApprover(boolean approve, String bootstrap, TopicSerdes serdes, String decisionMacKey) {
    this.approve = approve;
    this.serdes = serdes;
    this.mac = new DecisionMac(Base64.getDecoder().decode(decisionMacKey));
    this.decisions = ProducerFactory.of(bootstrap).create(new StringSerializer(),
        serdes.valueSerde(Topics.REVIEW_DECISIONS).serializer());
  }

  @Override
  public void accept(ConsumerRecord<byte[], byte[]> r) {
    if (approve && r.topic().equals(Topics.REVIEW_PENDING.name())) {
      String reviewId = serdes.valueSerde(Topics.REVIEW_PENDING).deserializer()
          .deserialize(r.topic(), r.value()).getReviewId();
      if (approved.add(reviewId)) {
        decisions.send(new ProducerRecord<>(Topics.REVIEW_DECISIONS.name(), reviewId,
            mac.sign(ReviewDecision.newBuilder().setReviewId(reviewId).setDecision(DecisionType.APPROVE)
                .setReviewer("bench-reviewer").setReviewerRole("auto-approve (bench only)")
                .setDecidedAt(Instant.now()).build())));
      }
    }
    if (r.topic().equals(Topics.EHR_OUTCOMES.name()) || r.topic().equals(Topics.EHR_DLQ.name())) {
      // status and reason code: PHI-free by the schema
      WritebackOutcome o = serdes.valueSerde(Topics.EHR_OUTCOMES).deserializer().deserialize(r.topic(), r.value());
      outcomes.merge(r.topic().equals(Topics.EHR_DLQ.name()) ? "DLQ " + o.getReason() : o.getStatus().name(), 1L,
          Long::sum);
    }
  }

  /** Review items approved so far. */
  int approved() {
    return approved.size();
  }

  /** Write-back outcomes counted so far, by status (and dead letters by reason). */
  Map<String, Long> outcomes() {
    return outcomes;
  }

  @Override
  public void close() {
    decisions.close();
  }
}
