package org.phigate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phigate.catalog.Topic;
import org.phigate.catalog.TopicSerdes;
import org.phigate.catalog.Topics;
import org.phigate.config.CommonConfig;
import org.phigate.config.Settings;
import org.phigate.demo.TopicReader;
import org.phigate.embedded.EmbeddedFhirServer;
import org.phigate.embedded.EmbeddedKafkaBroker;
import org.phigate.it.support.MisbehavingEhr;
import org.phigate.it.support.SharedServices;
import org.phigate.registry.RestSchemaRegistryClient;
import org.phigate.runtime.TopicProvisioner;
import org.phigate.schema.PhiCategory;
import org.phigate.schema.VaultEntry;
import org.phigate.schema.WritebackOutcome;
import org.phigate.security.FieldCipher;
import org.phigate.security.Keys;

/**
 * kill -9 of the write-back role (`phigate run --role writeback` in its own JVM) in the middle of 200 approved items
 * while EHR calls are in flight, then a restart: every approved item is in the EHR exactly once (counted by
 * identifier), and every item has its outcome on phigate.ehr.outcomes.
 */
class WritebackCrashIT {
  private static final int ITEMS = 200;
  private static final String PATIENT = "PT-7a7b7c7d7e7f";
  private static final String NAME_TOKEN = "[NAME-6a6b6c6d]";

