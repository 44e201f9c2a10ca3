package org.phigate.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.phigate.audit.AuditEvents;
import org.phigate.catalog.TopicSerdes;
import org.phigate.catalog.Topics;
import org.phigate.schema.IntakeFailure;
import org.phigate.security.FieldCipher;
import org.phigate.security.SourceIds;
import org.phigate.streams.DeadLetters;
import org.phigate.streams.FailedRecord;
import org.phigate.streams.FailureReasons;

/**
 * Dead letters of the PHI zone (intake, deid): an {@link IntakeFailure} on {@code phigate.intake.dlq} whose original
 * is the source record's bytes sealed with the event key, bound to the dead letter's key. The intake role's source is
 * the inbound message itself, so {@code dlq replay} can re-publish it; a deid dead letter holds a sealed event.
 */
public final class PhiZoneDeadLetters implements DeadLetters {
  /** An oversized record keeps only its head, like intake's own size refusals (the dead letter must fit). */
  static final int HEAD_BYTES = 64 * 1024;
  private final String roleId;
  private final String tenant;
  private final FieldCipher eventCipher;
  private final DeadLetterAudit audit;
  private final Clock clock;
  private final SourceIds sourceIds;

  /** Dead letters whose keys from phigate.intake.raw (chosen by senders) appear only as {@code sourceIds} hashes. */
  public PhiZoneDeadLetters(String roleId, String tenant, FieldCipher eventCipher, SourceIds sourceIds,
                            TopicSerdes serdes, AuditEvents audit, Clock clock) {
    this.sourceIds = sourceIds;
    this.roleId = roleId;
    this.tenant = tenant;
    this.eventCipher = eventCipher;
    this.audit = new DeadLetterAudit(roleId, audit, serdes);
    this.clock = clock;
  }

  @Override
  public List<ProducerRecord<byte[], byte[]>> records(FailedRecord failed) {
    byte[] source = failed.sourceValue() == null ? new byte[0] : failed.sourceValue();
    String key = failed.sourceKeyText();
    boolean fromSender = Topics.INTAKE_RAW.name().equals(failed.sourceTopic());
    if (key == null || key.isBlank()) {
      key = "unkeyed-" + DeadLetterAudit.sha256(source).substring(0, 16);
    } else if (fromSender) {
      key = sourceIds.of(tenant, key);
    }
    boolean truncated = FailureReasons.RECORD_TOO_LARGE.equals(failed.reasonCode()) && source.length > HEAD_BYTES;
    byte[] kept = truncated ? Arrays.copyOf(source, HEAD_BYTES) : source;
    IntakeFailure failure = IntakeFailure.newBuilder()
        .setSourceMessageId(key)
        .setTenant(tenant)
        .setStage(roleId)
        .setReasonCode(failed.reasonCode())
        .setLocation(failed.processorNodeId() + " " + failed.coordinates())
        .setReasonMessage("processing failed in " + failed.processorNodeId() + " ("
            + simpleName(failed.errorClass()) + "); the source record is kept sealed")
        .setContentType(contentType(failed))
        .setReceivedAt(failed.timestamp() < 0 ? clock.instant() : Instant.ofEpochMilli(failed.timestamp()))
        .setOriginalSha256(DeadLetterAudit.sha256(kept))
        .setOriginal(eventCipher.seal(kept, key))
        .setOriginalTruncated(truncated)
        .setOriginalSize(truncated ? (long) source.length : null)
        .build();
    // inbound message ids stay out of the audit subject, as with intake's own rejections
    String subject = fromSender
        ? "dlq-" + DeadLetterAudit.sha256(tenant + "|" + key).substring(0, 16) : key;
    return List.of(audit.record(Topics.INTAKE_DLQ, key, failure, failed),
        audit.record(failed, subject, null, Topics.INTAKE_DLQ, key, "IntakeFailure"));
  }

  private static String contentType(FailedRecord failed) {
    Header header = failed.sourceHeaders().lastHeader(Topics.CONTENT_TYPE_HEADER);
    return header != null ? new String(header.value(), StandardCharsets.UTF_8)
        : "application/vnd.phigate.record; topic=" + failed.sourceTopic();
  }

  static String simpleName(String className) {
    return className.substring(className.lastIndexOf('.') + 1);
  }
}
