package org.phigate.review;

import java.time.Duration;
import java.time.Instant;
import org.phigate.audit.AuditEvents;
import org.phigate.config.ServiceLevel;
import org.phigate.schema.AuditAction;
import org.phigate.schema.AuditEvent;
import org.phigate.schema.EscalationReason;
import org.phigate.schema.ReviewEscalation;
import org.phigate.schema.ReviewItem;
import org.phigate.schema.ReviewStatus;
import org.phigate.schema.Urgency;

/** Review SLAs applied to held items: each item's deadline, and the escalation record and audit event, once. */
public final class Escalations {
  private final ServiceLevels slas;
  private final AuditEvents audit;

  public Escalations(ServiceLevels slas, AuditEvents audit) {
    this.slas = slas;
    this.audit = audit;
  }

  /** An escalated item (as now stored), its PHI-free escalation record and its audit event. */
  public record Escalated(ReviewItem item, ReviewEscalation record, AuditEvent audit) {}

  /** The item with its deadline set from its workflow's SLA for its urgency. */
  public ReviewItem schedule(ReviewItem item) {
    ServiceLevel sla = slas.of(item.getWorkflow(), item.getUrgency());
    return ReviewItem.newBuilder(item).setDueAt(slas.dueAt(sla, item.getHeldAt())).build();
  }

  /** Why an item must be escalated the moment it is held, or null: emergencies and escalate=true. */
  public EscalationReason onArrival(ReviewItem item) {
    if (item.getUrgency() == Urgency.EMERGENCY) {
      return EscalationReason.EMERGENCY;
    }
    return item.getEscalate() ? EscalationReason.ESCALATE_FLAG : null;
  }

  /** True when a pending, not yet escalated item's deadline is at or before {@code now}. */
  public static boolean overdue(ReviewItem item, Instant now) {
    return item.getStatus() == ReviewStatus.PENDING && !item.getEscalated() && item.getDueAt() != null
        && !item.getDueAt().isAfter(now);
  }

  /** Marks a scheduled item escalated at {@code now} and builds its record and audit event. */
  public Escalated escalate(ReviewItem item, EscalationReason reason, Instant now) {
    ReviewItem escalated = ReviewItem.newBuilder(item).setEscalated(true).setEscalatedAt(now).build();
    ServiceLevel sla = slas.of(item.getWorkflow(), item.getUrgency());
    Instant dueAt = item.getDueAt() != null ? item.getDueAt() : slas.dueAt(sla, item.getHeldAt());
    long age = Math.max(0, Duration.between(item.getHeldAt(), now).toMillis());
    ReviewEscalation record = ReviewEscalation.newBuilder()
        .setReviewId(item.getReviewId())
        .setEventId(item.getEventId())
        .setTenant(item.getTenant())
        .setWorkflow(item.getWorkflow())
        .setUrgency(item.getUrgency())
        .setReason(reason)
        .setSla(sla.label())
        .setHeldAt(item.getHeldAt())
        .setDueAt(dueAt)
        .setEscalatedAt(now)
        .setAgeMillis(age)
        .build();
    AuditEvent event = audit.event("review.escalate", AuditAction.U, item.getEventId())
        .patientToken(item.getPatientToken())
        .entity(item.getReviewId(), "ReviewItem", "4")
        .detail("reason", reason)
        .detail("workflow", item.getWorkflow())
        .detail("urgency", item.getUrgency() == null ? Urgency.ROUTINE : item.getUrgency())
        .detail("sla", sla.label())
        .detail("ageMillis", age)
        .build();
    return new Escalated(escalated, record, event);
  }
}
