package org.phigate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.phigate.catalog.TopicSerdes;
import org.phigate.catalog.Topics;
import org.phigate.config.CommonConfig;
import org.phigate.config.ReviewConfig;
import org.phigate.config.Settings;
import org.phigate.embedded.EmbeddedKafkaBroker;
import org.phigate.embedded.FreePorts;
import org.phigate.embedded.InMemorySchemaRegistry;
import org.phigate.embedded.LocalOidcIssuer;
import org.phigate.it.support.TopicCollector;
import org.phigate.review.ReviewStage;
import org.phigate.review.ReviewTopology;
import org.phigate.runtime.PipelineRuntime;
import org.phigate.runtime.Role;
import org.phigate.runtime.TopicProvisioner;
import org.phigate.schema.ApprovedResult;
import org.phigate.schema.InferenceResult;
import org.phigate.schema.Urgency;
import org.phigate.security.Keys;
import org.phigate.streams.ProducerFactory;

/**
 * Two review instances on a real broker, each with its reviewer API: the queue asked of either holds every pending
 * item (gathered through Kafka Streams metadata), an item and its decision are served by the instance that owns it
 * whichever one is asked, and a second decision is refused with 409 on both.
 */
class ReviewInstancesIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int ITEMS = 12;
  private static EmbeddedKafkaBroker kafka;
  private static LocalOidcIssuer issuer;
  private static PipelineRuntime first;
  private static PipelineRuntime second;
  private static String firstApi;
  private static String secondApi;
  private static String secondAddress;
  private static TopicSerdes serdes;
  private static TopicCollector<ApprovedResult> approved;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    kafka = EmbeddedKafkaBroker.start();
    issuer = LocalOidcIssuer.start();
    serdes = new TopicSerdes(new InMemorySchemaRegistry());
    String macKey = Keys.randomBase64();
    String reviewKey = Keys.randomBase64();
    String vaultKey = Keys.randomBase64();
    int firstPort = FreePorts.find();
    int secondPort = FreePorts.find();
    secondAddress = "127.0.0.1:" + secondPort;
    CommonConfig one = config("one", firstPort, macKey, reviewKey, vaultKey);
    CommonConfig two = config("two", secondPort, macKey, reviewKey, vaultKey);
    TopicProvisioner.ensureTopics(one);
    first = PipelineRuntime.start(List.of(Role.REVIEW), one, serdes, Clock.systemUTC());
    second = PipelineRuntime.start(List.of(Role.REVIEW), two, serdes, Clock.systemUTC());
    first.awaitRunning(Duration.ofMinutes(2));
    second.awaitRunning(Duration.ofMinutes(2));
    firstApi = first.reviewEdge().server().baseUrl();
    secondApi = second.reviewEdge().server().baseUrl();
    KafkaStreams app = first.streams().get(Role.REVIEW);
    await().atMost(Duration.ofMinutes(2)).until(() -> app.streamsMetadataForStore(ReviewTopology.STORE).stream()
        .filter(m -> !m.topicPartitions().isEmpty()).count() == 2);
    approved = new TopicCollector<>(kafka.bootstrapServers(), Topics.REVIEW_APPROVED.name(),
        serdes.valueSerde(Topics.REVIEW_APPROVED), a -> a.getItem().getReviewId());
    try (KafkaProducer<String, InferenceResult> producer = ProducerFactory.of(kafka.bootstrapServers())
        .create(new StringSerializer(), serdes.valueSerde(Topics.AI_RESULTS).serializer())) {
      for (int i = 0; i < ITEMS; i++) {
        String eventId = "ev-inst-" + i;
        producer.send(new ProducerRecord<>(Topics.AI_RESULTS.name(), eventId, InferenceResult.newBuilder()
            .setEventId(eventId).setTenant("it").setWorkflow("message-triage").setPatientToken("PT-" + i)
            .setModelId("m").setModelVersion("1").setPromptSha256("00").setLabel("question").setConfidence(0.5)
            .setDraftText("draft " + i).setUrgency(Urgency.values()[i % 4]).setCategory("question")
            .setCreatedAt(Instant.now().minusSeconds(60L * i)).build()));
      }
      producer.flush();
    }
  }

  private static CommonConfig config(String name, int port, String macKey, String reviewKey, String vaultKey)
      throws Exception {
    Path state = Files.createTempDirectory("phigate-review-" + name);
    Map<String, String> settings = new HashMap<>(Map.of(
        CommonConfig.BOOTSTRAP.name(), kafka.bootstrapServers(),
        CommonConfig.STATE_DIR.name(), state.toString(),
        CommonConfig.INSTANCE_ID.name(), "review-" + name,
        CommonConfig.REPLICATION.name(), "1",
        CommonConfig.TOPIC_REPLICATION.name(), "1",
        CommonConfig.TOPIC_PARTITIONS.name(), "4",
        ReviewConfig.API_PORT.name(), Integer.toString(port),
        ReviewConfig.ISSUER.name(), issuer.issuer(),
        ReviewConfig.JWKS_URL.name(), issuer.jwksUrl()));
    settings.put(ReviewConfig.MAC_KEY.name(), macKey);
    settings.put(CommonConfig.REVIEW_KEY.name(), reviewKey);
    settings.put(CommonConfig.VAULT_KEY.name(), vaultKey);
    return new CommonConfig(Settings.of(settings));
  }

  @AfterAll
  static void stop() {
    if (approved != null) {
      approved.close();
    }
    for (PipelineRuntime runtime : new PipelineRuntime[] {second, first}) {
      if (runtime != null) {
        runtime.close();
      }
    }
    if (issuer != null) {
      issuer.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  private HttpResponse<String> call(String base, String path, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer "
        + issuer.token("nurse-it", List.of("reviewer"), Duration.ofMinutes(5)));
    if (body != null) {
      request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private int queueSize(String base) throws Exception {
    HttpResponse<String> queue = call(base, "/queue", null);
    return queue.statusCode() == 200 ? JSON.readTree(queue.body()).get("items").size() : -1;
  }

  @Test
  void shouldGatherTheQueueAndRouteItemsAndDecisionsToTheirOwner() throws Exception {
    await().atMost(Duration.ofMinutes(1)).until(() -> queueSize(firstApi) == ITEMS && queueSize(secondApi) == ITEMS);
    JsonNode queue = JSON.readTree(call(firstApi, "/queue", null).body());
    assertThat(queue.get("items").get(0).get("urgency").asText()).isEqualTo("EMERGENCY");
    assertThat(queue.get("counts").get("EMERGENCY").asInt()).isEqualTo(ITEMS / 4);

    KafkaStreams app = first.streams().get(Role.REVIEW);
    String ownedBySecond = null;
    for (int i = 0; i < ITEMS && ownedBySecond == null; i++) {
      String reviewId = ReviewStage.reviewId("ev-inst-" + i);
      KeyQueryMetadata owner = app.queryMetadataForKey(ReviewTopology.STORE, reviewId, new StringSerializer());
      if ((owner.activeHost().host() + ":" + owner.activeHost().port()).equals(secondAddress)) {
        ownedBySecond = reviewId;
      }
    }
    assertThat(ownedBySecond).as("an item the second instance owns").isNotNull();
    HttpResponse<String> item = call(firstApi, "/items/" + ownedBySecond, null);
    assertThat(item.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(item.body()).get("reviewId").asText()).isEqualTo(ownedBySecond);

    assertThat(call(firstApi, "/items/" + ownedBySecond + "/decision", "{\"action\":\"approve\"}").statusCode())
        .isEqualTo(202);
    String decided = ownedBySecond;
    await().atMost(Duration.ofMinutes(1)).until(() -> approved.get(decided).size() == 1);
    assertThat(call(firstApi, "/items/" + decided + "/decision", "{\"action\":\"approve\"}").statusCode())
        .isEqualTo(409);
    assertThat(call(secondApi, "/items/" + decided + "/decision", "{\"action\":\"approve\"}").statusCode())
        .isEqualTo(409);
    await().atMost(Duration.ofMinutes(1)).until(() -> queueSize(firstApi) == ITEMS - 1);
    assertThat(approved.get(decided)).hasSize(1);
  }
}
