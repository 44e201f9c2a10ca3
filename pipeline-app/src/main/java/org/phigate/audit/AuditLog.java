package org.phigate.audit;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.phigate.catalog.TopicSerdes;
import org.phigate.catalog.Topics;
import org.phigate.config.CommonConfig;
import org.phigate.schema.AuditEvent;
import org.phigate.streams.ProducerFactory;

/**
 * Publishes audit events from outside a Streams transaction (CLI commands, the reviewer API): {@link #record} returns
 * only once the broker has the event (acks=all, idempotent), so callers can audit first and disclose after.
 */
public final class AuditLog implements AutoCloseable {
  private final Producer<String, AuditEvent> producer;

  public AuditLog(Producer<String, AuditEvent> producer) {
    this.producer = producer;
  }

  /** An audit log with its own producer to the configured cluster; close it when the command is done. */
  public static AuditLog connect(CommonConfig common, TopicSerdes serdes) {
    return new AuditLog(ProducerFactory.of(common).create(new StringSerializer(),
        serdes.valueSerde(Topics.AUDIT_EVENTS).serializer()));
  }

  /** Sends the event keyed by its clinical event id and waits for the broker's acknowledgement. */
  public void record(AuditEvent event) {
    try {
      producer.send(new ProducerRecord<>(Topics.AUDIT_EVENTS.name(), event.getSubjectEventId(), event))
          .get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not record the audit event (" + e.getClass().getSimpleName()
          + "); the audited action was not completed");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while recording the audit event; the audited action was not "
          + "completed");
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
