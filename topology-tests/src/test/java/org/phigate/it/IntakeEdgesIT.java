package org.phigate.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.phigate.catalog.PhiContentCodec;
import org.phigate.catalog.Topic;
import org.phigate.catalog.TopicSerdes;
import org.phigate.catalog.Topics;
import org.phigate.config.CommonConfig;
import org.phigate.config.IntakeConfig;
import org.phigate.config.Settings;
import org.phigate.demo.SampleInput;
import org.phigate.intake.IntakeGateway;
import org.phigate.runtime.IntakeListeners;
import org.phigate.intake.IntakeOutcome;
import org.phigate.intake.IntakeStage;
import org.phigate.intake.mllp.MllpClient;
import org.phigate.embedded.InMemorySchemaRegistry;
import org.phigate.runtime.RoleTopologies;
import org.phigate.runtime.TopicProvisioner;
import org.phigate.schema.ClinicalEvent;
import org.phigate.embedded.EmbeddedKafkaBroker;
import org.phigate.it.support.SharedData;
import org.phigate.streams.ProducerFactory;

/**
 * The MLLP and FHIR REST edges on the real KRaft broker, driven the way engines drive them (plain sockets, HTTP):
 * AA only for what is already readable in phigate.intake.raw, AE when the broker is unreachable, and the same
 * ClinicalEvent for the same content over Kafka, MLLP and REST.
 */
class IntakeEdgesIT {
  private static final Clock CLOCK = Clock.systemUTC();
  private static CommonConfig common;
  private static TopicSerdes serdes;
  private static IntakeStage stage;
  private static IntakeListeners listeners;
  // its own broker: these records must not reach the shared broker's topics, which PipelineIT counts exactly
  private static EmbeddedKafkaBroker kafka;

  @BeforeAll
  static void start() {
    kafka = EmbeddedKafkaBroker.start();
    Map<String, String> settings = new HashMap<>(Map.of(
        CommonConfig.BOOTSTRAP.name(), kafka.bootstrapServers(),
        CommonConfig.TENANT.name(), "edge-it",
        CommonConfig.EVENT_KEY.name(), org.phigate.security.Keys.randomBase64(),
        CommonConfig.TOPIC_PARTITIONS.name(), "2",
        CommonConfig.TOPIC_REPLICATION.name(), "1",
        IntakeConfig.ACK_TIMEOUT.name(), "10000"));
    common = new CommonConfig(Settings.of(settings));
    TopicProvisioner.ensureTopics(common);
    serdes = new TopicSerdes(new InMemorySchemaRegistry());
    IntakeConfig config = new IntakeConfig(common);
    stage = RoleTopologies.intakeStage(config, IntakeListeners.audit(config, CLOCK));
    listeners = IntakeListeners.start(config, IntakeGateway.create(config, serdes, stage, CLOCK), CLOCK, 0, 0);
  }

  @AfterAll
  static void stop() {
    listeners.close();
    kafka.close();
  }

  private static List<SampleInput> hl7Samples() {
    return SampleInput.shipped().stream().filter(s -> s.name().endsWith(".hl7")).toList();
  }

  @Test
  void shouldAnswerAaOnlyForMessagesAlreadyReadableInTheRawTopic() throws Exception {
    try (KafkaConsumer<String, byte[]> consumer = consumer();
         MllpClient client = MllpClient.connect(listeners.mllp().port())) {
      List<TopicPartition> partitions = partitions(consumer);
      for (SampleInput sample : hl7Samples()) {
        long before = total(consumer.endOffsets(partitions));
        client.send(sample.payload());
        String ack = client.readAck();
        assertThat(MllpClient.ackCode(ack)).as(sample.name()).isEqualTo("AA");
        assertThat(total(consumer.endOffsets(partitions))).as("%s is in the log when its AA arrives", sample.name())
            .isGreaterThan(before);
        String controlId = MllpClient.field(ack, "MSA", 2);
        assertThat(new String(sample.payload(), StandardCharsets.ISO_8859_1)).contains("|" + controlId + "|");
      }
    }
  }

  @Test
  void shouldAnswerArOrAeWithAReasonForBadMessagesOverTheRealBroker() throws Exception {
    try (MllpClient client = MllpClient.connect(listeners.mllp().port())) {
      String notHl7 = client.exchange("{\"resourceType\":\"Patient\"}");
      assertThat(MllpClient.ackCode(notHl7)).isEqualTo("AR");
      String badVersion = client.exchange("MSH|^~\\&|A|B|C|D|20260101||ADT^A01|X-1|P|2.1\rPID|1||123\r");
      assertThat(MllpClient.ackCode(badVersion)).isEqualTo("AR");
      assertThat(MllpClient.field(badVersion, "ERR", 3)).startsWith("203^");
    }
  }

