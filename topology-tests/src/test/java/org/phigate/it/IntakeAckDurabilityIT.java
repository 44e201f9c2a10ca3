package org.phigate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.phigate.catalog.TopicSerdes;
import org.phigate.catalog.Topics;
import org.phigate.config.CommonConfig;
import org.phigate.config.IntakeConfig;
import org.phigate.config.Settings;
import org.phigate.embedded.EmbeddedKafkaBroker;
import org.phigate.embedded.InMemorySchemaRegistry;
import org.phigate.intake.IntakeGateway;
import org.phigate.intake.IntakeStage;
import org.phigate.intake.mllp.MllpClient;
import org.phigate.runtime.IntakeListeners;
import org.phigate.runtime.RoleTopologies;
import org.phigate.runtime.TopicProvisioner;

/**
 * ACK after durable, with group commit, against a broker stopped mid-burst: MLLP and REST senders keep sending while
 * the broker goes away; every answer while it is down is AE / 503 within intake.ack.timeout.ms (plus scheduling
 * slack), and after a restart every message that got AA / 202 is on phigate.intake.raw exactly once.
 */
class IntakeAckDurabilityIT {
  private static final Clock CLOCK = Clock.systemUTC();
  private static final long ACK_TIMEOUT_MS = 3_000;
  private static final String ADT = "MSH|^~\\&|ADT1|GOOD HEALTH|PHIGATE|HOSP|20260101120000||ADT^A01^ADT_A01|%s|P|"
      + "2.5.1\rEVN|A01|20260101120000\rPID|1||MRN-%s^^^GH^MR||Quixtrot^Zebulonia^Q||19610615|F\rPV1|1|I|2000^2012^01\r";
  private static final String PATIENT = "{\"resourceType\":\"Patient\",\"id\":\"%s\",\"identifier\":[{\"system\":"
      + "\"urn:mrn\",\"value\":\"MRN-%s\"}],\"name\":[{\"family\":\"Quixtrot\",\"given\":[\"Zebulonia\"]}]}";

  /** What a sender was told about one message, and how long the answer took. */
  private record Answer(String id, boolean stored, boolean refusedForResend, long millis) {}

  @Test
  void shouldAnswerAeOr503WhileTheBrokerIsDownAndKeepEveryAcknowledgedMessageExactlyOnce() throws Exception {
    Path dir = Files.createTempDirectory("phigate-ack-it-");
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"));
    String bootstrap = broker.bootstrapServers();
    Map<String, String> settings = new HashMap<>(Map.of(
        CommonConfig.BOOTSTRAP.name(), bootstrap, CommonConfig.TENANT.name(), "ack-it",
        CommonConfig.EVENT_KEY.name(), org.phigate.security.Keys.randomBase64(),
        CommonConfig.TOPIC_PARTITIONS.name(), "2", CommonConfig.TOPIC_REPLICATION.name(), "1",
        IntakeConfig.ACK_TIMEOUT.name(), Long.toString(ACK_TIMEOUT_MS)));
    CommonConfig common = new CommonConfig(Settings.of(settings));
    TopicProvisioner.ensureTopics(common);
    IntakeConfig config = new IntakeConfig(common);
    IntakeStage stage = RoleTopologies.intakeStage(config, IntakeListeners.audit(config, CLOCK));
    List<Answer> answers = java.util.Collections.synchronizedList(new ArrayList<>());
    AtomicInteger stored = new AtomicInteger();
    Map<Integer, Integer> refusalsBySender = new ConcurrentHashMap<>();
    AtomicBoolean brokerDown = new AtomicBoolean();
    ExecutorService senders = Executors.newFixedThreadPool(8);
    try (IntakeListeners edges = IntakeListeners.start(config, IntakeGateway.create(config,
        new TopicSerdes(new InMemorySchemaRegistry()), stage, CLOCK), CLOCK, 0, 0)) {
      List<Future<?>> done = new ArrayList<>();
      for (int s = 0; s < 8; s++) {
        int sender = s;
        boolean rest = s >= 6;
        done.add(senders.submit(() -> {
          HttpClient http = HttpClient.newHttpClient();
          try (MllpClient mllp = rest ? null : MllpClient.connect(edges.mllp().port())) {
            // each sender goes on until the broker is down and it has been told twice to resend
            for (int m = 0; refusalsBySender.getOrDefault(sender, 0) < 2 && m < 5_000; m++) {
              String id = (rest ? "r" : "m") + sender + "-" + m;
              long t0 = System.nanoTime();
              boolean ok;
              boolean resend;
              if (rest) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(edges.rest().baseUrl()
                    + "/Patient")).header("Content-Type", "application/fhir+json").POST(HttpRequest.BodyPublishers
                    .ofString(String.format(PATIENT, id, id))).build(), HttpResponse.BodyHandlers.ofString());
                ok = r.statusCode() == 202;
                resend = r.statusCode() == 503;
              } else {
                String code = MllpClient.ackCode(mllp.exchange(String.format(ADT, id, id)));
                ok = "AA".equals(code);
                resend = "AE".equals(code);
              }
              long millis = (System.nanoTime() - t0) / 1_000_000;
              answers.add(new Answer(id, ok, resend, millis));
              if (ok) {
                stored.incrementAndGet();
              } else if (brokerDown.get()) {
                refusalsBySender.merge(sender, 1, Integer::sum);
              }
            }
          }
          return null;
        }));
      }
      await().atMost(Duration.ofSeconds(120)).until(() -> stored.get() >= 200);
      brokerDown.set(true);
      broker.close();
      for (Future<?> f : done) {
        f.get(5, java.util.concurrent.TimeUnit.MINUTES);
      }
    } finally {
      senders.shutdownNow();
    }

    List<Answer> all = List.copyOf(answers);
    assertThat(all).as("every message answered stored or resend").allMatch(a -> a.stored() || a.refusedForResend());
    List<Answer> refused = all.stream().filter(Answer::refusedForResend).toList();
    assertThat(refused).as("the stopped broker turned into AE / 503").hasSizeGreaterThanOrEqualTo(16);
    assertThat(refused).as("each within the ack timeout plus scheduling slack")
        .allMatch(a -> a.millis() <= ACK_TIMEOUT_MS + 3_000);
    List<String> acknowledged = all.stream().filter(Answer::stored).map(Answer::id).toList();
    assertThat(acknowledged).anyMatch(id -> id.startsWith("r")).anyMatch(id -> id.startsWith("m"));

    try (EmbeddedKafkaBroker restarted = EmbeddedKafkaBroker.start(dir.resolve("kafka"))) {
      Map<String, Integer> onTopic = rawKeys(restarted.bootstrapServers());
      for (String id : acknowledged) {
        assertThat(onTopic.getOrDefault(id, 0)).as("acknowledged %s on the topic exactly once", id).isEqualTo(1);
      }
      assertThat(onTopic.values()).as("no message written twice").allMatch(n -> n == 1);
    } finally {
      deleteTree(dir);
    }
  }

  private static Map<String, Integer> rawKeys(String bootstrap) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    Map<String, Integer> keys = new HashMap<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
        new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(Topics.INTAKE_RAW.name(), Duration.ofSeconds(60))
          .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(60));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
          && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          keys.merge(r.key(), 1, Integer::sum);
        }
      }
    }
    return keys;
  }

  private static void deleteTree(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (java.io.IOException e) {
      // temporary files of a test
    }
  }
}
