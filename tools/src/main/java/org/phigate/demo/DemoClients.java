package org.phigate.demo;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.phigate.catalog.TopicSerdes;
import org.phigate.catalog.Topics;
import org.phigate.review.auth.DecisionMac;
import org.phigate.schema.DecisionType;
import org.phigate.schema.ReviewDecision;
import org.phigate.schema.ReviewItem;
import org.phigate.streams.ProducerFactory;

/** What an integration engine and a reviewer do in the demo: publish raw messages, record decisions. */
public final class DemoClients {
  private DemoClients() {}

  /** Publishes inputs to the raw intake topic (acks=all, idempotent) and waits until the broker has them all. */
  public static void publish(String bootstrapServers, List<SampleInput> inputs) {
    publish(ProducerFactory.of(bootstrapServers), inputs);
  }

  /** {@link #publish(String, List)} with producers from this factory (a secure cluster's credentials). */
  public static void publish(ProducerFactory producers, List<SampleInput> inputs) {
    try (KafkaProducer<String, byte[]> producer = producers.create(new StringSerializer(),
        new ByteArraySerializer())) {
      List<java.util.concurrent.Future<?>> acks = new java.util.ArrayList<>();
      for (SampleInput input : inputs) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.INTAKE_RAW.name(), input.name(),
            input.payload());
        record.headers().add(Topics.CONTENT_TYPE_HEADER, input.contentType().getBytes(StandardCharsets.UTF_8));
        acks.add(producer.send(record));
      }
      for (java.util.concurrent.Future<?> ack : acks) {
        ack.get();
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("the broker refused a message (" + e.getCause().getClass().getSimpleName()
          + "); check the broker log", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while publishing", e);
    }
  }

  /**
   * Approves every distinct held item as the given reviewer, each decision signed with the review role's decision
   * MAC as its API signs them; returns how many decisions were recorded.
   */
  public static int approveAll(String bootstrapServers, TopicSerdes serdes, List<ReviewItem> items, String reviewer,
                               String reviewerRole, DecisionMac mac) {
    return approveAll(ProducerFactory.of(bootstrapServers), serdes, items, reviewer, reviewerRole, mac);
  }

  /** {@link #approveAll(String, TopicSerdes, List, String, String, DecisionMac)} with producers from this factory. */
  public static int approveAll(ProducerFactory producers, TopicSerdes serdes, List<ReviewItem> items, String reviewer,
                               String reviewerRole, DecisionMac mac) {
    Set<String> reviewIds = new LinkedHashSet<>();
    items.forEach(item -> reviewIds.add(item.getReviewId()));
    try (KafkaProducer<String, ReviewDecision> producer = producers.create(
        new StringSerializer(), serdes.valueSerde(Topics.REVIEW_DECISIONS).serializer())) {
      for (String reviewId : reviewIds) {
        producer.send(new ProducerRecord<>(Topics.REVIEW_DECISIONS.name(), reviewId, mac.sign(ReviewDecision.newBuilder()
            .setReviewId(reviewId).setDecision(DecisionType.APPROVE).setReviewer(reviewer)
            .setIssuer("urn:phigate:demo").setReviewerRole(reviewerRole).setDecidedAt(Instant.now()).build())));
      }
      producer.flush();
    }
    return reviewIds.size();
  }
}
