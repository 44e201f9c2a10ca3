package org.phigate.review.api;

import java.util.LinkedHashMap;
import java.util.Map;
import org.phigate.schema.ReviewItem;

/** The JSON of one held item: what the AI step decided and drafted (tokens only), and how it was produced. */
final class ItemJson {
  private ItemJson() {}

  static Map<String, Object> of(ReviewItem item, boolean reviewerView) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("reviewId", item.getReviewId());
    json.put("eventId", item.getEventId());
    json.put("workflow", item.getWorkflow());
    json.put("status", item.getStatus().name());
    json.put("heldAt", item.getHeldAt().toString());
    json.put("category", item.getCategory());
    json.put("urgency", item.getUrgency() == null ? null : item.getUrgency().name());
    json.put("urgencySource", item.getUrgencySource() == null ? null : item.getUrgencySource().name());
    json.put("modelUrgency", item.getModelUrgency() == null ? null : item.getModelUrgency().name());
    json.put("redFlags", item.getRedFlags());
    json.put("escalate", item.getEscalate());
    json.put("rationale", item.getRationale());
    json.put("draftText", item.getDraftText());
    json.put("summary", item.getSummary());
    json.put("needsAction", item.getNeedsAction());
    json.put("label", item.getLabel());
    json.put("confidence", item.getConfidence());
    json.put("task", item.getTask());
    json.put("resultStatus", item.getResultStatus().name());
    json.put("modelId", item.getModelId());
    json.put("modelVersion", item.getModelVersion());
    json.put("patientToken", item.getPatientToken());
    json.put("view", reviewerView ? "reviewer" : "auditor");
    return json;
  }
}
