package org.phigate.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.phigate.catalog.Topics;
import org.phigate.config.ReviewConfig;
import org.phigate.review.ReviewStage;
import org.phigate.review.ReviewTopology;
import org.phigate.runtime.Role;
import org.phigate.schema.AuditEvent;
import org.phigate.schema.DecisionType;
import org.phigate.schema.EscalationReason;
import org.phigate.schema.InferenceResult;
import org.phigate.schema.ReviewDecision;
import org.phigate.schema.ReviewEscalation;
import org.phigate.schema.ResultStatus;
import org.phigate.schema.ReviewItem;
import org.phigate.schema.Urgency;

/**
 * Review SLAs on the review role's topology, driven by the test driver's wall clock: overdue items escalate exactly
 * once, decided items never, emergencies and escalate=true at once, routine items after two business days.
 */
class ReviewEscalationTopologyTest {
  /** A Wednesday. */
  private static final Instant WEDNESDAY_NOON = Instant.parse("2026-11-25T12:00:00Z");
  private static final Instant FRIDAY_3PM = Instant.parse("2026-11-27T15:00:00Z");
  private static final String PATIENT_TOKEN = "PT-9f8e7d";
  private static final String DRAFT = "Suggested reply for [NAME-0a0b0c0d]: please call the clinic";

  private final TestPipeline pipeline = new TestPipeline(Map.of(ReviewConfig.SLA_CHECK_MS.name(), "1000",
      ReviewConfig.SLA_WORKFLOWS.name(), "result-follow-up:urgent=10m"));
  private TopologyTestDriver driver;

  @AfterEach
  void close() {
    driver.close();
  }

  private void start(Instant wallClock) {
    driver = pipeline.driver(Role.REVIEW, wallClock);
  }

  private static InferenceResult result(String eventId, String workflow, Urgency urgency, boolean escalate,
                                        Instant createdAt) {
    return InferenceResult.newBuilder().setEventId(eventId).setTenant("t").setWorkflow(workflow)
        .setPatientToken(PATIENT_TOKEN).setModelId("m").setModelVersion("1").setPromptSha256("00")
        .setLabel("symptom").setConfidence(0.9).setDraftText(DRAFT).setCreatedAt(createdAt)
        .setUrgency(urgency).setEscalate(escalate).build();
  }

  private void hold(String eventId, Urgency urgency, Instant createdAt) {
    hold(result(eventId, "message-triage", urgency, false, createdAt));
  }

  private void hold(InferenceResult result) {
    pipeline.input(driver, Topics.AI_RESULTS).pipeInput(result.getEventId(), result);
  }

  private void decide(String eventId, DecisionType type) {
    String reviewId = ReviewStage.reviewId(eventId);
    pipeline.input(driver, Topics.REVIEW_DECISIONS).pipeInput(reviewId, pipeline.decisionMac().sign(
        ReviewDecision.newBuilder().setReviewId(reviewId).setDecision(type).setReviewer("dr-7")
            .setReviewerRole("attending").setDecidedAt(WEDNESDAY_NOON).build()));
  }

  private TestOutputTopic<String, ReviewEscalation> escalations() {
    return pipeline.output(driver, Topics.REVIEW_ESCALATIONS);
  }

  private ReviewItem stored(String eventId) {
    return driver.<String, ReviewItem>getKeyValueStore(ReviewTopology.STORE).get(ReviewStage.reviewId(eventId));
  }

