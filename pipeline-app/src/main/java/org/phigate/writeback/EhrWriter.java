package org.phigate.writeback;

import java.util.List;
import java.util.Optional;
import org.phigate.schema.ApprovedResult;

/**
 * Writes one approved, re-identified result to the EHR, idempotently (same review id ⇒ same resources), and reads back
 * what an earlier attempt wrote. Called from write-back worker threads, concurrently: implementations are thread-safe.
 */
public interface EhrWriter {

  /**
   * What to write for one approved item, already re-identified.
   *
   * @param approved        the held item and the human decision that releases it
   * @param text            the approved text (the reviewer's edit, else the AI draft)
   * @param originalDraft   the AI draft as the model wrote it when the reviewer edited it, else null
   * @param patientKey      the patient's identifier (MRN) in the EHR
   * @param sourceMessageId the id of the message the item answers (MSH-10 or the FHIR id), null when unknown
   */
  record WriteRequest(ApprovedResult approved, String text, String originalDraft, String patientKey,
                      String sourceMessageId) {}

  /**
   * Result of one write: the main resource's type and id, whether it was newly created, the HTTP status seen, and
   * every resource the write made or found ({@code Type/id}).
   */
  record WriteResult(String resourceType, String resourceId, boolean created, int httpStatus,
                     List<String> resources) {
    public WriteResult {
      resources = resources == null ? List.of() : List.copyOf(resources);
    }

    public WriteResult(String resourceType, String resourceId, boolean created, int httpStatus) {
      this(resourceType, resourceId, created, httpStatus, List.of(resourceType + "/" + resourceId));
    }
  }

  /**
   * @throws EhrWriteException with a PHI-free message (a reason code) when the EHR refuses or cannot be reached, or
   *                           when the patient cannot be matched to exactly one chart
   */
  WriteResult write(WriteRequest request);

  /**
   * Reads back by identifier (derived from the review id) the main resource an earlier attempt for this item wrote,
   * so a retry after a timeout, a crash or a lost answer never writes twice. Needs no PHI.
   *
   * @return the written resource ({@code created} false), or empty when the EHR holds none
   * @throws EhrWriteException with a PHI-free message when the EHR refuses or cannot be reached
   */
  Optional<WriteResult> find(ApprovedResult approved);
}
