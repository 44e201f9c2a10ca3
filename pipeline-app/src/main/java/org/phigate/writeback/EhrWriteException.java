package org.phigate.writeback;

/** An EHR write failed; retryable when the EHR was unreachable or answered 5xx. Messages never carry PHI. */
public class EhrWriteException extends RuntimeException {
  private final int httpStatus;
  private final boolean retryable;

  public EhrWriteException(String message, int httpStatus, boolean retryable) {
    super(message);
    this.httpStatus = httpStatus;
    this.retryable = retryable;
  }

  public int httpStatus() {
    return httpStatus;
  }

  public boolean retryable() {
    return retryable;
  }
}
