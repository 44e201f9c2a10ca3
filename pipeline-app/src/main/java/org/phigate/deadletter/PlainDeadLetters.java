package org.phigate.deadletter;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.phigate.audit.AuditEvents;
import org.phigate.catalog.TopicSerdes;
import org.phigate.catalog.Topics;
import org.phigate.streams.DeadLetters;
import org.phigate.streams.FailedRecord;

/**
 * Dead letters of roles whose inputs hold no PHI (inference, review): the source record as it was, on
 * {@code phigate.poison.dlq} beside the undecodable ones, with headers naming its source, the failing node, the
 * reason code and the error class (never the exception message or stack trace).
 */
public final class PlainDeadLetters implements DeadLetters {
  /** Header with PHIGate's reason code; the other headers are those of undecodable records. */
  public static final String REASON_HEADER = "phigate.reason.code";
  private final DeadLetterAudit audit;

  public PlainDeadLetters(String roleId, TopicSerdes serdes, AuditEvents audit) {
    this.audit = new DeadLetterAudit(roleId, audit, serdes);
  }

  @Override
  public List<ProducerRecord<byte[], byte[]>> records(FailedRecord failed) {
    RecordHeaders headers = new RecordHeaders();
    header(headers, "phigate.source.topic", failed.sourceTopic());
    header(headers, "phigate.source.partition", Integer.toString(failed.partition()));
    header(headers, "phigate.source.offset", Long.toString(failed.offset()));
    header(headers, "phigate.processor.node", failed.processorNodeId());
    header(headers, REASON_HEADER, failed.reasonCode());
    header(headers, "phigate.error.class", failed.errorClass());
    String key = failed.sourceKeyText();
    String subject = key != null ? key : "dlq-" + DeadLetterAudit.sha256(failed.coordinates()).substring(0, 16);
    ProducerRecord<byte[], byte[]> deadLetter = new ProducerRecord<>(Topics.POISON_DLQ.name(), null,
        failed.timestamp() < 0 ? null : failed.timestamp(), failed.sourceKey(), failed.sourceValue(), headers);
    return List.of(deadLetter, audit.record(failed, subject, null, Topics.POISON_DLQ, subject, "source-record"));
  }

  private static void header(RecordHeaders headers, String name, String value) {
    if (value != null) {
      headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
  }
}
