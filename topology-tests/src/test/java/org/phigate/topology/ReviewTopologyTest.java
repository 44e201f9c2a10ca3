package org.phigate.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.phigate.catalog.Topics;
import org.phigate.review.ReviewStage;
import org.phigate.review.ReviewTopology;
import org.phigate.runtime.Role;
import org.phigate.schema.ApprovedResult;
import org.phigate.schema.AuditEvent;
import org.phigate.schema.DecisionType;
import org.phigate.schema.InferenceResult;
import org.phigate.schema.ReviewDecision;
import org.phigate.schema.ReviewItem;
import org.phigate.schema.ReviewStatus;

class ReviewTopologyTest {
  private final TestPipeline pipeline = new TestPipeline();
  private final TopologyTestDriver driver = pipeline.driver(Role.REVIEW);

  @AfterEach
  void close() {
    driver.close();
  }

  static InferenceResult result(String eventId) {
    return InferenceResult.newBuilder().setEventId(eventId).setTenant("t").setWorkflow("message-triage")
        .setPatientToken("PT-abc").setModelId("m").setModelVersion("1").setPromptSha256("00").setLabel("urgent")
        .setConfidence(0.9).setDraftText("Suggested triage: urgent for [NAME-0a0b0c0d]")
        .setCreatedAt(Instant.parse("2026-11-25T12:00:00Z")).build();
  }

  static ReviewDecision unsigned(String reviewId, DecisionType type) {
    return ReviewDecision.newBuilder().setReviewId(reviewId).setDecision(type).setReviewer("dr-7")
        .setIssuer("https://idp.example").setReviewerRole("reviewer")
        .setDecidedAt(Instant.parse("2026-11-25T12:05:00Z")).build();
  }

  private ReviewDecision decision(String reviewId, DecisionType type) {
    return pipeline.decisionMac().sign(unsigned(reviewId, type));
  }

