package org.phigate.writeback;

import java.util.List;

/**
 * An EHR call failed; retryable when the EHR was unreachable or timed out (status 0), otherwise as its HTTP status
 * decides ({@link DeliveryPolicy#retryable}). A failure with no status and not retryable carries a PHI-free reason
 * code as its message (PATIENT_NOT_FOUND, ...), used as the dead letter's reason. Messages and issues never carry
 * PHI: issues are the OperationOutcome's codes only.
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
  private final List<String> issues;

  public EhrWriteException(String message, int httpStatus, boolean retryable) {
    this(message, httpStatus, retryable, List.of());
  }

  /** @param issues the EHR's OperationOutcome issues as {@code severity|code|details code}, without any text */
  public EhrWriteException(String message, int httpStatus, boolean retryable, List<String> issues) {
    super(message);
    this.httpStatus = httpStatus;
    this.retryable = retryable;
    this.issues = List.copyOf(issues);
  }

  /** A permanent failure with a reason code and no HTTP status: sending the item again would fail the same way. */
  public static EhrWriteException permanent(String reasonCode) {
    return new EhrWriteException(reasonCode, 0, false);
  }

  /** This failure's own reason code (PATIENT_NOT_FOUND, ...) for the dead letter, or null when it has none. */
  public String reasonCode() {
    String message = getMessage();
    return switch (message == null ? "" : message) {
      case CLIENT_FAILED, PATIENT_NOT_FOUND, PATIENT_AMBIGUOUS, WORKFLOW_NOT_WRITABLE -> message;
      default -> null;
    };
  }

  public int httpStatus() {
    return httpStatus;
  }

  /** Whether the client saw a transient failure; for an HTTP answer, {@link DeliveryPolicy} decides from the status. */
  public boolean retryable() {
    return retryable;
  }

  public List<String> issues() {
    return issues;
  }
}
