package org.phigate.writeback;

/**
 * An EHR write failed; retryable when the EHR was unreachable or answered 5xx, 429, 409 or 412. The message is a
 * PHI-free reason code or status line, used as the dead letter's reason.
 */
public class EhrWriteException extends RuntimeException {
  /** Reason code when the FHIR client failed other than by an HTTP error status or an unreachable EHR. */
  public static final String CLIENT_FAILED = "EHR_CLIENT_FAILED";
  /** No patient in the EHR carries the item's MRN: nothing is written. */
  public static final String PATIENT_NOT_FOUND = "PATIENT_NOT_FOUND";
  /** More than one patient carries the item's MRN: nothing is written, to no chart. */
  public static final String PATIENT_AMBIGUOUS = "PATIENT_AMBIGUOUS";
  /** The item's workflow has no FHIR mapping (fhir-mappings.json). */
  public static final String WORKFLOW_NOT_WRITABLE = "WORKFLOW_NOT_WRITABLE";
  private final int httpStatus;
  private final boolean retryable;

  public EhrWriteException(String message, int httpStatus, boolean retryable) {
    super(message);
    this.httpStatus = httpStatus;
    this.retryable = retryable;
  }

  /** A permanent failure with a reason code and no HTTP status: sending the item again would fail the same way. */
  public static EhrWriteException permanent(String reasonCode) {
    return new EhrWriteException(reasonCode, 0, false);
  }

  public int httpStatus() {
    return httpStatus;
  }

  public boolean retryable() {
    return retryable;
  }
}
