package org.phigate.review.api;

import org.phigate.schema.ReviewItem;
import org.phigate.schema.Urgency;

/** One line of the reviewer queue: what ordering and filtering need, tokens and codes only (no PHI). */
public record QueueEntry(String reviewId, String workflow, String category, Urgency urgency, long heldAtMillis,
                         boolean escalated, String status, String modelId) {

  /** The queue line of a held item (escalated: past its SLA, or flagged by the AI step); no urgency = routine. */
  public static QueueEntry of(ReviewItem item) {
    return new QueueEntry(item.getReviewId(), item.getWorkflow(), item.getCategory(),
        item.getUrgency() == null ? Urgency.ROUTINE : item.getUrgency(), item.getHeldAt().toEpochMilli(),
        item.getEscalated() || item.getEscalate(), item.getStatus().name(), item.getModelId());
  }
}
