package org.phigate.deadletter;

import java.time.Clock;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.phigate.audit.AuditEvents;
import org.phigate.catalog.TopicSerdes;
import org.phigate.catalog.Topics;
import org.phigate.schema.ApprovedResult;
import org.phigate.schema.ReviewItem;
import org.phigate.schema.WritebackOutcome;
import org.phigate.schema.WritebackStatus;
import org.phigate.streams.DeadLetters;
import org.phigate.streams.FailedRecord;

/**
 * Dead letters of the write-back role: a FAILED {@link WritebackOutcome} with the reason code on
 * {@code phigate.ehr.dlq}, named by the approved item's event and review ids (its input holds tokens only).
 */
public final class WritebackDeadLetters implements DeadLetters {
  private static final String UNKNOWN = "unknown";
  private final String tenant;
  private final TopicSerdes serdes;
  private final DeadLetterAudit audit;
  private final Clock clock;

  public WritebackDeadLetters(String roleId, String tenant, TopicSerdes serdes, AuditEvents audit, Clock clock) {
    this.tenant = tenant;
    this.serdes = serdes;
    this.audit = new DeadLetterAudit(roleId, audit, serdes);
    this.clock = clock;
  }

  @Override
  public List<ProducerRecord<byte[], byte[]>> records(FailedRecord failed) {
    ReviewItem item = approved(failed);
    // a sink's failed value is the outcome being written; otherwise the source key (the review id) names it
    WritebackOutcome written = failed.value() instanceof WritebackOutcome o ? o : null;
    String key = failed.sourceKeyText() == null ? UNKNOWN : failed.sourceKeyText();
    String eventId = item != null ? item.getEventId() : written != null ? written.getEventId() : key;
    String reviewId = item != null ? item.getReviewId() : written != null ? written.getReviewId() : key;
    WritebackOutcome outcome = WritebackOutcome.newBuilder().setEventId(eventId).setReviewId(reviewId)
        .setTenant(item != null ? item.getTenant() : tenant).setStatus(WritebackStatus.FAILED)
        .setResourceType("Task").setReason(failed.reasonCode()).setAttempts(0).setAt(clock.instant()).build();
    return List.of(audit.record(Topics.EHR_DLQ, eventId, outcome, failed),
        audit.record(failed, eventId, item == null ? null : item.getPatientToken(), Topics.EHR_DLQ, reviewId,
            "WritebackOutcome"));
  }

  /** The approved item the failure belongs to: the failing node's value, else the source record decoded. */
  private ReviewItem approved(FailedRecord failed) {
    if (failed.value() instanceof ApprovedResult approved) {
      return approved.getItem();
    }
    if (Topics.REVIEW_APPROVED.name().equals(failed.sourceTopic()) && failed.sourceValue() != null) {
      try {
        return serdes.valueSerde(Topics.REVIEW_APPROVED).deserializer()
            .deserialize(failed.sourceTopic(), failed.sourceValue()).getItem();
      } catch (RuntimeException e) {
        return null; // an undecodable source still gets its dead letter, named by its key
      }
    }
    return null;
  }
}
