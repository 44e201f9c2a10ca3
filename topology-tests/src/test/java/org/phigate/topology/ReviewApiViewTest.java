package org.phigate.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.phigate.catalog.Topics;
import org.phigate.review.ReviewStage;
import org.phigate.review.ReviewTopology;
import org.phigate.schema.AuditAction;
import org.phigate.schema.DeidentifiedEvent;
import org.phigate.schema.InferenceResult;
import org.phigate.schema.ResultStatus;
import org.phigate.schema.VaultEntry;
import org.phigate.schema.Urgency;
import org.phigate.testing.CapturedOutput;

/**
 * What the reviewer API shows: the queue ordered emergency first then oldest, with counts and filters; every item view
 * audited with the reviewer's identity before it is shown; the re-identified source for reviewers and none for
 * auditors, with no PHI in logs, audit events or URLs.
 */
class ReviewApiViewTest extends ReviewApiHarness {
  @Test
  void shouldOrderTheQueueEmergencyFirstThenOldestWithCountsAndFilters() throws Exception {
    hold("ev-r1", Urgency.ROUTINE, Duration.ofHours(5), false);
    hold("ev-u1", Urgency.URGENT, Duration.ofMinutes(10), false);
    hold("ev-e1", Urgency.EMERGENCY, Duration.ofMinutes(2), true);
    hold("ev-u2", Urgency.URGENT, Duration.ofMinutes(40), false);
    hold("ev-s1", Urgency.SOON, Duration.ofMinutes(1), false);
    post(decisionPath("ev-s1"), reviewer(), "{\"action\":\"approve\"}");

    JsonNode queue = json(get("/queue", reviewer()));
    List<String> order = new ArrayList<>();
    queue.get("items").forEach(i -> order.add(i.get("reviewId").asText()));
    assertThat(order).containsExactly("rv-ev-e1", "rv-ev-u2", "rv-ev-u1", "rv-ev-r1");
    assertThat(queue.get("counts").get("EMERGENCY").asInt()).isEqualTo(1);
    assertThat(queue.get("counts").get("URGENT").asInt()).isEqualTo(2);
    assertThat(queue.get("counts").get("SOON").asInt()).isZero();
    assertThat(queue.get("oldestAgeSeconds").asLong()).isEqualTo(Duration.ofHours(5).toSeconds());

    JsonNode urgent = json(get("/queue?urgency=urgent&minAgeSeconds=1200", reviewer()));
    assertThat(urgent.get("items")).singleElement().satisfies(i ->
        assertThat(i.get("reviewId").asText()).isEqualTo("rv-ev-u2"));
    assertThat(json(get("/queue?escalated=true", reviewer())).get("items")).singleElement().satisfies(i ->
        assertThat(i.get("reviewId").asText()).isEqualTo("rv-ev-e1"));
    assertThat(json(get("/queue?workflow=message-triage", reviewer())).get("items")).hasSize(4);
    assertThat(get("/queue?urgency=sometime", reviewer()).statusCode()).isEqualTo(400);
  }

  @Test
  void shouldAuditEveryItemViewWithTheReviewersIdentityBeforeShowingIt() throws Exception {
    hold("ev-f", Urgency.EMERGENCY, Duration.ofMinutes(1), true);
    HttpResponse<String> item = get("/items/" + ReviewStage.reviewId("ev-f"), reviewer());
    assertThat(item.statusCode()).isEqualTo(200);
    JsonNode body = json(item);
    assertThat(body.get("urgency").asText()).isEqualTo("EMERGENCY");
    assertThat(body.get("redFlags").get(0).asText()).isEqualTo("chest-pain");
    assertThat(body.get("modelId").asText()).isEqualTo("m");
    assertThat(body.get("resultStatus").asText()).isEqualTo("OK");
    assertThat(body.get("draftText").asText()).contains("[NAME-0a0b0c0d]");
    assertThat(apiAudit).singleElement().satisfies(event -> {
      assertThat(event.getAction()).isEqualTo(AuditAction.R);
      assertThat(event.getSubtype()).isEqualTo("review.view");
      assertThat(event.getSubjectEventId()).isEqualTo("ev-f");
      assertThat(event.getAgents()).anySatisfy(a -> {
        assertThat(a.getWho()).isEqualTo("nurse-42");
        assertThat(a.getRequestor()).isTrue();
      });
    });
    assertThat(get("/items/rv-unknown", reviewer()).statusCode()).isEqualTo(404);
  }

