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

  static ReviewDecision decision(String reviewId, DecisionType type) {
    return ReviewDecision.newBuilder().setReviewId(reviewId).setDecision(type).setReviewer("dr-7")
        .setReviewerRole("attending").setDecidedAt(Instant.parse("2026-11-25T12:05:00Z")).build();
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
}
