package org.phigate.audit;

import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.phigate.catalog.TopicSerdes;
import org.phigate.catalog.Topics;
import org.phigate.config.CommonConfig;
import org.phigate.schema.AuditEvent;

/**
 * Publishes audit events from outside a Streams transaction (CLI commands, the reviewer API): {@link #record} returns
 * only once the broker has the event (acks=all, idempotent), so callers can audit first and disclose after.
 */
public final class AuditLog implements AutoCloseable {
  private final Producer<String, AuditEvent> producer;

  public AuditLog(Producer<String, AuditEvent> producer) {
    this.producer = producer;
  }

  public static AuditLog connect(CommonConfig common, TopicSerdes serdes) {
    Properties props = new Properties();
    common.kafkaClientOverrides().forEach(props::put);
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, common.bootstrapServers());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    return new AuditLog(new KafkaProducer<>(props, new StringSerializer(),
        serdes.valueSerde(Topics.AUDIT_EVENTS).serializer()));
  }

  /** Sends the event keyed by its clinical event id and waits for the broker's acknowledgement. */
  public void record(AuditEvent event) {
    try {
      producer.send(new ProducerRecord<>(Topics.AUDIT_EVENTS.name(), event.getSubjectEventId(), event))
          .get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not record the audit event (" + e.getClass().getSimpleName()
          + "); the read was not performed");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while recording the audit event; the read was not performed");
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
