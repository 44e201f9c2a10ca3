package org.phigate.writeback;

/** An EHR write failed; retryable when the EHR was unreachable or answered 5xx. Messages never carry PHI. */
public class EhrWriteException extends RuntimeException {
  /** Reason code when the FHIR client failed other than by an HTTP error status or an unreachable EHR. */
  public static final String CLIENT_FAILED = "EHR_CLIENT_FAILED";
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
