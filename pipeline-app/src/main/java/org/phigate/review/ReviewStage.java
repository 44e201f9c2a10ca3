package org.phigate.review;

import java.time.Instant;
import org.apache.kafka.streams.state.KeyValueStore;
import org.phigate.audit.AuditEvents;
import org.phigate.review.auth.DecisionMac;
import org.phigate.schema.ApprovedResult;
import org.phigate.schema.AuditAction;
import org.phigate.schema.AuditEvent;
import org.phigate.schema.AuditOutcome;
import org.phigate.schema.DecisionType;
import org.phigate.schema.InferenceResult;
import org.phigate.schema.ReviewDecision;
import org.phigate.schema.ReviewItem;
import org.phigate.schema.ReviewStatus;

/** The review role's logic: hold every AI result, release it only on a recorded human approval, exactly once. */
public final class ReviewStage {
  private final AuditEvents audit;
  private final Escalations escalations;
  private final DecisionMac mac;

  public ReviewStage(AuditEvents audit, Escalations escalations, DecisionMac mac) {
    this.audit = audit;
    this.escalations = escalations;
    this.mac = mac;
  }

  /**
   * A held item (null when the result was not held again), its audit event, and its escalation when it was escalated
   * on arrival (else null).
   */
  public record Held(ReviewItem item, AuditEvent audit, Escalations.Escalated escalation) {}

  /** The released result (null unless newly approved) and the audit event of the decision. */
  public record Decided(ApprovedResult approved, AuditEvent audit) {}

  public static String reviewId(String eventId) {
    return "rv-" + eventId;
  }

  /** Holds a result as a pending item with its SLA deadline; emergencies and escalate=true escalate at once. */
  public Held hold(InferenceResult result, KeyValueStore<String, ReviewItem> store, Instant now) {
    String reviewId = reviewId(result.getEventId());
    ReviewItem existing = store.get(reviewId);
    if (existing != null && existing.getStatus() != ReviewStatus.PENDING) {
      // a decided review is never re-opened by a replayed result
      return new Held(null, audit.event("review.hold", AuditAction.C, result.getEventId())
          .patientToken(result.getPatientToken()).entity(reviewId, "ReviewItem", "4")
          .outcome(AuditOutcome.MINOR_FAILURE, "ALREADY_DECIDED").build(), null);
    }
    ReviewItem item = ReviewItem.newBuilder()
        .setReviewId(reviewId)
        .setEventId(result.getEventId())
        .setTenant(result.getTenant())
        .setWorkflow(result.getWorkflow())
        .setPatientToken(result.getPatientToken())
        .setModelId(result.getModelId())
        .setModelVersion(result.getModelVersion())
        .setLabel(result.getLabel())
        .setConfidence(result.getConfidence())
        .setDraftText(result.getDraftText())
        .setHeldAt(result.getCreatedAt())
        .setStatus(ReviewStatus.PENDING)
        .setCategory(result.getCategory())
        .setUrgency(result.getUrgency())
        .setUrgencySource(result.getUrgencySource())
        .setModelUrgency(result.getModelUrgency())
        .setRationale(result.getRationale())
        .setRedFlags(result.getRedFlags())
        .setEscalate(result.getEscalate())
        .setSummary(result.getSummary())
        .setNeedsAction(result.getNeedsAction())
        .setResultStatus(result.getStatus())
        .setTask(result.getTask())
        .build();
    item = escalations.schedule(item);
    Escalations.Escalated escalated = null;
    if (existing != null && existing.getEscalated()) {
      // a replayed result keeps the pending item's escalation: an item is escalated once
      item = ReviewItem.newBuilder(item).setEscalated(true).setEscalatedAt(existing.getEscalatedAt()).build();
    } else if (escalations.onArrival(item) != null) {
      escalated = escalations.escalate(item, escalations.onArrival(item), now);
      item = escalated.item();
    }
    store.put(reviewId, item);
    return new Held(item, audit.event("review.hold", AuditAction.C, result.getEventId())
        .patientToken(result.getPatientToken())
        .entity(reviewId, "ReviewItem", "4")
        .detail("modelId", result.getModelId())
        .detail("label", result.getLabel())
        .detail("dueAt", item.getDueAt())
        .build(), escalated);
  }

  /**
   * Applies a decision: only one the reviewer API signed (MAC under review.decision.mac.key), from a named reviewer,
   * without plaintext reviewer text, on a pending item. APPROVE releases the item, REJECT and REQUEST_REDRAFT close
   * it, RECLASSIFY keeps it open; any of them may change urgency and category (recorded). Everything else is refused
   * with a reason code in the audit event and changes nothing.
   */
  public Decided decide(String reviewId, ReviewDecision decision, KeyValueStore<String, ReviewItem> store) {
    ReviewItem item = store.get(reviewId);
    String subject = item == null ? reviewId : item.getEventId();
    AuditEvents.Builder record = audit.event("review.decide", AuditAction.U, subject)
        .agent(decision.getReviewer(), decision.getReviewerRole(), true)
        .entity(reviewId, "ReviewItem", "4")
        .detail("decision", decision.getDecision())
        .detail("reviewer", decision.getReviewer())
        .detail("issuer", decision.getIssuer())
        .detail("decidedAt", decision.getDecidedAt())
        .detail("edited", decision.getSealedEditedText() != null || decision.getEditedText() != null)
        .detail("reasonCode", decision.getReasonCode());
    String refused = refusal(reviewId, decision);
    if (refused != null) {
      return new Decided(null, record.outcome(AuditOutcome.SERIOUS_FAILURE, refused).build());
    }
    if (item == null) {
      return new Decided(null, record.outcome(AuditOutcome.MINOR_FAILURE, "UNKNOWN_REVIEW").build());
    }
    record.patientToken(item.getPatientToken());
    if (item.getStatus() != ReviewStatus.PENDING) {
      return new Decided(null, record.outcome(AuditOutcome.MINOR_FAILURE, "ALREADY_DECIDED").build());
    }
    ReviewItem.Builder changed = ReviewItem.newBuilder(item).setStatus(switch (decision.getDecision()) {
      case APPROVE -> ReviewStatus.APPROVED;
      case RECLASSIFY -> ReviewStatus.PENDING;
      case REJECT, REQUEST_REDRAFT -> ReviewStatus.REJECTED;
    });
    if (decision.getNewUrgency() != null && decision.getNewUrgency() != item.getUrgency()) {
      record.detail("previousUrgency", item.getUrgency()).detail("newUrgency", decision.getNewUrgency());
      changed.setUrgency(decision.getNewUrgency());
    }
    if (decision.getNewCategory() != null && !decision.getNewCategory().equals(item.getCategory())) {
      record.detail("previousCategory", item.getCategory()).detail("newCategory", decision.getNewCategory());
      changed.setCategory(decision.getNewCategory());
    }
    ReviewItem decided = changed.build();
    store.put(reviewId, decided);
    boolean approve = decision.getDecision() == DecisionType.APPROVE;
    return new Decided(approve ? new ApprovedResult(decided, decision) : null, record.build());
  }

  private String refusal(String reviewId, ReviewDecision decision) {
    if (!mac.verify(decision)) {
      return decision.getMac() == null ? "DECISION_UNSIGNED" : "DECISION_MAC_INVALID";
    }
    if (!reviewId.equals(decision.getReviewId())) {
      return "DECISION_KEY_MISMATCH";
    }
    if (decision.getReviewer() == null || decision.getReviewer().isBlank()) {
      return "NO_REVIEWER";
    }
    if (decision.getEditedText() != null) {
      return "PLAINTEXT_EDIT";
    }
    return null;
  }
}