  @Test
  void shouldShowThatTheModelWasNotRunForAnItemTheEgressGuardKeptFromIt() throws Exception {
    pipeline.input(driver, Topics.AI_RESULTS).pipeInput("ev-g", InferenceResult.newBuilder(
        ReviewTopologyTest.result("ev-g")).setUrgency(Urgency.URGENT).setStatus(ResultStatus.EGRESS_BLOCKED)
        .setRationale("model not run: the de-identified text still held possible PHI (egress guard rule PHONE)")
        .build());

    JsonNode body = json(get("/items/" + ReviewStage.reviewId("ev-g"), reviewer()));

    assertThat(body.get("resultStatus").asText()).isEqualTo("EGRESS_BLOCKED");
    assertThat(body.get("status").asText()).isEqualTo("PENDING");
    assertThat(body.get("urgency").asText()).isEqualTo("URGENT");
    assertThat(json(get("/queue", reviewer())).get("items")).hasSize(1);
  }

  @Test
  void shouldShowReviewersTheReidentifiedSourceAndAuditorsNone() throws Exception {
    String name = "Bernadette Okafor-Quist";
    String token = "[NAME-0a0b0c0d]";
    pipeline.input(driver, Topics.PHI_VAULT).pipeInput(token, VaultEntry.newBuilder().setToken(token)
        .setTenant("t").setCategory(org.phigate.schema.PhiCategory.NAME)
        .setOriginal(pipeline.common.vaultCipher().sealString(name, token)).setFirstEventId("ev-s").setCreatedAt(NOW)
        .build());
    String patient = "PT-abc";
    pipeline.input(driver, Topics.PHI_VAULT).pipeInput(patient, VaultEntry.newBuilder().setToken(patient)
        .setTenant("t").setCategory(org.phigate.schema.PhiCategory.MRN)
        .setOriginal(pipeline.common.vaultCipher().sealString("MRN-7700", patient)).setFirstEventId("ev-s")
        .setCreatedAt(NOW).build());
    pipeline.input(driver, Topics.EVENTS_DEIDENTIFIED).pipeInput("ev-s", DeidentifiedEvent.newBuilder()
        .setEventId("ev-s").setTenant("t").setSourceFormat(org.phigate.schema.SourceFormat.FHIR_R4)
        .setMessageType("Communication").setWorkflow("message-triage").setReceivedAt(NOW)
        .setPatientToken("PT-abc").setPolicyId("safe-harbor")
        .setTextParts(List.of(new org.phigate.schema.TextPart("Communication.payload", token + " needs a refill")))
        .build());
    hold("ev-s", Urgency.SOON, Duration.ofMinutes(1), false);
    try (CapturedOutput captured = new CapturedOutput()) {
      JsonNode reviewerView = json(get("/items/" + ReviewStage.reviewId("ev-s"), reviewer()));
      assertThat(reviewerView.get("source").get("parts").get(0).get("text").asText())
          .isEqualTo(name + " needs a refill");
      assertThat(reviewerView.get("source").get("unresolvedTokens").asInt()).isZero();
      JsonNode auditorView = json(get("/items/" + ReviewStage.reviewId("ev-s"),
          issuer.token("auditor-7", List.of("auditor"), Duration.ofMinutes(5))));
      assertThat(auditorView.has("source")).isFalse();
      assertThat(auditorView.toString()).doesNotContain("Okafor");
      assertThat(captured.logLines()).noneSatisfy(line -> assertThat(line).contains("Okafor"));
    }
    assertThat(apiAudit).extracting(e -> e.getDetails().get("phiView")).containsExactly("true", "false");
    assertThat(apiAudit).allSatisfy(e -> assertThat(e.toString()).doesNotContain("Okafor"));
    post(decisionPath("ev-s"), reviewer(), "{\"action\":\"approve\"}");
    assertThat(driver.<String, DeidentifiedEvent>getKeyValueStore(ReviewTopology.SOURCE_STORE)
        .get(ReviewStage.reviewId("ev-s"))).isNull();
    assertThat(requestedUrls).noneSatisfy(url -> assertThat(url).contains("Okafor"));
  }
}
