package org.phigate.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.phigate.audit.AuditEvents;
import org.phigate.catalog.Topics;
import org.phigate.embedded.LocalOidcIssuer;
import org.phigate.review.ReviewStage;
import org.phigate.review.ReviewTopology;
import org.phigate.review.api.ReasonCodes;
import org.phigate.review.api.ReviewApi;
import org.phigate.review.api.ReviewApiServer;
import org.phigate.review.api.ReviewQueries;
import org.phigate.review.api.ReviewSinks;
import org.phigate.review.auth.TokenValidator;
import org.phigate.runtime.Role;
import org.phigate.schema.ApprovedResult;
import org.phigate.schema.AuditAction;
import org.phigate.schema.AuditEvent;
import org.phigate.schema.DeidentifiedEvent;
import org.phigate.schema.InferenceResult;
import org.phigate.schema.VaultEntry;
import org.phigate.schema.ResultStatus;
import org.phigate.schema.ReviewDecision;
import org.phigate.schema.ReviewItem;
import org.phigate.schema.ReviewStatus;
import org.phigate.schema.Urgency;
import org.phigate.testing.CapturedOutput;

/**
 * The reviewer API over real HTTP (Jetty on a free port) in front of the review topology (TopologyTestDriver), with
 * tokens from the local OIDC issuer: authentication, roles, 409, CSRF, headers, queue order, audited views, sealed
 * edits, and no PHI in logs or URLs.
 */
class ReviewApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PHI_EDIT = "Ms Bernadette Okafor-Quist, please take 2 puffs and call 555-0142";
  private static final Instant NOW = TestPipeline.CLOCK.instant();
  private final TestPipeline pipeline = new TestPipeline();
  private final TopologyTestDriver driver = pipeline.driver(Role.REVIEW);
  private final TestInputTopic<String, ReviewDecision> decisions = pipeline.input(driver, Topics.REVIEW_DECISIONS);
  private final List<AuditEvent> apiAudit = Collections.synchronizedList(new ArrayList<>());
  private final List<byte[]> decisionBytes = Collections.synchronizedList(new ArrayList<>());
  private final List<String> requestedUrls = Collections.synchronizedList(new ArrayList<>());
  private final LocalOidcIssuer issuer = LocalOidcIssuer.start();
  private final HttpClient http = HttpClient.newHttpClient();
  private final ReviewApiServer server;

  ReviewApiTest() throws Exception {
    TokenValidator tokens = new TokenValidator(issuer.issuer(), new ImmutableJWKSet<>(JWKSet.parse(issuer.jwksJson())),
        LocalOidcIssuer.AUDIENCE, Duration.ofSeconds(60), "roles");
    ReviewApi api = new ReviewApi(new DriverQueries(), new DriverSinks(), pipeline.decisionMac(),
        // the fixtures are token-keyed vault entries of items held before the upgrade to vault keys
        pipeline.common.reviewCipher(), pipeline.common.vaultCipher(), java.time.Instant.parse("2099-01-01T00:00:00Z"),
        new AuditEvents("review", "service:phigate-review", "test/review-api",
        TestPipeline.CLOCK), ReasonCodes.shipped(), TestPipeline.CLOCK);
    server = ReviewApiServer.start("127.0.0.1", 0, api, tokens);
  }

  @AfterEach
  void close() {
    server.close();
    issuer.close();
    driver.close();
  }

  private void hold(String eventId, Urgency urgency, Duration age, boolean escalate) {
    InferenceResult result = InferenceResult.newBuilder(ReviewTopologyTest.result(eventId)).setUrgency(urgency)
        .setCategory("question").setEscalate(escalate).setRationale("asks about [NAME-0a0b0c0d]'s inhaler")
        .setRedFlags(escalate ? List.of("chest-pain") : List.of()).setCreatedAt(NOW.minus(age)).build();
    pipeline.input(driver, Topics.AI_RESULTS).pipeInput(eventId, result);
  }

  private String reviewer() {
    return issuer.token("nurse-42", List.of("reviewer"), Duration.ofMinutes(5));
  }

  private HttpResponse<String> get(String path, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    requestedUrls.add(server.baseUrl() + path);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String token, String body, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (headers.length > 0) {
      request.headers(headers);
    }
    requestedUrls.add(server.baseUrl() + path);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body());
  }

  private static String decisionPath(String eventId) {
    return "/items/" + ReviewStage.reviewId(eventId) + "/decision";
  }

  @Test
  void shouldAnswer401WithoutAValidToken() throws Exception {
    hold("ev-a", Urgency.ROUTINE, Duration.ofMinutes(1), false);
    String valid = reviewer();
    String tampered = valid.substring(0, valid.length() - 4) + (valid.endsWith("AAAA") ? "BBBB" : "AAAA");
    try (LocalOidcIssuer other = LocalOidcIssuer.start()) {
      assertThat(get("/queue", null).statusCode()).isEqualTo(401);
      assertThat(json(get("/queue", issuer.expiredToken("nurse-42", List.of("reviewer"), Duration.ofMinutes(5))))
          .get("error").asText()).isEqualTo("TOKEN_EXPIRED");
      assertThat(json(get("/queue", tampered)).get("error").asText()).isEqualTo("TOKEN_SIGNATURE_REJECTED");
      assertThat(get("/queue", other.token("nurse-42", List.of("reviewer"), Duration.ofMinutes(5))).statusCode())
          .isEqualTo(401);
      assertThat(get("/queue", issuer.tokenFor("another-app", "nurse-42", List.of("reviewer"))).statusCode())
          .isEqualTo(401);
      assertThat(post(decisionPath("ev-a"), "not.a.jwt", "{\"action\":\"approve\"}").statusCode()).isEqualTo(401);
      assertThat(get("/queue", null).headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v ->
          assertThat(v).startsWith("Bearer"));
    }
    assertThat(get("/queue", valid).statusCode()).isEqualTo(200);
    assertThat(pipeline.output(driver, Topics.REVIEW_APPROVED).isEmpty()).isTrue();
  }

  @Test
  void shouldAnswer403WithoutTheRoleAndLetAnAuditorReadButNotDecide() throws Exception {
    hold("ev-b", Urgency.URGENT, Duration.ofMinutes(1), false);
    String nobody = issuer.token("clerk-1", List.of("scheduler"), Duration.ofMinutes(5));
    String auditor = issuer.token("auditor-7", List.of("auditor"), Duration.ofMinutes(5));
    assertThat(get("/queue", nobody).statusCode()).isEqualTo(403);
    assertThat(post(decisionPath("ev-b"), nobody, "{\"action\":\"approve\"}").statusCode()).isEqualTo(403);

    assertThat(get("/queue", auditor).statusCode()).isEqualTo(200);
    HttpResponse<String> item = get("/items/" + ReviewStage.reviewId("ev-b"), auditor);
    assertThat(item.statusCode()).isEqualTo(200);
    assertThat(json(item).get("view").asText()).isEqualTo("auditor");
    assertThat(post(decisionPath("ev-b"), auditor, "{\"action\":\"approve\"}").statusCode()).isEqualTo(403);
    assertThat(decisionBytes).isEmpty();
    assertThat(pipeline.output(driver, Topics.REVIEW_APPROVED).isEmpty()).isTrue();
  }

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

  @Test
  void shouldRequireTheCsrfHeaderForCookieAuthenticatedChanges() throws Exception {
    hold("ev-h", Urgency.ROUTINE, Duration.ofMinutes(1), false);
    String cookie = "phigate_session=" + reviewer() + "; phigate_csrf=0123456789abcdef0123";
    HttpResponse<String> noHeader = post(decisionPath("ev-h"), null, "{\"action\":\"approve\"}", "Cookie", cookie);
    assertThat(noHeader.statusCode()).isEqualTo(403);
    assertThat(json(noHeader).get("error").asText()).isEqualTo("CSRF");
    assertThat(post(decisionPath("ev-h"), null, "{\"action\":\"approve\"}", "Cookie", cookie, "X-CSRF-Token",
        "wrong-wrong-wrong-wrong").statusCode()).isEqualTo(403);
    assertThat(decisionBytes).isEmpty();
    assertThat(post(decisionPath("ev-h"), null, "{\"action\":\"approve\"}", "Cookie", cookie, "X-CSRF-Token",
        "0123456789abcdef0123").statusCode()).isEqualTo(202);
  }

  @Test
  void shouldSendSecurityHeadersAndNoStoreOnEveryAnswer() throws Exception {
    hold("ev-i", Urgency.ROUTINE, Duration.ofMinutes(1), false);
    for (HttpResponse<String> response : List.of(get("/items/" + ReviewStage.reviewId("ev-i"), reviewer()),
        get("/queue", null), get("/nowhere", reviewer()))) {
      assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
      assertThat(response.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(v ->
          assertThat(v).contains("default-src 'none'").contains("frame-ancestors 'none'"));
      assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }
  }

  /** The hold store of the driver, as interactive queries see it on a single instance. */
  private final class DriverQueries implements ReviewQueries {
    private KeyValueStore<String, ReviewItem> store() {
      return driver.getKeyValueStore(ReviewTopology.STORE);
    }

    @Override
    public List<ReviewItem> localItems() {
      synchronized (driver) {
        List<ReviewItem> items = new ArrayList<>();
        try (KeyValueIterator<String, ReviewItem> all = store().all()) {
          all.forEachRemaining(kv -> items.add(kv.value));
        }
        return items;
      }
    }

    @Override
    public Optional<ReviewItem> localItem(String reviewId) {
      synchronized (driver) {
        return Optional.ofNullable(store().get(reviewId));
      }
    }

    @Override
    public Optional<DeidentifiedEvent> localSource(String reviewId) {
      synchronized (driver) {
        return Optional.ofNullable(driver.<String, DeidentifiedEvent>getKeyValueStore(ReviewTopology.SOURCE_STORE)
            .get(reviewId));
      }
    }

    @Override
    public VaultEntry vaultEntry(String token) {
      synchronized (driver) {
        return driver.<String, VaultEntry>getKeyValueStore(ReviewTopology.VAULT_STORE).get(token);
      }
    }

    @Override
    public String ownerOf(String reviewId) {
      return null;
    }

    @Override
    public List<String> otherInstances() {
      return List.of();
    }
  }

  /** Decisions go to the driver's decisions topic (the review stage applies them); audit events are kept. */
  private final class DriverSinks implements ReviewSinks {
    @Override
    public void decision(String reviewId, ReviewDecision decision) {
      decisionBytes.add(pipeline.serdes.valueSerde(Topics.REVIEW_DECISIONS).serializer()
          .serialize(Topics.REVIEW_DECISIONS.name(), decision));
      synchronized (driver) {
        decisions.pipeInput(reviewId, decision);
      }
    }

    @Override
    public void audit(AuditEvent event) {
      apiAudit.add(event);
    }

    @Override
    public void close() {}
  }
}
