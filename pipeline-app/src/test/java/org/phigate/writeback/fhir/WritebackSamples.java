package org.phigate.writeback.fhir;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.phigate.catalog.AvroTrust;
import org.phigate.schema.ApprovedResult;
import org.phigate.schema.DecisionType;
import org.phigate.schema.ReviewDecision;
import org.phigate.schema.ReviewItem;
import org.phigate.schema.ReviewStatus;
import org.phigate.schema.Urgency;
import org.phigate.writeback.EhrWriter.WriteRequest;

/** Approved items of each workflow, re-identified, as write-back hands them to an {@link org.phigate.writeback.EhrWriter}. */
public final class WritebackSamples {
  public static final String MRN_SYSTEM = "urn:oid:2.16.840.1.113883.19.5";
  public static final String REVIEW_SYSTEM = "urn:phigate:review";
  /** PHI the samples carry: a test fails when one of these reaches a log or an exception message. */
  public static final String PATIENT_NAME = "Zebulonia Quixtrot";
  public static final String SOURCE_MESSAGE_ID = "msg-Quixtrot-19580214";
  public static final List<String> WORKFLOWS = List.of("message-triage", "note-summary", "result-follow-up");

  static {
    AvroTrust.install();
  }

  private WritebackSamples() {}

  public static FhirWriteSettings settings() {
    return new FhirWriteSettings(REVIEW_SYSTEM, MRN_SYSTEM, "urn:phigate:reviewer", "urn:phigate:source-message",
        "urn:phigate:owner-pool", Map.of("triage", "portal-triage", "follow-up", "result-follow-up"));
  }

  /** An approved item of the workflow; with {@code edited} the reviewer replaced the AI draft. */
  public static WriteRequest request(String workflow, String reviewId, String mrn, boolean edited) {
    String draft = switch (workflow) {
      case "note-summary" -> "Summary: " + PATIENT_NAME + " was seen for knee pain; ibuprofen started.";
      case "result-follow-up" -> "Call " + PATIENT_NAME + " to repeat the potassium this week.";
      default -> "Dear " + PATIENT_NAME + ", please come in today to have your wound checked.";
    };
    String edit = edited ? draft + " Reviewer's addition: bring your medication list." : null;
    ReviewItem item = ReviewItem.newBuilder().setReviewId(reviewId).setEventId("ev-" + reviewId).setTenant("t")
        .setWorkflow(workflow).setPatientToken("PT-aabbccddeeff").setModelId("phigate-embedded-minilm-logreg")
        .setModelVersion("all-minilm-l6-v2-q@1.19.0+triage.0123abcd+redflags.4567ef")
        .setLabel("symptom").setConfidence(0.91).setDraftText("(tokens only)")
        .setHeldAt(Instant.parse("2026-11-25T12:00:00Z")).setStatus(ReviewStatus.APPROVED)
        .setCategory(workflow.equals("result-follow-up") ? "needs-action" : "symptom")
        .setUrgency(workflow.equals("note-summary") ? null : Urgency.URGENT)
        .setRedFlags(workflow.equals("message-triage") ? List.of("wound-infection") : List.of())
        .setSummary(workflow.equals("note-summary") ? draft : null)
        .setNeedsAction(workflow.equals("result-follow-up") ? Boolean.TRUE : null)
        .setTask(workflow.equals("message-triage") ? "portal-triage" : workflow).build();
    ReviewDecision decision = ReviewDecision.newBuilder().setReviewId(reviewId).setDecision(DecisionType.APPROVE)
        .setReviewer("dr-7").setReviewerRole("attending").setDecidedAt(Instant.parse("2026-11-25T12:05:00Z"))
        .setEditedText(edited ? "(tokens only, edited)" : null).build();
    return new WriteRequest(new ApprovedResult(item, decision), edited ? edit : draft, edited ? draft : null, mrn,
        SOURCE_MESSAGE_ID);
  }
}
