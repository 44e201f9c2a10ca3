package org.phigate.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.phigate.catalog.Topics;
import org.phigate.review.ReviewStage;
import org.phigate.review.ReviewTopology;
import org.phigate.schema.ApprovedResult;
import org.phigate.schema.ReviewItem;
import org.phigate.schema.ReviewStatus;
import org.phigate.schema.Urgency;
import org.phigate.testing.CapturedOutput;

/**
 * Decisions through the reviewer API into the review topology: applied once (409 to a second), rejections only with a
 * documented reason code, and an edited text sealed with the AI draft kept beside it (no PHI in records or logs).
 */
class ReviewApiDecisionTest extends ReviewApiHarness {
  @Test
  void shouldApplyADecisionOnceAndAnswer409ToASecond() throws Exception {
    hold("ev-c", Urgency.SOON, Duration.ofMinutes(3), false);
    HttpResponse<String> first = post(decisionPath("ev-c"), reviewer(), "{\"action\":\"approve\"}");
    assertThat(first.statusCode()).isEqualTo(202);
    assertThat(json(first).get("reviewer").asText()).isEqualTo("nurse-42");
    HttpResponse<String> second = post(decisionPath("ev-c"), reviewer(), "{\"action\":\"reject\","
        + "\"reasonCode\":\"DUPLICATE\"}");
    assertThat(second.statusCode()).isEqualTo(409);
    assertThat(json(second).get("error").asText()).isEqualTo("ALREADY_DECIDED");

    List<ApprovedResult> approved = pipeline.output(driver, Topics.REVIEW_APPROVED).readValuesToList();
    assertThat(approved).singleElement().satisfies(a -> {
      assertThat(a.getDecision().getReviewer()).isEqualTo("nurse-42");
      assertThat(a.getDecision().getIssuer()).isEqualTo(issuer.issuer());
      assertThat(pipeline.decisionMac().verify(a.getDecision())).isTrue();
    });
    assertThat(decisionBytes).hasSize(1);
  }

  @Test
  void shouldRejectWithADocumentedReasonCodeOnly() throws Exception {
    hold("ev-d", Urgency.ROUTINE, Duration.ofMinutes(1), false);
    assertThat(post(decisionPath("ev-d"), reviewer(), "{\"action\":\"reject\"}").statusCode()).isEqualTo(400);
    assertThat(post(decisionPath("ev-d"), reviewer(), "{\"action\":\"reject\",\"reasonCode\":\"MADE_UP\"}")
        .statusCode()).isEqualTo(400);
    assertThat(post(decisionPath("ev-d"), reviewer(), "{\"action\":\"approve\",\"reviewer\":\"dr-evil\"}")
        .statusCode()).isEqualTo(400);
    assertThat(post(decisionPath("ev-d"), reviewer(), "{\"action\":\"reject\",\"reasonCode\":\"NOT_ACTIONABLE\"}")
        .statusCode()).isEqualTo(202);
    ReviewItem item = driver.<String, ReviewItem>getKeyValueStore(ReviewTopology.STORE)
        .get(ReviewStage.reviewId("ev-d"));
    assertThat(item.getStatus()).isEqualTo(ReviewStatus.REJECTED);
    assertThat(pipeline.output(driver, Topics.REVIEW_APPROVED).isEmpty()).isTrue();
  }

  @Test
  void shouldSealTheEditedTextAndKeepTheAiDraftBesideIt() throws Exception {
    hold("ev-g", Urgency.SOON, Duration.ofMinutes(1), false);
    try (CapturedOutput captured = new CapturedOutput()) {
      HttpResponse<String> answer = post(decisionPath("ev-g"), reviewer(), JSON.writeValueAsString(
          java.util.Map.of("action", "edit-approve", "editedText", PHI_EDIT, "urgency", "urgent")));
      assertThat(answer.statusCode()).isEqualTo(202);
      assertThat(answer.body()).doesNotContain("Okafor");
      var raw = driver.createOutputTopic(Topics.REVIEW_APPROVED.name(), new StringDeserializer(),
          new ByteArrayDeserializer()).readValuesToList();
      assertThat(raw).singleElement().satisfies(bytes ->
          assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).doesNotContain("Okafor").doesNotContain("555-0142"));
      assertThat(decisionBytes).singleElement().satisfies(bytes ->
          assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).doesNotContain("Okafor"));
      assertThat(captured.logLines()).noneSatisfy(line -> assertThat(line).contains("Okafor"));
    }
    ReviewItem item = driver.<String, ReviewItem>getKeyValueStore(ReviewTopology.STORE)
        .get(ReviewStage.reviewId("ev-g"));
    assertThat(item.getUrgency()).isEqualTo(Urgency.URGENT);
    assertThat(item.getDraftText()).isEqualTo(ReviewTopologyTest.result("ev-g").getDraftText());
    assertThat(requestedUrls).isNotEmpty().noneSatisfy(url -> assertThat(url).contains("Okafor"));
  }
}
