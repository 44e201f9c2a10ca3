package org.phigate.writeback;

import java.util.Optional;
import org.phigate.schema.ApprovedResult;

/**
 * Writes one approved, re-identified result to the EHR, idempotently (same review id ⇒ same resource), and reads back
 * what an earlier attempt wrote. Called from write-back worker threads, concurrently: implementations are thread-safe.
 */
public interface EhrWriter {

  /** Result of one write: resource type and id, whether it was newly created, and the HTTP status seen. */
  record WriteResult(String resourceType, String resourceId, boolean created, int httpStatus) {}

  /**
   * @param text       the re-identified text to write
   * @param patientKey the patient's identifier in the EHR
   * @throws EhrWriteException with a PHI-free message when the EHR refuses or cannot be reached
   */
  WriteResult write(ApprovedResult approved, String text, String patientKey);

  /**
   * Reads back by identifier (derived from the review id) the resource an earlier attempt for this item wrote, so a
   * retry after a timeout, a crash or a lost answer never writes twice. Needs no PHI.
   *
   * @return the written resource ({@code created} false), or empty when the EHR holds none
   * @throws EhrWriteException with a PHI-free message when the EHR refuses or cannot be reached
   */
  Optional<WriteResult> find(ApprovedResult approved);
}
