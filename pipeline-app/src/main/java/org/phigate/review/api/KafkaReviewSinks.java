package org.phigate.review.api;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.phigate.catalog.TopicSerdes;
import org.phigate.catalog.Topics;
import org.phigate.schema.AuditEvent;
import org.phigate.schema.ReviewDecision;
import org.phigate.streams.ProducerFactory;

/** {@link ReviewSinks} on idempotent Kafka producers (acks=all), each send awaited. */
public final class KafkaReviewSinks implements ReviewSinks {
  private static final long TIMEOUT_SECONDS = 15;
  private final KafkaProducer<String, ReviewDecision> decisions;
  private final KafkaProducer<String, AuditEvent> audit;

  public KafkaReviewSinks(ProducerFactory producers, TopicSerdes serdes) {
    this.decisions = producers.create(new StringSerializer(), serdes.valueSerde(Topics.REVIEW_DECISIONS).serializer());
    this.audit = producers.create(new StringSerializer(), serdes.valueSerde(Topics.AUDIT_EVENTS).serializer());
  }

  @Override
  public void decision(String reviewId, ReviewDecision decision) throws SinkException {
    await(decisions, new ProducerRecord<>(Topics.REVIEW_DECISIONS.name(), reviewId, decision));
  }

  @Override
  public void audit(AuditEvent event) throws SinkException {
    await(audit, new ProducerRecord<>(Topics.AUDIT_EVENTS.name(), event.getSubjectEventId(), event));
  }

  private static <V> void await(KafkaProducer<String, V> producer, ProducerRecord<String, V> record)
      throws SinkException {
    try {
      producer.send(record).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new SinkException(e.getCause() == null ? e : e.getCause());
    } catch (TimeoutException | RuntimeException e) {
      throw new SinkException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SinkException(e);
    }
  }

  @Override
  public void close() {
    decisions.close(java.time.Duration.ofSeconds(5));
    audit.close(java.time.Duration.ofSeconds(5));
  }
}
