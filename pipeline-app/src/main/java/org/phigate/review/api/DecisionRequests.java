package org.phigate.review.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import org.phigate.review.auth.ReviewPrincipal;
import org.phigate.schema.DecisionType;
import org.phigate.schema.ReviewDecision;
import org.phigate.schema.Urgency;
import org.phigate.security.FieldCipher;

/**
 * Parses a decision request body: {@code action} (approve, edit-approve, reject, reclassify, request-redraft),
 * {@code editedText}, {@code reasonCode}, {@code urgency}, {@code category}. Errors name the field, never its value.
 * The reviewer comes from the token, never from the body.
 */
final class DecisionRequests {
  static final int MAX_EDIT_CHARS = 20_000;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> FIELDS = Set.of("action", "editedText", "reasonCode", "urgency", "category");
  private final ReasonCodes reasons;

  DecisionRequests(ReasonCodes reasons) {
    this.reasons = reasons;
  }

  /** A parsed request, or the reason it was refused. */
  record Parsed(String error, DecisionType type, String editedText, String reasonCode, Urgency urgency,
                String category) {
    static Parsed refused(String error) {
      return new Parsed(error, null, null, null, null, null);
    }

    /** True when the decision closes the item (everything but reclassify). */
    boolean closes() {
      return type != DecisionType.RECLASSIFY;
    }

    /**
     * The unsigned decision of this request by this person; an edit is sealed, bound to the review id, under the
     * item's patient's data key (with envelope keys), so shredding the patient shreds the edit too.
     */
    ReviewDecision decision(String reviewId, ReviewPrincipal who, Instant at, FieldCipher reviewCipher,
                            String patientToken) {
      return ReviewDecision.newBuilder().setReviewId(reviewId).setDecision(type).setReviewer(who.subject())
          .setIssuer(who.issuer()).setReviewerRole(who.decidingRole()).setDecidedAt(at)
          .setSealedEditedText(editedText == null ? null : reviewCipher.sealString(editedText, reviewId, patientToken))
          .setReasonCode(reasonCode).setNewUrgency(urgency).setNewCategory(category).build();
    }
  }

  Parsed parse(String body) {
    JsonNode root;
    try {
      root = JSON.readTree(body == null ? "" : body);
    } catch (JsonProcessingException e) {
      return Parsed.refused("the body is not JSON");
    }
    if (root == null || !root.isObject()) {
      return Parsed.refused("the body must be a JSON object");
    }
    for (var names = root.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        return Parsed.refused("unknown field (allowed: " + String.join(", ", FIELDS.stream().sorted().toList()) + ")");
      }
    }
    String action = text(root, "action");
    String edit = text(root, "editedText");
    String reason = text(root, "reasonCode");
    String category = text(root, "category");
    Urgency urgency;
    try {
      String value = text(root, "urgency");
      urgency = value == null ? null : Urgency.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return Parsed.refused("urgency must be one of routine, soon, urgent, emergency");
    }
    if (category != null && !category.matches("[a-z0-9][a-z0-9-]{0,63}")) {
      return Parsed.refused("category must be a category id (lower-case letters, digits, dashes)");
    }
    if (action == null) {
      return Parsed.refused("action is required: approve, edit-approve, reject, reclassify or request-redraft");
    }
    return switch (action) {
      case "approve" -> edit != null || reason != null ? Parsed.refused("approve takes no editedText or reasonCode")
          : new Parsed(null, DecisionType.APPROVE, null, null, urgency, category);
      case "edit-approve" -> edit == null || edit.isBlank() || edit.length() > MAX_EDIT_CHARS
          ? Parsed.refused("edit-approve needs editedText of 1 to " + MAX_EDIT_CHARS + " characters")
          : new Parsed(null, DecisionType.APPROVE, edit, null, urgency, category);
      case "reject", "request-redraft" -> reason == null || !reasons.allows(reason, action)
          ? Parsed.refused(action + " needs a reasonCode from review/reason-codes.tsv that applies to it")
          : new Parsed(null, action.equals("reject") ? DecisionType.REJECT : DecisionType.REQUEST_REDRAFT, null,
              reason, urgency, category);
      case "reclassify" -> urgency == null && category == null
          ? Parsed.refused("reclassify needs urgency or category")
          : new Parsed(null, DecisionType.RECLASSIFY, null, null, urgency, category);
      default -> Parsed.refused("action must be approve, edit-approve, reject, reclassify or request-redraft");
    };
  }

  private static String text(JsonNode root, String field) {
    JsonNode node = root.get(field);
    return node == null || node.isNull() ? null : node.asText();
  }
}
