package org.phigate.topology;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.phigate.audit.AuditEvents;
import org.phigate.catalog.Topics;
import org.phigate.embedded.LocalOidcIssuer;
import org.phigate.review.ReviewStage;
import org.phigate.review.ReviewTopology;
import org.phigate.review.api.ReasonCodes;
import org.phigate.review.api.ReviewApi;
import org.phigate.review.api.ReviewApiServer;
import org.phigate.review.api.ReviewSinks;
import org.phigate.runtime.Role;
import org.phigate.schema.AuditEvent;
import org.phigate.schema.DeidentifiedEvent;
import org.phigate.schema.InferenceResult;
import org.phigate.schema.VaultEntry;
import org.phigate.schema.ReviewDecision;
import org.phigate.schema.ReviewItem;
import org.phigate.schema.Urgency;
import org.phigate.testing.ReviewApiStubs;

/**
 * The reviewer API over real HTTP (Jetty on a free port) in front of the review topology (TopologyTestDriver), with
 * tokens from the local OIDC issuer, for the ReviewApi*Test classes: items held through the driver, requests as a
 * reviewer, and what the API wrote (audit events, decision records, requested URLs).
 */
abstract class ReviewApiHarness {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String PHI_EDIT = "Ms Bernadette Okafor-Quist, please take 2 puffs and call 555-0142";
  static final Instant NOW = TestPipeline.CLOCK.instant();
  final TestPipeline pipeline = new TestPipeline();
  final TopologyTestDriver driver = pipeline.driver(Role.REVIEW);
  private final TestInputTopic<String, ReviewDecision> decisions = pipeline.input(driver, Topics.REVIEW_DECISIONS);
  final List<AuditEvent> apiAudit = Collections.synchronizedList(new ArrayList<>());
  final List<byte[]> decisionBytes = Collections.synchronizedList(new ArrayList<>());
  final List<String> requestedUrls = Collections.synchronizedList(new ArrayList<>());
  final LocalOidcIssuer issuer = LocalOidcIssuer.start();
  private final HttpClient http = HttpClient.newHttpClient();
  final ReviewApiServer server;

  ReviewApiHarness() {
    ReviewApi api = new ReviewApi(new DriverQueries(), new DriverSinks(), pipeline.decisionMac(),
        // the fixtures are token-keyed vault entries of items held before the upgrade to vault keys
        pipeline.common.reviewCipher(), pipeline.common.vaultCipher(), Instant.parse("2099-01-01T00:00:00Z"),
        new AuditEvents("review", "service:phigate-review", "test/review-api", TestPipeline.CLOCK),
        ReasonCodes.shipped(), TestPipeline.CLOCK);
    try {
      server = ReviewApiServer.start("127.0.0.1", 0, api, ReviewApiStubs.tokens(issuer));
    } catch (Exception e) {
      issuer.close();
      driver.close();
      throw new IllegalStateException("the reviewer API did not start", e);
    }
  }

  @AfterEach
  void close() {
    server.close();
    issuer.close();
    driver.close();
  }

  void hold(String eventId, Urgency urgency, Duration age, boolean escalate) {
    InferenceResult result = InferenceResult.newBuilder(ReviewTopologyTest.result(eventId)).setUrgency(urgency)
        .setCategory("question").setEscalate(escalate).setRationale("asks about [NAME-0a0b0c0d]'s inhaler")
        .setRedFlags(escalate ? List.of("chest-pain") : List.of()).setCreatedAt(NOW.minus(age)).build();
    pipeline.input(driver, Topics.AI_RESULTS).pipeInput(eventId, result);
  }

  String reviewer() {
    return issuer.token("nurse-42", List.of("reviewer"), Duration.ofMinutes(5));
  }

  HttpResponse<String> get(String path, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    requestedUrls.add(server.baseUrl() + path);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, String token, String body, String... headers) throws Exception {
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

  static JsonNode json(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body());
  }

  static String decisionPath(String eventId) {
    return "/items/" + ReviewStage.reviewId(eventId) + "/decision";
  }

  /** The hold store of the driver, as interactive queries see it on a single instance. */
  private final class DriverQueries extends ReviewApiStubs.OneInstance {
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
