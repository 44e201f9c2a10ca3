package org.phigate.writeback;

import org.phigate.schema.ApprovedResult;

/** Writes one approved, re-identified result to the EHR, idempotently (same review id ⇒ same resource). */
public interface EhrWriter {

  /** Result of one write: resource type and id, whether it was newly created, and the HTTP status seen. */
  record WriteResult(String resourceType, String resourceId, boolean created, int httpStatus) {}

  /**
   * @param text       the re-identified text to write
   * @param patientKey the patient's identifier in the EHR
   * @throws EhrWriteException with a PHI-free message when the EHR refuses or cannot be reached
   */
  WriteResult write(ApprovedResult approved, String text, String patientKey);
}
