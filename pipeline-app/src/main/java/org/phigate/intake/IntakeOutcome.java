package org.phigate.intake;

import org.phigate.schema.AuditEvent;
import org.phigate.schema.ClinicalEvent;
import org.phigate.schema.IntakeFailure;

/**
 * What intake made of one raw record: an event, a dead letter, or (neither) a suppressed duplicate; always an audit
 * event. {@code dedupKey} is a hash of the message's identity (never its content) for accepted records;
 * {@code sourceMessageId} the sender's id in clear (the event holds it sealed), for the edges' raw record key only.
 */
public record IntakeOutcome(ClinicalEvent event, IntakeFailure failure, AuditEvent audit, String dedupKey,
                            String sourceMessageId) {
  public IntakeOutcome(ClinicalEvent event, IntakeFailure failure, AuditEvent audit) {
    this(event, failure, audit, null, null);
  }

  public IntakeOutcome(ClinicalEvent event, IntakeFailure failure, AuditEvent audit, String dedupKey) {
    this(event, failure, audit, dedupKey, null);
  }

  public boolean accepted() {
    return event != null;
  }

  public boolean rejected() {
    return failure != null;
  }

  /** A re-sent copy of a message already turned into an event: only its audit event goes on. */
  public boolean duplicate() {
    return event == null && failure == null;
  }
}
