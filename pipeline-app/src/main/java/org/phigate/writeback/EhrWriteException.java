package org.phigate.writeback;

import java.util.List;

/**
 * An EHR call failed; retryable when the EHR was unreachable or timed out (status 0), otherwise as its HTTP status
 * decides ({@link DeliveryPolicy#retryable}). Messages and issues never carry PHI: issues are the OperationOutcome's
 * codes only.
 */
public class EhrWriteException extends RuntimeException {
  /** Reason code when the FHIR client failed other than by an HTTP error status or an unreachable EHR. */
  public static final String CLIENT_FAILED = "EHR_CLIENT_FAILED";
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
