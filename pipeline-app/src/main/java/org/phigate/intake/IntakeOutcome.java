package org.phigate.intake;

import org.phigate.schema.AuditEvent;
import org.phigate.schema.ClinicalEvent;
import org.phigate.schema.IntakeFailure;

/** What intake made of one raw record: an event or a dead letter, and always an audit event. */
public record IntakeOutcome(ClinicalEvent event, IntakeFailure failure, AuditEvent audit) {
  public boolean accepted() {
    return event != null;
  }
}