  @Test
  void shouldEscalateAnItemLeftPastItsSlaExactlyOnce() {
    start(WEDNESDAY_NOON);
    hold("ev-urgent", Urgency.URGENT, WEDNESDAY_NOON);
    TestOutputTopic<String, ReviewEscalation> out = escalations();

    driver.advanceWallClockTime(Duration.ofMinutes(29));
    assertThat(out.isEmpty()).as("not yet due").isTrue();
    assertThat(stored("ev-urgent").getEscalated()).isFalse();
    assertThat(stored("ev-urgent").getDueAt()).isEqualTo(WEDNESDAY_NOON.plus(Duration.ofMinutes(30)));

    driver.advanceWallClockTime(Duration.ofMinutes(2));
    driver.advanceWallClockTime(Duration.ofHours(3));
    driver.advanceWallClockTime(Duration.ofDays(3));

    List<ReviewEscalation> escalated = out.readValuesToList();
    assertThat(escalated).singleElement().satisfies(e -> {
      assertThat(e.getReviewId()).isEqualTo(ReviewStage.reviewId("ev-urgent"));
      assertThat(e.getEventId()).isEqualTo("ev-urgent");
      assertThat(e.getWorkflow()).isEqualTo("message-triage");
      assertThat(e.getUrgency()).isEqualTo(Urgency.URGENT);
      assertThat(e.getReason()).isEqualTo(EscalationReason.SLA_EXCEEDED);
      assertThat(e.getSla()).isEqualTo("30m");
      assertThat(e.getDueAt()).isEqualTo(WEDNESDAY_NOON.plus(Duration.ofMinutes(30)));
      assertThat(e.getEscalatedAt()).isEqualTo(WEDNESDAY_NOON.plus(Duration.ofMinutes(31)));
      assertThat(e.getAgeMillis()).isEqualTo(Duration.ofMinutes(31).toMillis());
      assertThat(e.toString()).doesNotContain(PATIENT_TOKEN).doesNotContain("NAME-0a0b0c0d").doesNotContain("clinic");
    });
    ReviewItem item = stored("ev-urgent");
    assertThat(item.getEscalated()).isTrue();
    assertThat(item.getEscalatedAt()).isEqualTo(WEDNESDAY_NOON.plus(Duration.ofMinutes(31)));
    try (var deadlines = driver.<String, String>getKeyValueStore(ReviewTopology.SLA_STORE).all()) {
      assertThat(deadlines.hasNext()).as("the deadline left the index").isFalse();
    }
    assertThat(pipeline.output(driver, Topics.AUDIT_EVENTS).readValuesToList())
        .filteredOn(a -> a.getSubtype().equals("review.escalate")).singleElement().satisfies(a -> {
          assertThat(a.getSubjectEventId()).isEqualTo("ev-urgent");
          assertThat(a.getDetails()).containsEntry("reason", "SLA_EXCEEDED").containsEntry("sla", "30m");
        });
  }

  @Test
  void shouldNeverEscalateADecidedItem() {
    start(WEDNESDAY_NOON);
    hold("ev-approved", Urgency.URGENT, WEDNESDAY_NOON);
    hold("ev-rejected", Urgency.SOON, WEDNESDAY_NOON);
    driver.advanceWallClockTime(Duration.ofMinutes(10));
    decide("ev-approved", DecisionType.APPROVE);
    decide("ev-rejected", DecisionType.REJECT);

    driver.advanceWallClockTime(Duration.ofDays(7));

    assertThat(escalations().isEmpty()).isTrue();
    assertThat(stored("ev-approved").getEscalated()).isFalse();
    assertThat(stored("ev-rejected").getEscalated()).isFalse();
    assertThat(pipeline.output(driver, Topics.AUDIT_EVENTS).readValuesToList()).extracting(AuditEvent::getSubtype)
        .doesNotContain("review.escalate");
  }

  @Test
  void shouldEscalateAnEmergencyAndAnEscalateFlagOnArrivalOnce() {
    start(WEDNESDAY_NOON);
    hold("ev-emergency", Urgency.EMERGENCY, WEDNESDAY_NOON);
    hold(result("ev-flagged", "message-triage", Urgency.ROUTINE, true, WEDNESDAY_NOON));

    List<ReviewEscalation> atOnce = escalations().readValuesToList();
    assertThat(atOnce).extracting(ReviewEscalation::getEventId, ReviewEscalation::getReason, ReviewEscalation::getSla)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("ev-emergency", EscalationReason.EMERGENCY, "5m"),
            org.assertj.core.groups.Tuple.tuple("ev-flagged", EscalationReason.ESCALATE_FLAG, "2bd"));
    assertThat(atOnce).allSatisfy(e -> assertThat(e.getEscalatedAt()).isEqualTo(WEDNESDAY_NOON));
    List<ReviewItem> pending = pipeline.output(driver, Topics.REVIEW_PENDING).readValuesToList();
    assertThat(pending).extracting(ReviewItem::getEscalated).containsExactly(true, true);