  @Test
  void shouldWriteEveryApprovedItemExactlyOnceAcrossKillMinus9(@TempDir Path dir) throws Exception {
    try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start();
         EmbeddedFhirServer ehr = EmbeddedFhirServer.start();
         MisbehavingEhr slow = MisbehavingEhr.start(ehr.baseUrl(), "unused")) {
      slow.latency(15);
      ehr.addPatient("urn:phigate:patient-key", "MRN-CRASH-1");
      String registry = SharedServices.apicurio().ccompatUrl();
      Map<String, String> settings = new HashMap<>(Map.of(
          CommonConfig.BOOTSTRAP.name(), kafka.bootstrapServers(),
          CommonConfig.REGISTRY_URL.name(), registry,
          CommonConfig.TENANT.name(), "it-hospital",
          CommonConfig.STATE_DIR.name(), dir.resolve("state").toString(),
          CommonConfig.REPLICATION.name(), "1",
          CommonConfig.TOPIC_REPLICATION.name(), "1",
          "writeback.fhir.base.url", slow.baseUrl(),
          "writeback.retry.backoff.ms", "200",
          "writeback.retry.max.backoff.ms", "1000",
          CommonConfig.OPS_PORT.name(), "0"));
      // token-keyed vault fixtures: items held before the cut-off use them (as items pending at the upgrade do)
      settings.put("writeback.vault.legacy.before", java.time.Instant.now().plus(java.time.Duration.ofDays(1))
          .toString());
      settings.put(CommonConfig.VAULT_KEY.name(), Keys.randomBase64());
      settings.put(CommonConfig.EVENT_KEY.name(), Keys.randomBase64());
      settings.put(CommonConfig.HMAC_KEY.name(), Keys.randomBase64());
      Path config = dir.resolve("writeback.properties");
      Properties file = new Properties();
      file.putAll(settings);
      try (var out = Files.newBufferedWriter(config)) {
        file.store(out, "WritebackCrashIT");
      }
      CommonConfig common = new CommonConfig(Settings.of(settings));
      TopicProvisioner.ensureTopics(common);
      TopicSerdes serdes = new TopicSerdes(new RestSchemaRegistryClient(registry));
      FieldCipher vault = common.vaultCipher();
      try (KafkaProducer<byte[], byte[]> producer = producer(kafka)) {
        send(producer, serdes, Topics.PHI_VAULT, PATIENT, VaultEntry.newBuilder().setToken(PATIENT)
            .setTenant("it-hospital").setCategory(PhiCategory.MRN).setOriginal(vault.sealString("MRN-CRASH-1", PATIENT))
            .setFirstEventId("ev-vault").setCreatedAt(Instant.now()).build());
        send(producer, serdes, Topics.PHI_VAULT, NAME_TOKEN, VaultEntry.newBuilder().setToken(NAME_TOKEN)
            .setTenant("it-hospital").setCategory(PhiCategory.NAME).setOriginal(vault.sealString("Ilse Vandermeer",
                NAME_TOKEN)).setFirstEventId("ev-vault").setCreatedAt(Instant.now()).build());
        for (int i = 0; i < ITEMS; i++) {
          var approved = WritebackDeliveryIT.approved("rv-crash-" + i);
          approved.getItem().setPatientToken(PATIENT);
          send(producer, serdes, Topics.REVIEW_APPROVED, "rv-crash-" + i, approved);
        }
        producer.flush();
      }

      Process writeback = start(config, dir.resolve("writeback-1.log"));
      int killedAt;
      try {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(20))
            .until(() -> ehr.resourceCount("Task") >= ITEMS / 4);
        writeback.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no commit, calls cut off mid-flight
        killedAt = Math.toIntExact(ehr.resourceCount("Task"));
        assertThat(killedAt).as("killed in the middle of the batch").isLessThan(ITEMS);
        writeback = start(config, dir.resolve("writeback-2.log"));
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
            .until(() -> outcomes(kafka, serdes).size() >= ITEMS);
      } finally {
        writeback.destroy();
        writeback.waitFor();
      }
      Map<String, Long> tasks = ehr.resources("Task").stream()
          .map(r -> ((Task) r).getIdentifierFirstRep().getValue())
          .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
      for (int i = 0; i < ITEMS; i++) {
        assertThat(tasks.get("rv-crash-" + i)).as("Tasks of rv-crash-" + i).isEqualTo(1L);
      }
      assertThat(ehr.resourceCount("Task")).isEqualTo(ITEMS);
      assertThat(outcomes(kafka, serdes).stream().map(WritebackOutcome::getReviewId).distinct().count())
          .isEqualTo(ITEMS);
      assertThat(read(kafka, serdes, Topics.EHR_DLQ)).isEmpty();
      long readBack = read(kafka, serdes, Topics.AUDIT_EVENTS).stream()
          .filter(a -> "true".equals(a.getDetails().get("readBack"))).count();
      System.out.printf("[WritebackCrashIT] killed with %d of %d Tasks written; after the restart %d Tasks, "
          + "%d outcomes %s, %d found by reading back%n", killedAt, ITEMS, ehr.resourceCount("Task"),
          outcomes(kafka, serdes).size(), outcomes(kafka, serdes).stream().collect(Collectors.groupingBy(
              WritebackOutcome::getStatus, Collectors.counting())), readBack);
    }
  }

  private static Process start(Path config, Path log) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(java, "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
        System.getProperty("java.class.path"), "org.phigate.cli.PhigateCli", "run", "--role", "writeback",
        "--config", config.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  private static List<WritebackOutcome> outcomes(EmbeddedKafkaBroker kafka, TopicSerdes serdes) {
    return read(kafka, serdes, Topics.EHR_OUTCOMES);
  }

  private static KafkaProducer<byte[], byte[]> producer(EmbeddedKafkaBroker kafka) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private static <V> void send(KafkaProducer<byte[], byte[]> producer, TopicSerdes serdes, Topic<String, V> topic,
                               String key, V value) throws Exception {
    producer.send(new ProducerRecord<>(topic.name(), serdes.keySerde(topic).serializer().serialize(topic.name(), key),
        serdes.valueSerde(topic).serializer().serialize(topic.name(), value))).get();
  }

  private static <V> List<V> read(EmbeddedKafkaBroker kafka, TopicSerdes serdes, Topic<String, V> topic) {
    List<V> values = new ArrayList<>();
    try (TopicReader reader = new TopicReader(kafka.bootstrapServers())) {
      reader.readAll(topic.name(), r -> values.add(serdes.valueSerde(topic).deserializer()
          .deserialize(r.topic(), r.value())));
    }
    return values;
  }
}