  @Test
  void shouldHoldEveryResultAndReleaseItOnlyOnceOnApproval() {
    pipeline.input(driver, Topics.AI_RESULTS).pipeInput("ev-1", result("ev-1"));
    ReviewItem held = pipeline.output(driver, Topics.REVIEW_PENDING).readValue();
    assertThat(held.getReviewId()).isEqualTo(ReviewStage.reviewId("ev-1"));
    assertThat(held.getStatus()).isEqualTo(ReviewStatus.PENDING);
    assertThat(pipeline.output(driver, Topics.REVIEW_APPROVED).isEmpty()).isTrue();

    var decisions = pipeline.input(driver, Topics.REVIEW_DECISIONS);
    decisions.pipeInput(held.getReviewId(), decision(held.getReviewId(), DecisionType.APPROVE));
    decisions.pipeInput(held.getReviewId(), decision(held.getReviewId(), DecisionType.APPROVE));

    var approved = pipeline.output(driver, Topics.REVIEW_APPROVED).readValuesToList();
    assertThat(approved).singleElement().extracting(ApprovedResult::getItem).extracting(ReviewItem::getStatus)
        .isEqualTo(ReviewStatus.APPROVED);
    assertThat(driver.<String, ReviewItem>getKeyValueStore(ReviewTopology.STORE).get(held.getReviewId())
        .getStatus()).isEqualTo(ReviewStatus.APPROVED);
    assertThat(pipeline.output(driver, Topics.AUDIT_EVENTS).readValuesToList())
        .extracting(AuditEvent::getSubtype, AuditEvent::getOutcomeDesc)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("review.hold", null),
            org.assertj.core.groups.Tuple.tuple("review.decide", null),
            org.assertj.core.groups.Tuple.tuple("review.decide", "ALREADY_DECIDED"));
  }

  @Test
  void shouldNeverReleaseARejectedOrUnknownReview() {
    pipeline.input(driver, Topics.AI_RESULTS).pipeInput("ev-2", result("ev-2"));
    String reviewId = ReviewStage.reviewId("ev-2");
    var decisions = pipeline.input(driver, Topics.REVIEW_DECISIONS);
    decisions.pipeInput(reviewId, decision(reviewId, DecisionType.REJECT));
    decisions.pipeInput(reviewId, decision(reviewId, DecisionType.APPROVE));
    decisions.pipeInput("rv-unknown", decision("rv-unknown", DecisionType.APPROVE));

    assertThat(pipeline.output(driver, Topics.REVIEW_APPROVED).isEmpty()).isTrue();
    assertThat(pipeline.output(driver, Topics.AUDIT_EVENTS).readValuesToList())
        .extracting(AuditEvent::getOutcomeDesc)
        .containsExactly(null, null, "ALREADY_DECIDED", "UNKNOWN_REVIEW");
  }

  @Test
  void shouldRecordTheReviewerAsAnAuditAgent() {
    pipeline.input(driver, Topics.AI_RESULTS).pipeInput("ev-3", result("ev-3"));
    String reviewId = ReviewStage.reviewId("ev-3");
    pipeline.input(driver, Topics.REVIEW_DECISIONS).pipeInput(reviewId, decision(reviewId, DecisionType.APPROVE));
    AuditEvent decide = pipeline.output(driver, Topics.AUDIT_EVENTS).readValuesToList().get(1);
    assertThat(decide.getAgents()).anySatisfy(a -> assertThat(a.getWho()).isEqualTo("dr-7"));
    assertThat(decide.getSubjectEventId()).isEqualTo("ev-3");
    assertThat(decide.getDetails()).containsEntry("decision", "APPROVE");
  }

  @Test
  void shouldRefuseUnsignedForgedAndPlaintextDecisionsAndAuditEach() {
    pipeline.input(driver, Topics.AI_RESULTS).pipeInput("ev-4", result("ev-4"));
    String reviewId = ReviewStage.reviewId("ev-4");
    ReviewDecision signed = decision(reviewId, DecisionType.REJECT);
    ReviewDecision forged = ReviewDecision.newBuilder(signed).setDecision(DecisionType.APPROVE).build();
    ReviewDecision otherKey = new org.phigate.review.auth.DecisionMac(java.util.Base64.getDecoder()
        .decode(org.phigate.security.Keys.randomBase64())).sign(unsigned(reviewId, DecisionType.APPROVE));
    ReviewDecision plaintext = pipeline.decisionMac().sign(ReviewDecision.newBuilder(unsigned(reviewId,
        DecisionType.APPROVE)).setEditedText("Call Ms Example back").build());
    var decisions = pipeline.input(driver, Topics.REVIEW_DECISIONS);
    decisions.pipeInput(reviewId, unsigned(reviewId, DecisionType.APPROVE));
    decisions.pipeInput(reviewId, forged);
    decisions.pipeInput(reviewId, otherKey);
    decisions.pipeInput(reviewId, plaintext);
    decisions.pipeInput("rv-ev-other", decision(reviewId, DecisionType.APPROVE));

    assertThat(pipeline.output(driver, Topics.REVIEW_APPROVED).isEmpty()).isTrue();
    assertThat(driver.<String, ReviewItem>getKeyValueStore(ReviewTopology.STORE).get(reviewId).getStatus())
        .isEqualTo(ReviewStatus.PENDING);
    var audits = pipeline.output(driver, Topics.AUDIT_EVENTS).readValuesToList();
    assertThat(audits.subList(1, audits.size())).extracting(AuditEvent::getOutcomeDesc).containsExactly("DECISION_UNSIGNED", "DECISION_MAC_INVALID",
            "DECISION_MAC_INVALID", "PLAINTEXT_EDIT", "DECISION_KEY_MISMATCH");
  }

  @Test
  void shouldRecordAReclassificationAndKeepTheItemOpen() {
    pipeline.input(driver, Topics.AI_RESULTS).pipeInput("ev-5", ReviewItemFixtures.withUrgency(result("ev-5")));
    String reviewId = ReviewStage.reviewId("ev-5");
    pipeline.input(driver, Topics.REVIEW_DECISIONS).pipeInput(reviewId, pipeline.decisionMac().sign(
        ReviewDecision.newBuilder(unsigned(reviewId, DecisionType.RECLASSIFY))
            .setNewUrgency(org.phigate.schema.Urgency.EMERGENCY).setNewCategory("medication").build()));

    ReviewItem item = driver.<String, ReviewItem>getKeyValueStore(ReviewTopology.STORE).get(reviewId);
    assertThat(item.getStatus()).isEqualTo(ReviewStatus.PENDING);
    assertThat(item.getUrgency()).isEqualTo(org.phigate.schema.Urgency.EMERGENCY);
    assertThat(item.getCategory()).isEqualTo("medication");
    AuditEvent decide = pipeline.output(driver, Topics.AUDIT_EVENTS).readValuesToList().get(1);
    assertThat(decide.getDetails()).containsEntry("previousUrgency", "ROUTINE").containsEntry("newUrgency",
        "EMERGENCY").containsEntry("newCategory", "medication").containsEntry("issuer", "https://idp.example");
    assertThat(pipeline.output(driver, Topics.REVIEW_APPROVED).isEmpty()).isTrue();
  }

  @Test
  void shouldReleaseTheSealedEditBesideTheOriginalDraft() {
    pipeline.input(driver, Topics.AI_RESULTS).pipeInput("ev-6", result("ev-6"));
    String reviewId = ReviewStage.reviewId("ev-6");
    String edit = "Please call Ms Example today about her inhaler";
    pipeline.input(driver, Topics.REVIEW_DECISIONS).pipeInput(reviewId, pipeline.decisionMac().sign(
        ReviewDecision.newBuilder(unsigned(reviewId, DecisionType.APPROVE))
            .setSealedEditedText(pipeline.common.reviewCipher().sealString(edit, reviewId)).build()));

    ApprovedResult approved = pipeline.output(driver, Topics.REVIEW_APPROVED).readValue();
    assertThat(approved.getItem().getDraftText()).isEqualTo(result("ev-6").getDraftText());
    assertThat(approved.getDecision().getEditedText()).isNull();
    assertThat(pipeline.common.reviewCipher().openString(approved.getDecision().getSealedEditedText(), reviewId))
        .isEqualTo(edit);
  }

  /** Results with an urgency, as the AI step writes them. */
  private static final class ReviewItemFixtures {
    static InferenceResult withUrgency(InferenceResult result) {
      return InferenceResult.newBuilder(result).setUrgency(org.phigate.schema.Urgency.ROUTINE)
          .setCategory("question").build();
    }
  }
}
