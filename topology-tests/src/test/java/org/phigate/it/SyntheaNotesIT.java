package org.phigate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.phigate.catalog.Topic;
import org.phigate.catalog.TopicSerdes;
import org.phigate.catalog.Topics;
import org.phigate.config.CommonConfig;
import org.phigate.config.Settings;
import org.phigate.embedded.EmbeddedKafkaBroker;
import org.phigate.it.support.PatientPhi;
import org.phigate.it.support.SharedData;
import org.phigate.it.support.SharedServices;
import org.phigate.registry.RestSchemaRegistryClient;
import org.phigate.runtime.PipelineRuntime;
import org.phigate.runtime.Role;
import org.phigate.runtime.TopicProvisioner;
import org.phigate.schema.AuditEvent;
import org.phigate.schema.DeidentifiedEvent;
import org.phigate.streams.ProducerFactory;

/**
 * Synthea bundles whose DocumentReference notes mention the patient go through intake, deid and inference on a real
 * KRaft broker (its own: the shared broker's topics belong to PipelineIT, which counts every record in them) and the
 * shared registry. No name, address, phone, identifier or full date of any of their Patients may appear in
 * phigate.events.deidentified or phigate.ai.results. All of them: five are over Kafka's 1 MiB default (up to 3.2 MB),
 * so this also proves the message-sized topics, the clients and the broker take topics.max.message.bytes.
 */
