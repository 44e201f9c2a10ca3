package org.phigate.review.api;

import org.phigate.schema.AuditEvent;
import org.phigate.schema.ReviewDecision;

/** Where the reviewer API writes: decisions to the decisions topic, audit events to the audit trail (durably). */
public interface ReviewSinks extends AutoCloseable {
  /** Returns once the broker has the decision; throws when it could not be written. */
  void decision(String reviewId, ReviewDecision decision) throws SinkException;

  /** Returns once the broker has the event; a PHI view is audited before it is shown. */
  void audit(AuditEvent event) throws SinkException;

  @Override
  void close();

  /** A write the broker did not acknowledge (message is the exception class only). */
  final class SinkException extends Exception {
    public SinkException(Throwable cause) {
      super(cause.getClass().getSimpleName(), null, false, false);
    }
  }
}