    // neither the deadline passing nor a replayed result escalates them again
    driver.advanceWallClockTime(Duration.ofDays(5));
    hold("ev-emergency", Urgency.EMERGENCY, WEDNESDAY_NOON);
    assertThat(escalations().isEmpty()).isTrue();
    assertThat(stored("ev-emergency").getEscalatedAt()).isEqualTo(WEDNESDAY_NOON);
  }

  @Test
  void shouldCountTheRoutineSlaInBusinessDaysAcrossAWeekend() {
    start(FRIDAY_3PM);
    hold("ev-routine", Urgency.ROUTINE, FRIDAY_3PM);
    hold("ev-no-urgency", null, FRIDAY_3PM);
    Instant tuesday3pm = Instant.parse("2026-12-01T15:00:00Z");
    assertThat(stored("ev-routine").getDueAt()).isEqualTo(tuesday3pm);
    assertThat(stored("ev-no-urgency").getDueAt()).as("no urgency is routine").isEqualTo(tuesday3pm);

    driver.advanceWallClockTime(Duration.ofDays(2)); // Sunday 15:00: two calendar days, no business day
    driver.advanceWallClockTime(Duration.ofDays(1)); // Monday 15:00: one business day
    driver.advanceWallClockTime(Duration.ofHours(23).plusMinutes(59)); // Tuesday 14:59
    assertThat(escalations().isEmpty()).isTrue();

    driver.advanceWallClockTime(Duration.ofMinutes(1)); // Tuesday 15:00
    assertThat(escalations().readValuesToList()).extracting(ReviewEscalation::getEventId)
        .containsExactlyInAnyOrder("ev-routine", "ev-no-urgency");
  }

  @Test
  void shouldApplyAPerWorkflowSla() {
    start(WEDNESDAY_NOON);
    hold(result("ev-result", "result-follow-up", Urgency.URGENT, false, WEDNESDAY_NOON));
    hold("ev-triage", Urgency.URGENT, WEDNESDAY_NOON);

    driver.advanceWallClockTime(Duration.ofMinutes(11));

    assertThat(escalations().readValuesToList()).singleElement().satisfies(e -> {
      assertThat(e.getEventId()).isEqualTo("ev-result");
      assertThat(e.getSla()).isEqualTo("10m");
    });
  }

  @Test
  void shouldEscalateAResultThatArrivesAlreadyPastItsSlaAtTheNextCheck() {
    start(WEDNESDAY_NOON);
    hold("ev-late", Urgency.SOON, WEDNESDAY_NOON.minus(Duration.ofHours(5)));
    assertThat(escalations().isEmpty()).isTrue();

    driver.advanceWallClockTime(Duration.ofSeconds(1));

    assertThat(escalations().readValuesToList()).singleElement().satisfies(e -> assertThat(e.getAgeMillis())
        .isEqualTo(Duration.ofHours(5).plusSeconds(1).toMillis()));
  }

  @Test
  void shouldHoldResultsTheEgressGuardKeptFromTheModelLikeAnyOtherAndEscalateACrisisAtOnce() {
    start(WEDNESDAY_NOON);
    hold(InferenceResult.newBuilder(result("ev-blocked-crisis", "message-triage", Urgency.EMERGENCY, true,
        WEDNESDAY_NOON)).setStatus(ResultStatus.EGRESS_BLOCKED).setPromptSha256("").build());
    hold(InferenceResult.newBuilder(result("ev-blocked", "message-triage", Urgency.URGENT, false, WEDNESDAY_NOON))
        .setStatus(ResultStatus.EGRESS_BLOCKED).setPromptSha256("").build());

    assertThat(escalations().readValuesToList()).singleElement().satisfies(e -> {
      assertThat(e.getEventId()).isEqualTo("ev-blocked-crisis");
      assertThat(e.getReason()).isEqualTo(EscalationReason.EMERGENCY);
    });
    List<ReviewItem> pending = pipeline.output(driver, Topics.REVIEW_PENDING).readValuesToList();
    assertThat(pending).extracting(ReviewItem::getEventId, ReviewItem::getResultStatus, ReviewItem::getUrgency,
        ReviewItem::getEscalated).containsExactly(
            org.assertj.core.groups.Tuple.tuple("ev-blocked-crisis", ResultStatus.EGRESS_BLOCKED, Urgency.EMERGENCY,
                true),
            org.assertj.core.groups.Tuple.tuple("ev-blocked", ResultStatus.EGRESS_BLOCKED, Urgency.URGENT, false));
    assertThat(stored("ev-blocked").getDueAt()).isEqualTo(WEDNESDAY_NOON.plus(Duration.ofMinutes(30)));

    driver.advanceWallClockTime(Duration.ofMinutes(31));
    assertThat(escalations().readValuesToList()).singleElement().satisfies(e -> {
      assertThat(e.getEventId()).isEqualTo("ev-blocked");
      assertThat(e.getReason()).isEqualTo(EscalationReason.SLA_EXCEEDED);
    });
  }
}