class SyntheaNotesIT {
  private static final String TENANT = "synthea-it";
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SyntheaNotesIT.class);
  private static EmbeddedKafkaBroker kafka;
  private static PipelineRuntime runtime;
  private static TopicSerdes serdes;
  private static List<Path> bundles = List.of();

  @BeforeAll
  static void start() throws Exception {
    Path dir = SharedData.find("fhir/synthea-with-notes/fhir-r4-files").orElse(null);
    Assumptions.assumeTrue(dir != null, "shared/data not found beside the repo; set PHIGATE_SHARED_DATA");
    try (Stream<Path> files = Files.list(dir)) {
      bundles = files.filter(p -> p.getFileName().toString().matches("[A-Z][^_]+_[^_]+_.*\\.json")).sorted().toList();
    }
    assertThat(bundles).hasSizeGreaterThanOrEqualTo(11);
    assertThat(bundles).as("bundles over Kafka's default 1 MiB record limit")
        .filteredOn(p -> p.toFile().length() > Topic.KAFKA_DEFAULT_MAX_MESSAGE_BYTES).hasSizeGreaterThanOrEqualTo(5);
    // its own broker: the shared one's topics belong to PipelineIT, which counts every record in them
    kafka = EmbeddedKafkaBroker.start();
    String registryUrl = SharedServices.apicurio().ccompatUrl();
    Path state = Files.createTempDirectory("phigate-synthea-it");
    Map<String, String> settings = new HashMap<>(Map.of(
        CommonConfig.BOOTSTRAP.name(), kafka.bootstrapServers(),
        CommonConfig.REGISTRY_URL.name(), registryUrl,
        CommonConfig.TENANT.name(), TENANT,
        CommonConfig.STATE_DIR.name(), state.toString(),
        CommonConfig.REPLICATION.name(), "1",
        CommonConfig.TOPIC_REPLICATION.name(), "1",
        CommonConfig.TOPIC_PARTITIONS.name(), "2"));
    for (String role : List.of("intake", "deid", "inference")) {
      settings.put(role + ".application.id", "phigate-" + role + "-synthea-it");
    }
    for (CommonKey key : CommonKey.values()) {
      settings.put(key.config.name(), key());
    }
    CommonConfig common = new CommonConfig(Settings.of(settings));
    serdes = new TopicSerdes(new RestSchemaRegistryClient(registryUrl));
    TopicProvisioner.ensureTopics(common);
    runtime = PipelineRuntime.start(List.of(Role.INTAKE, Role.DEID, Role.INFERENCE), common, serdes,
        Clock.systemUTC());
    runtime.awaitRunning(Duration.ofMinutes(2));
    publish();
  }

  private enum CommonKey {
    EVENT(CommonConfig.EVENT_KEY), VAULT(CommonConfig.VAULT_KEY), HMAC(CommonConfig.HMAC_KEY);
    final org.phigate.config.ConfigKey<String> config;

    CommonKey(org.phigate.config.ConfigKey<String> config) {
      this.config = config;
    }
  }

  @AfterAll
  static void stop() {
    if (runtime != null) {
      runtime.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void shouldLeaveNoPatientIdentifierInDeidentifiedEventsOrAiResults() throws Exception {
    await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1))
        .until(() -> mine(read(Topics.EVENTS_DEIDENTIFIED)).size() == bundles.size());
    LOG.info("{} Synthea bundles ({} bytes) de-identified {} ms after the first was published", bundles.size(),
        bundles.stream().mapToLong(p -> p.toFile().length()).sum(), (System.nanoTime() - publishedAt) / 1_000_000);
    assertThat(read(Topics.INTAKE_DLQ)).as("dead letters").isEmpty();
    Set<String> eventIds = new TreeSet<>();
    mine(read(Topics.EVENTS_DEIDENTIFIED)).forEach(e -> eventIds.add(e.getEventId()));
    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() -> read(Topics.AUDIT_EVENTS)
        .stream().filter(a -> a.getSubtype().startsWith("inference.")).map(AuditEvent::getSubjectEventId)
        .filter(eventIds::contains).distinct().count() == eventIds.size());

    List<DeidentifiedEvent> deidentified = mine(read(Topics.EVENTS_DEIDENTIFIED));
    assertThat(deidentified).allSatisfy(e -> assertThat(e.getTextParts()).isNotEmpty());
    String deidText = read(Topics.EVENTS_DEIDENTIFIED).toString();
    String aiText = read(Topics.AI_RESULTS).toString();
    List<String> leaks = new ArrayList<>();
    int checked = 0;
    for (Path bundle : bundles) {
      Set<String> values = PatientPhi.of(bundle);
      String raw = Files.readString(bundle);
      assertThat(values).as("identifiers of the Patient in " + bundle.getFileName()).hasSizeGreaterThan(8)
          .allSatisfy(v -> assertThat(v.length()).isGreaterThanOrEqualTo(4));
      assertThat(values.stream().filter(raw::contains).count()).as("values taken from the bundle").isPositive();
      checked += values.size();
      for (String value : values) {
        Pattern p = Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(value) + "(?![\\p{L}\\p{N}])",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        if (p.matcher(deidText).find()) {
          leaks.add("deidentified: " + bundle.getFileName().toString().substring(0, 8) + "… value #" + value.length());
        }
        if (p.matcher(aiText).find()) {
          leaks.add("ai.results: " + bundle.getFileName().toString().substring(0, 8) + "… value #" + value.length());
        }
      }
    }
    assertThat(checked).isGreaterThan(50);
    // the messages name the file prefix and value length only: synthetic, but the habit matters
    assertThat(leaks).as("Patient identifiers left after de-identification").isEmpty();
  }

  private static List<DeidentifiedEvent> mine(List<DeidentifiedEvent> all) {
    return all.stream().filter(e -> e.getTenant().equals(TENANT)).toList();
  }

  private static long publishedAt;

  private static void publish() throws Exception {
    publishedAt = System.nanoTime();
    try (KafkaProducer<String, byte[]> producer = ProducerFactory.of(kafka.bootstrapServers()).create(
        new StringSerializer(), new ByteArraySerializer())) {
      for (Path bundle : bundles) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.INTAKE_RAW.name(),
            "synthea-it/" + bundle.getFileName(), Files.readAllBytes(bundle));
        record.headers().add(Topics.CONTENT_TYPE_HEADER, "application/fhir+json".getBytes(StandardCharsets.UTF_8));
        producer.send(record).get();
      }
    }
  }

  private static <V> List<V> read(Topic<String, V> topic) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, CommonConfig.defaultMaxMessageBytes());
    List<V> values = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        consumer.poll(Duration.ofMillis(200)).forEach(r ->
            values.add(serdes.valueSerde(topic).deserializer().deserialize(r.topic(), r.value())));
      }
    }
    return values;
  }

  private static String key() {
    byte[] bytes = new byte[32];
    new java.security.SecureRandom().nextBytes(bytes);
    return java.util.Base64.getEncoder().encodeToString(bytes);
  }
}
