package org.phigate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.phigate.catalog.TopicSerdes;
import org.phigate.catalog.Topics;
import org.phigate.config.CommonConfig;
import org.phigate.config.InferenceConfig;
import org.phigate.config.Settings;
import org.phigate.demo.DemoClients;
import org.phigate.demo.SampleInput;
import org.phigate.embedded.EmbeddedKafkaBroker;
import org.phigate.embedded.EmbeddedSchemaRegistry;
import org.phigate.inference.remote.InjectionCues;
import org.phigate.it.support.ChatCompletionsTestServer;
import org.phigate.it.support.PortalEvents;
import org.phigate.it.support.PortalMessages;
import org.phigate.it.support.TopicCollector;
import org.phigate.runtime.PipelineRuntime;
import org.phigate.runtime.Role;
import org.phigate.runtime.TopicProvisioner;
import org.phigate.schema.DeidentifiedEvent;
import org.phigate.schema.InferenceResult;
import org.phigate.schema.ResultStatus;
import org.phigate.schema.Urgency;
import org.phigate.security.Keys;

/**
 * The inference role on the real KRaft broker: sample portal messages (FHIR Communications with PHI) through intake,
 * de-identification and inference into typed triage results, with the embedded model and with a remote model
 * behind a local OpenAI-compatible server; inference throughput and latency of both, printed; and a 30 s model
 * stall that neither trips max.poll.interval.ms nor the transaction timeout (both set to 10 s here).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PortalTriageIT {
  private static final String PATIENT = "Zebulonia Quixtrot";
  private static final String EMBEDDED_ID = org.phigate.inference.embedded.EmbeddedModel.MODEL_ID;
  private static final String REMOTE_ID = "openai-compatible:gpt-test";
  /** Benchmark apps skip the topic's history (other tests' events); a warm-up event proves they are positioned. */
  private static final String LATEST = "kafka.auto.offset.reset";
  private static EmbeddedKafkaBroker kafka;
  private static EmbeddedSchemaRegistry registry;
  private static ChatCompletionsTestServer chat;
  private static TopicSerdes serdes;
  private static Path state;
  private static final List<PipelineRuntime> runtimes = new CopyOnWriteArrayList<>();
  private static TopicCollector<InferenceResult> results;

  @BeforeAll
  static void start() throws Exception {
    // its own broker: the benchmark leaves thousands of events in the catalog topics, which would reach the apps of
    // other integration tests that read those topics from the beginning
    kafka = EmbeddedKafkaBroker.start();
    registry = EmbeddedSchemaRegistry.start();
    chat = ChatCompletionsTestServer.start();
    state = Files.createTempDirectory("phigate-triage-it");
    serdes = new TopicSerdes(new org.phigate.registry.RestSchemaRegistryClient(registry.url()));
    TopicProvisioner.ensureTopics(common("provision", Map.of()));
    results = new TopicCollector<>(kafka.bootstrapServers(), Topics.AI_RESULTS.name(),
        serdes.valueSerde(Topics.AI_RESULTS), r -> r.getModelId() + "|" + r.getEventId());
  }

  @AfterEach
  void stopRoles() {
    runtimes.forEach(PipelineRuntime::close);
    runtimes.clear();
  }

  @AfterAll
  static void stop() {
    if (results != null) {
      results.close();
    }
    if (chat != null) {
      chat.close();
    }
    if (registry != null) {
      registry.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  private static CommonConfig common(String name, Map<String, String> extra) {
    Map<String, String> settings = new HashMap<>(Map.of(
        CommonConfig.BOOTSTRAP.name(), kafka.bootstrapServers(),
        CommonConfig.REGISTRY_URL.name(), registry.url(),
        CommonConfig.TENANT.name(), "it-triage",
        CommonConfig.STATE_DIR.name(), state.resolve(name).toString(),
        CommonConfig.REPLICATION.name(), "1",
        CommonConfig.TOPIC_REPLICATION.name(), "1",
        CommonConfig.TOPIC_PARTITIONS.name(), "2"));
    settings.put(CommonConfig.EVENT_KEY.name(), KEYS.get(0));
    settings.put(CommonConfig.VAULT_KEY.name(), KEYS.get(1));
    settings.put(CommonConfig.HMAC_KEY.name(), KEYS.get(2));
    settings.putAll(extra);
    return new CommonConfig(Settings.of(settings));
  }

  private static final List<String> KEYS = List.of(Keys.randomBase64(), Keys.randomBase64(), Keys.randomBase64());

  private static PipelineRuntime run(String name, List<Role> roles, Map<String, String> extra) {
    PipelineRuntime runtime = PipelineRuntime.start(roles, common(name, extra), serdes, Clock.systemUTC());
    runtimes.add(runtime);
    runtime.awaitRunning(Duration.ofMinutes(2));
    return runtime;
  }

  private static Map<String, String> inference(String appId, String model, Map<String, String> more) {
    Map<String, String> s = new HashMap<>(more);
    s.put(InferenceConfig.APP_ID.name(), appId);
    s.put(InferenceConfig.MODEL.name(), model);
    s.put(InferenceConfig.REMOTE_BASE_URL.name(), chat.baseUrl());
    s.put(InferenceConfig.REMOTE_MODEL.name(), "gpt-test");
    return s;
  }

  @Test
  @Order(1)
  void shouldTurnPortalMessagesIntoTypedTriageResultsWithBothModels() {
    String run = "p" + System.nanoTime();
    run("pipeline-" + run, List.of(Role.INTAKE, Role.DEID), Map.of(
        "intake.application.id", "it-intake-" + run, "deid.application.id", "it-deid-" + run));
    run("embedded-" + run, List.of(Role.INFERENCE), inference("it-inf-emb-" + run, "embedded", Map.of()));
    run("remote-" + run, List.of(Role.INFERENCE), inference("it-inf-rem-" + run, "remote", Map.of(
        InferenceConfig.WORKERS.name(), "4")));

    List<PortalMessages.Message> messages = PortalMessages.load(PATIENT);
    List<SampleInput> inputs = new ArrayList<>();
    for (PortalMessages.Message m : messages) {
      inputs.add(PortalMessages.communication(run + "-" + m.id(), PATIENT, m.text()));
    }
    DemoClients.publish(kafka.bootstrapServers(), inputs);

    await().atMost(Duration.ofMinutes(3)).until(() -> ours(EMBEDDED_ID).size() >= messages.size()
        && ours("openai-compatible:gpt-test").size() >= messages.size());
    List<InferenceResult> embedded = ours(EMBEDDED_ID);
    List<InferenceResult> remote = ours("openai-compatible:gpt-test");
    assertThat(embedded).hasSize(messages.size()).allSatisfy(r -> {
      assertThat(r.getStatus()).isEqualTo(ResultStatus.OK);
      assertThat(r.getCategory()).isNotBlank();
    });
    assertThat(remote).hasSize(messages.size()).allSatisfy(r -> {
      assertThat(r.getStatus()).isEqualTo(ResultStatus.OK);
      assertThat(r.getTask()).isEqualTo("portal-triage");
      assertThat(r.getUrgency()).isNotNull();
      assertThat(r.getModelVersion()).startsWith(ChatCompletionsTestServer.MODEL);
    });
    assertThat(remote).filteredOn(r -> r.getUrgency() == Urgency.EMERGENCY).hasSizeGreaterThanOrEqualTo(3);
    assertThat(remote).filteredOn(r -> r.getRedFlags().contains(InjectionCues.RED_FLAG)).singleElement()
        .satisfies(r -> assertThat(r.getUrgency()).isGreaterThanOrEqualTo(Urgency.URGENT));
    String everything = embedded.toString() + remote + chat.requests();
    assertThat(everything).doesNotContain("Zebulonia").doesNotContain("Quixtrot").doesNotContain(PortalMessages.PHONE);
  }

  /** Results of this class's tenant from the given model, one per event. */
  private static List<InferenceResult> ours(String modelIdPrefix) {
    Map<String, InferenceResult> byEvent = new HashMap<>();
    results.byKey().forEach((k, arrivals) -> arrivals.forEach(a -> {
      InferenceResult r = a.value();
      if ("it-triage".equals(r.getTenant()) && r.getModelId().startsWith(modelIdPrefix)) {
        byEvent.put(r.getEventId(), r);
      }
    }));
    return List.copyOf(byEvent.values());
  }

  @Test
  @Order(2)
  void shouldMeasureInferenceThroughputAndLatencyEmbeddedAndRemote() throws Exception {
    String run = "b" + System.nanoTime();
    double modelRate = embeddedBatchRate();
    System.out.printf(Locale.ROOT, "[PortalTriageIT] embedded model alone: inferBatch of 64 on one thread: %.1f items/s%n",
        modelRate);
    run("bench-emb-" + run, List.of(Role.INFERENCE), inference("it-bench-emb-" + run, "embedded", Map.of(
        InferenceConfig.WORKERS.name(), "2", InferenceConfig.BATCH_SIZE.name(), "64", LATEST, "latest")));
    warmUp(run + "-ew", EMBEDDED_ID);
    Stats embedded = measure(run + "-e", 2000, EMBEDDED_ID);
    System.out.println("[PortalTriageIT] inference embedded (MiniLM, 2 workers, batch<=64, 2 partitions): "
        + embedded);

    stopRoles();
    run("bench-rem-" + run, List.of(Role.INFERENCE), inference("it-bench-rem-" + run, "remote", Map.of(
        InferenceConfig.WORKERS.name(), "8", LATEST, "latest")));
    warmUp(run + "-rw", REMOTE_ID);
    Stats remote = measure(run + "-r", 1000, "openai-compatible:gpt-test");
    System.out.println("[PortalTriageIT] inference remote (local OpenAI-compatible test server, 8 workers): "
        + remote);
    assertThat(embedded.count()).isEqualTo(2000);
    assertThat(remote.count()).isEqualTo(1000);
  }

  /** The embedded model's own rate: warm, batches of 64 portal prompts, on the calling thread. */
  private static double embeddedBatchRate() {
    org.phigate.inference.embedded.EmbeddedModel model = new org.phigate.inference.embedded.EmbeddedModel();
    org.phigate.inference.PromptBuilder builder = new org.phigate.inference.PromptBuilder();
    List<String> prompts = PortalMessages.load("[NAME-0a0b0c0d]").stream()
        .map(m -> builder.build(PortalEvents.event("bench", "message-triage", m.text()
            .replace(PortalMessages.PHONE, "[PHONE-1a2b3c4d]")))).toList();
    model.inferBatch("message-triage", distinct(prompts, 64, 0));
    int rounds = 5;
    List<List<String>> batches = new ArrayList<>();
    for (int r = 1; r <= rounds; r++) {
      batches.add(distinct(prompts, 64, r * 64));
    }
    long start = System.nanoTime();
    for (List<String> batch : batches) {
      model.inferBatch("message-triage", batch);
    }
    return rounds * 64 / ((System.nanoTime() - start) / 1e9);
  }

  /**
   * {@code n} texts, each made unique by a lower-case word suffix: the embedder caches recent texts, and a
   * benchmark that repeats a text measures the cache, not the model.
   */
  private static List<String> distinct(List<String> texts, int n, int offset) {
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      StringBuilder word = new StringBuilder();
      for (int v = offset + i; word.isEmpty() || v > 0; v /= 26) {
        word.append((char) ('a' + v % 26));
      }
      out.add(texts.get(i % texts.size()) + " sent " + word + ".");
    }
    return out;
  }

  record Stats(int count, double itemsPerSecond, long p50Ms, long p99Ms) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%d items, %.1f items/s, latency from produce p50 %d ms, p99 %d ms (backlog: "
          + "all produced at once)", count, itemsPerSecond, p50Ms, p99Ms);
    }
  }

  /**
   * Produces one event per partition and waits for their results: the app is positioned (an app that starts at
   * 'latest' may settle its position after the first try, so a try that is not answered is repeated) and warm.
   */
  private static void warmUp(String id, String modelId) throws Exception {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    try (KafkaProducer<String, DeidentifiedEvent> producer = new KafkaProducer<>(props, new StringSerializer(),
        serdes.valueSerde(Topics.EVENTS_DEIDENTIFIED).serializer())) {
      for (int attempt = 0; attempt < 6; attempt++) {
        String key = id + "-" + attempt + "-";
        for (int p = 0; p < 2; p++) {
          producer.send(new ProducerRecord<>(Topics.EVENTS_DEIDENTIFIED.name(), p, key + p,
              PortalEvents.event(key + p, "message-triage", "Please refill my inhaler."))).get();
        }
        try {
          await().atMost(Duration.ofSeconds(20)).until(() -> !results.get(modelId + "|" + key + "0").isEmpty()
              && !results.get(modelId + "|" + key + "1").isEmpty());
          return;
        } catch (org.awaitility.core.ConditionTimeoutException e) {
          // not positioned yet: try again
        }
      }
    }
    throw new AssertionError("the inference app never answered a warm-up event");
  }

  /** Produces n de-identified events at once and times each one's result (produce to read_committed arrival). */
  private Stats measure(String prefix, int n, String modelId) throws Exception {
    List<String> texts = PortalMessages.load("[NAME-0a0b0c0d]").stream().map(m -> m.text()
        .replace(PortalMessages.PHONE, "[PHONE-1a2b3c4d]")).toList();
    Map<String, Long> sent = new HashMap<>();
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    long start = System.nanoTime();
    try (KafkaProducer<String, DeidentifiedEvent> producer = new KafkaProducer<>(props, new StringSerializer(),
        serdes.valueSerde(Topics.EVENTS_DEIDENTIFIED).serializer())) {
      List<Future<?>> acks = new ArrayList<>();
      List<String> unique = distinct(texts, n, 0);
      for (int i = 0; i < n; i++) {
        String id = prefix + "-" + i;
        DeidentifiedEvent event = PortalEvents.event(id, "message-triage", unique.get(i));
        sent.put(id, System.nanoTime());
        acks.add(producer.send(new ProducerRecord<>(Topics.EVENTS_DEIDENTIFIED.name(), id, event)));
      }
      for (Future<?> ack : acks) {
        ack.get();
      }
    }
    await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200))
        .until(() -> sent.keySet().stream().allMatch(id -> !results.get(modelId + "|" + id).isEmpty()));
    List<Long> latencies = new ArrayList<>();
    long last = 0;
    for (Map.Entry<String, Long> e : sent.entrySet()) {
      List<TopicCollector.Arrival<InferenceResult>> got = results.get(modelId + "|" + e.getKey());
      assertThat(got).as("exactly one result per event").hasSize(1);
      assertThat(got.get(0).value().getStatus()).isEqualTo(ResultStatus.OK);
      latencies.add((got.get(0).nanos() - e.getValue()) / 1_000_000);
      last = Math.max(last, got.get(0).nanos());
    }
    latencies.sort(Long::compare);
    double seconds = (last - start) / 1e9;
    return new Stats(n, n / seconds, latencies.get(latencies.size() / 2),
        latencies.get((int) Math.min(latencies.size() - 1, Math.ceil(latencies.size() * 0.99) - 1)));
  }

  @Test
  @Order(3)
  void shouldKeepRunningThroughA30SecondModelStallWithoutRebalanceOrAbortedTransaction() throws Exception {
    String run = "s" + System.nanoTime();
    chat.stallWhenContains("STALL-MARKER", Duration.ofSeconds(30));
    PipelineRuntime runtime = run("stall-" + run, List.of(Role.INFERENCE), inference("it-stall-" + run, "remote",
        Map.of(InferenceConfig.WORKERS.name(), "4", InferenceConfig.REMOTE_TIMEOUT_MS.name(), "45000",
            "kafka.max.poll.interval.ms", "10000", "kafka.producer.transaction.timeout.ms", "10000", LATEST, "latest")));
    warmUp(run + "-w", REMOTE_ID);
    KafkaStreams app = runtime.streams().get(Role.INFERENCE);
    double rebalancesBefore = metric(app, "rebalance-total");
    List<KafkaStreams.State> states = new CopyOnWriteArrayList<>();

    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    long start = System.nanoTime();
    try (KafkaProducer<String, DeidentifiedEvent> producer = new KafkaProducer<>(props, new StringSerializer(),
        serdes.valueSerde(Topics.EVENTS_DEIDENTIFIED).serializer())) {
      producer.send(new ProducerRecord<>(Topics.EVENTS_DEIDENTIFIED.name(), 0, run + "-stalled",
          PortalEvents.event(run + "-stalled", "message-triage", "STALL-MARKER please refill my inhaler"))).get();
      for (int i = 0; i < 20; i++) {
        producer.send(new ProducerRecord<>(Topics.EVENTS_DEIDENTIFIED.name(), 1, run + "-" + i,
            PortalEvents.event(run + "-" + i, "message-triage", "Can I reschedule my appointment?"))).get();
      }
    }
    String model = "openai-compatible:gpt-test|";
    await().atMost(Duration.ofSeconds(20))
        .until(() -> java.util.stream.IntStream.range(0, 20).allMatch(i -> !results.get(model + run + "-" + i).isEmpty()));
    long othersDoneMs = (System.nanoTime() - start) / 1_000_000;
    assertThat(results.get(model + run + "-stalled")).as("the stalled call is still running").isEmpty();

    await().atMost(Duration.ofSeconds(90)).until(() -> {
      states.add(app.state());
      return !results.get(model + run + "-stalled").isEmpty();
    });
    long stalledDoneMs = (System.nanoTime() - start) / 1_000_000;
    System.out.println("[PortalTriageIT] 30 s stall: 20 other events done after " + othersDoneMs
        + " ms, stalled event done after " + stalledDoneMs + " ms; rebalances during the run: "
        + (metric(app, "rebalance-total") - rebalancesBefore));

    assertThat(stalledDoneMs).isGreaterThanOrEqualTo(29_000);
    assertThat(results.get(model + run + "-stalled")).hasSize(1)
        .allSatisfy(a -> assertThat(a.value().getStatus()).isEqualTo(ResultStatus.OK));
    for (int i = 0; i < 20; i++) {
      assertThat(results.get(model + run + "-" + i)).as("exactly once").hasSize(1);
    }
    assertThat(app.state()).isEqualTo(KafkaStreams.State.RUNNING);
    assertThat(states).as("sampled every 100 ms through the stall").isNotEmpty()
        .containsOnly(KafkaStreams.State.RUNNING);
    assertThat(metric(app, "rebalance-total")).as("no rebalance").isEqualTo(rebalancesBefore);
    assertThat(app.metrics().keySet()).anyMatch(k -> k.name().equals("txn-abort-time-ns-total"));
    assertThat(metric(app, "txn-abort-time-ns-total")).as("no aborted transaction").isZero();
  }

  /** Sum of a client metric over every client of the app (e.g. its consumers' rebalance-total). */
  private static double metric(KafkaStreams app, String name) {
    return app.metrics().values().stream().filter(m -> m.metricName().name().equals(name))
        .map(m -> m.metricValue()).filter(v -> v instanceof Number)
        .mapToDouble(v -> ((Number) v).doubleValue()).sum();
  }
}