  @Test
  void shouldAnswerAeAnd503WhenTheBrokerIsUnreachable() throws Exception {
    Map<String, String> settings = new HashMap<>(Map.of(
        CommonConfig.BOOTSTRAP.name(), "127.0.0.1:" + org.phigate.embedded.FreePorts.find(),
        CommonConfig.EVENT_KEY.name(), org.phigate.security.Keys.randomBase64(),
        IntakeConfig.ACK_TIMEOUT.name(), "2000"));
    IntakeConfig dead = new IntakeConfig(new CommonConfig(Settings.of(settings)));
    try (IntakeListeners down = IntakeListeners.start(dead, IntakeGateway.create(dead, serdes, stage, CLOCK), CLOCK,
        0, 0); MllpClient client = MllpClient.connect(down.mllp().port())) {
      String ack = client.exchange(new String(hl7Samples().get(0).payload(), StandardCharsets.ISO_8859_1));
      assertThat(MllpClient.ackCode(ack)).isEqualTo("AE");
      assertThat(MllpClient.field(ack, "ERR", 3)).startsWith("207^");
      HttpResponse<String> rest = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
          down.rest().baseUrl() + "/Patient")).header("Content-Type", "application/fhir+json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(fhirPatient().payload())).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(rest.statusCode()).isEqualTo(503);
    }
  }

  @Test
  void shouldServeConcurrentSendersOverTheRealBroker() throws Exception {
    byte[] template = hl7Samples().get(0).payload();
    String text = new String(template, StandardCharsets.ISO_8859_1);
    ExecutorService senders = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> done = new ArrayList<>();
      for (int s = 0; s < 8; s++) {
        int sender = s;
        done.add(senders.submit(() -> {
          int aa = 0;
          try (MllpClient client = MllpClient.connect(listeners.mllp().port())) {
            for (int m = 0; m < 25; m++) {
              String ack = client.exchange(text.replace("|MSG00001|", "|C" + sender + "-" + m + "|"));
              aa += "AA".equals(MllpClient.ackCode(ack)) ? 1 : 0;
            }
          }
          return aa;
        }));
      }
      int total = 0;
      for (Future<Integer> f : done) {
        total += f.get();
      }
      assertThat(total).isEqualTo(200);
    } finally {
      senders.shutdownNow();
    }
  }

  @Test
  void shouldProduceTheSameClinicalEventOverKafkaMllpAndRest() throws Exception {
    SampleInput hl7 = hl7Samples().stream().filter(s -> s.name().endsWith("ADT-A01-01.hl7")).findFirst().orElseThrow();
    SampleInput fhir = fhirPatient();
    try (KafkaConsumer<String, byte[]> consumer = consumer();
         KafkaProducer<String, byte[]> producer = producer();
         MllpClient client = MllpClient.connect(listeners.mllp().port())) {
      List<TopicPartition> partitions = partitions(consumer);
      Map<TopicPartition, Long> start = consumer.endOffsets(partitions);
      for (SampleInput s : List.of(hl7, fhir)) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.INTAKE_RAW.name(), "kafka-" + s.name(),
            s.payload());
        record.headers().add(Topics.CONTENT_TYPE_HEADER, s.contentType().getBytes(StandardCharsets.UTF_8));
        producer.send(record).get();
      }
      assertThat(MllpClient.ackCode(client.exchange(new String(hl7.payload(), StandardCharsets.ISO_8859_1))))
          .isEqualTo("AA");
      HttpResponse<String> rest = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
          listeners.rest().baseUrl() + "/Patient")).header("Content-Type", "application/fhir+json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(fhir.payload())).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(rest.statusCode()).isEqualTo(202);

      consumer.assign(partitions);
      start.forEach(consumer::seek);
      List<ConsumerRecord<String, byte[]>> raw = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (raw.size() < 4 && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(raw::add);
      }
      assertThat(raw).hasSize(4);
      Map<String, List<IntakeOutcome>> byType = new HashMap<>();
      for (ConsumerRecord<String, byte[]> r : raw) {
        String ct = new String(r.headers().lastHeader(Topics.CONTENT_TYPE_HEADER).value(), StandardCharsets.UTF_8);
        byType.computeIfAbsent(ct, k -> new ArrayList<>()).add(stage.process(r.key(), r.value(), ct,
            Instant.EPOCH));
      }
      PhiContentCodec codec = new PhiContentCodec(common.eventCipher());
      for (List<IntakeOutcome> pair : byType.values()) {
        assertThat(pair).hasSize(2);
        ClinicalEvent a = pair.get(0).event();
        ClinicalEvent b = pair.get(1).event();
        assertThat(List.of(a.getEventId(), a.getMessageType(), a.getWorkflow(), a.getSourceMessageId(),
            String.valueOf(a.getSourceVersion()), a.getFieldCount(), a.getTextPartCount())).isEqualTo(List.of(
            b.getEventId(), b.getMessageType(), b.getWorkflow(), b.getSourceMessageId(),
            String.valueOf(b.getSourceVersion()), b.getFieldCount(), b.getTextPartCount()));
        assertThat(codec.open(a)).isEqualTo(codec.open(b));
        assertThat(pair.get(0).dedupKey()).as("the second copy is suppressed as a duplicate")
            .isEqualTo(pair.get(1).dedupKey());
      }
    }
  }

  @Test
  void shouldTakeAMultiMegabyteBundleOverRestAndRefuseABodyOverTheLimitWith413AndADeadLetter() throws Exception {
    java.nio.file.Path dir = SharedData.find("fhir/synthea-with-notes/fhir-r4-files").orElse(null);
    org.junit.jupiter.api.Assumptions.assumeTrue(dir != null, "shared/data not found; set PHIGATE_SHARED_DATA");
    java.nio.file.Path biggest;
    try (var files = java.nio.file.Files.list(dir)) {
      biggest = files.max(java.util.Comparator.comparingLong(p -> p.toFile().length())).orElseThrow();
    }
    byte[] bundle = java.nio.file.Files.readAllBytes(biggest);
    assertThat(bundle.length).isGreaterThan(3 * Topic.KAFKA_DEFAULT_MAX_MESSAGE_BYTES);
    assertThat(post(bundle).statusCode()).isEqualTo(202);
    byte[] over = new byte[new IntakeConfig(common).maxPayloadBytes() + 1];
    java.util.Arrays.fill(over, (byte) ' ');
    HttpResponse<String> refused = post(over);
    assertThat(refused.statusCode()).isEqualTo(413);
    assertThat(refused.body()).contains("intake.max.payload.bytes");

    List<Integer> rawSizes = new ArrayList<>();
    List<String> reasons = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = consumer()) {
      for (String topic : List.of(Topics.INTAKE_RAW.name(), Topics.INTAKE_DLQ.name())) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
            .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
          for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
            if (topic.equals(Topics.INTAKE_RAW.name())) {
              rawSizes.add(r.value().length);
            } else {
              reasons.add(serdes.valueSerde(Topics.INTAKE_DLQ).deserializer().deserialize(topic, r.value())
                  .getReasonCode());
            }
          }
        }
      }
    }
    assertThat(rawSizes).as("the bundle is in the raw topic, whole").contains(bundle.length);
    assertThat(reasons).contains("PAYLOAD_TOO_LARGE");
  }

  @Test
  void shouldRaiseTheRecordLimitOfACatalogTopicCreatedWithASmallerOne() throws Exception {
    Properties props = new Properties();
    props.put("bootstrap.servers", kafka.bootstrapServers());
    var resource = new org.apache.kafka.common.config.ConfigResource(
        org.apache.kafka.common.config.ConfigResource.Type.TOPIC, Topics.POISON_DLQ.name());
    try (var admin = org.apache.kafka.clients.admin.Admin.create(props)) {
      admin.incrementalAlterConfigs(Map.of(resource, List.of(new org.apache.kafka.clients.admin.AlterConfigOp(
          new org.apache.kafka.clients.admin.ConfigEntry("max.message.bytes", "1048588"),
          org.apache.kafka.clients.admin.AlterConfigOp.OpType.SET)))).all().get();
      // a config change completes on the KRaft controller; a broker answers describeConfigs from its own metadata
      // image, which may not hold it yet (seen on a loaded machine): wait until the broker reads what was set
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
          .until(() -> recordLimit(admin, resource).equals("1048588"));
      assertThat(TopicProvisioner.ensureTopics(common)).isEmpty();
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
          .untilAsserted(() -> assertThat(recordLimit(admin, resource))
              .isEqualTo(Integer.toString(common.maxMessageBytes())));
    }
  }

  private static String recordLimit(org.apache.kafka.clients.admin.Admin admin,
                                    org.apache.kafka.common.config.ConfigResource resource) throws Exception {
    return admin.describeConfigs(List.of(resource)).all().get().get(resource).get("max.message.bytes").value();
  }

  private static HttpResponse<String> post(byte[] body) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(listeners.rest().baseUrl()))
        .header("Content-Type", "application/fhir+json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static SampleInput fhirPatient() {
    return SampleInput.shipped().stream().filter(s -> s.name().endsWith("Patient-example.json")).findFirst()
        .orElseThrow();
  }

  private static KafkaConsumer<String, byte[]> consumer() {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, CommonConfig.defaultMaxMessageBytes());
    return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
  }

  private static KafkaProducer<String, byte[]> producer() {
    return ProducerFactory.of(kafka.bootstrapServers()).create(new StringSerializer(), new ByteArraySerializer());
  }

  private static List<TopicPartition> partitions(KafkaConsumer<String, byte[]> consumer) {
    return consumer.partitionsFor(Topics.INTAKE_RAW.name()).stream()
        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
  }

  private static long total(Map<TopicPartition, Long> offsets) {
    return offsets.values().stream().mapToLong(Long::longValue).sum();
  }
}
