package org.phigate.streams;

import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A role's dead-letter policy: turns a failed record into the records that dead-letter it in its zone (sealed where
 * the zone holds PHI) and its audit event. The exception handlers send them through the task's producer, so they
 * commit in the same transaction as the source offset.
 */
@FunctionalInterface
public interface DeadLetters {

  /**
   * @return the dead-letter record(s) and the audit event; throwing instead fails the task, so the record is
   *     retried after the stream thread is replaced rather than lost
   */
  List<ProducerRecord<byte[], byte[]>> records(FailedRecord failed);
}
