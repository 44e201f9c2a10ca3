package org.phigate.deadletter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.phigate.audit.AuditEvents;
import org.phigate.catalog.Topic;
import org.phigate.catalog.TopicSerdes;
import org.phigate.catalog.Topics;
import org.phigate.schema.AuditAction;
import org.phigate.schema.AuditEvent;
import org.phigate.schema.AuditOutcome;
import org.phigate.streams.FailedRecord;

/** The audit event of a dead-lettered record ({@code <role>.dead-letter}) and the serialized records of a zone. */
final class DeadLetterAudit {
  private final String subtype;
  private final AuditEvents audit;
  private final TopicSerdes serdes;

  DeadLetterAudit(String roleId, AuditEvents audit, TopicSerdes serdes) {
    this.subtype = roleId + ".dead-letter";
    this.audit = audit;
    this.serdes = serdes;
  }

  /** An audit record: where the failed record came from, where its dead letter went, the reason code. */
  ProducerRecord<byte[], byte[]> record(FailedRecord failed, String subjectEventId, String patientToken,
                                        Topic<String, ?> deadLetterTopic, String deadLetterKey, String entityType) {
    AuditEvent event = audit.event(subtype, AuditAction.C, subjectEventId)
        .outcome(AuditOutcome.SERIOUS_FAILURE, failed.reasonCode())
        .patientToken(patientToken)
        .entity(deadLetterTopic.name() + "/" + deadLetterKey, entityType, "4")
        .detail("sourceTopic", failed.sourceTopic())
        .detail("sourcePartition", failed.partition())
        .detail("sourceOffset", failed.offset())
        .detail("processorNode", failed.processorNodeId())
        .detail("errorClass", failed.errorClass())
        .build();
    return record(Topics.AUDIT_EVENTS, subjectEventId, event, failed);
  }

  <V> ProducerRecord<byte[], byte[]> record(Topic<String, V> topic, String key, V value, FailedRecord failed) {
    Serializer<String> keys = serdes.keySerde(topic).serializer();
    Serializer<V> values = serdes.valueSerde(topic).serializer();
    return new ProducerRecord<>(topic.name(), null, failed.timestamp() < 0 ? null : failed.timestamp(),
        keys.serialize(topic.name(), key), values.serialize(topic.name(), value));
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String sha256(String text) {
    return sha256(text.getBytes(StandardCharsets.UTF_8));
  }
}
