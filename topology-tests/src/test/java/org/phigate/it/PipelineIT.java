package org.phigate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.phigate.catalog.Topic;
import org.phigate.catalog.TopicSerdes;
import org.phigate.catalog.Topics;
import org.phigate.config.CommonConfig;
import org.phigate.config.Settings;
import org.phigate.demo.PipelineObserver;
import org.phigate.demo.SampleInput;
import org.phigate.embedded.EmbeddedFhirServer;
import org.phigate.embedded.EmbeddedKafkaBroker;
import org.phigate.it.support.PhiStrings;
import org.phigate.it.support.SharedServices;
import org.phigate.registry.RestSchemaRegistryClient;
import org.phigate.runtime.PipelineRuntime;
import org.phigate.runtime.Role;
import org.phigate.runtime.TopicProvisioner;
import org.phigate.schema.DecisionType;
import org.phigate.schema.IntakeFailure;
import org.phigate.schema.ReviewDecision;
import org.phigate.schema.ReviewItem;

/**
 * Every role on the real KRaft broker with the real Apicurio registry and the HAPI FHIR stand-in EHR: the shipped
 * samples plus malformed HL7 v2 and FHIR go in; dead letters, de-identified events, AI results, held reviews and
 * EHR writes come out, with no PHI outside the PHI zone and no stage down.
 */
class PipelineIT {
  private static final String PHI_NAME = "Zebulonia Quixtrot";
  private static EmbeddedKafkaBroker kafka;
  private static EmbeddedFhirServer ehr;
  private static PipelineRuntime runtime;
  private static PipelineObserver observer;
  private static TopicSerdes serdes;
  private static List<SampleInput> inputs;

  @BeforeAll
  static void startPipeline() throws Exception {
    kafka = SharedServices.kafka();
    String registryUrl = SharedServices.apicurio().ccompatUrl();
    ehr = EmbeddedFhirServer.start();
    Path state = Files.createTempDirectory("phigate-it-state");
    Map<String, String> settings = new HashMap<>(Map.of(
        CommonConfig.BOOTSTRAP.name(), kafka.bootstrapServers(),
        CommonConfig.REGISTRY_URL.name(), registryUrl,
        CommonConfig.TENANT.name(), "it-hospital",
        CommonConfig.STATE_DIR.name(), state.toString(),
        CommonConfig.REPLICATION.name(), "1",
        CommonConfig.TOPIC_REPLICATION.name(), "1",
        CommonConfig.TOPIC_PARTITIONS.name(), "2",
        "writeback.fhir.base.url", ehr.baseUrl(),
        "archiver.dir", state.resolve("archive").toString()));
    settings.put(CommonConfig.EVENT_KEY.name(), key());
    settings.put(CommonConfig.VAULT_KEY.name(), key());
    settings.put(CommonConfig.HMAC_KEY.name(), key());
    CommonConfig common = new CommonConfig(Settings.of(settings));
    serdes = new TopicSerdes(new RestSchemaRegistryClient(registryUrl));
    TopicProvisioner.ensureTopics(common);
    runtime = PipelineRuntime.start(List.of(Role.values()), common, serdes, Clock.systemUTC());
    runtime.awaitRunning(Duration.ofMinutes(2));
    observer = new PipelineObserver(kafka.bootstrapServers(), serdes).start();

    inputs = new ArrayList<>(SampleInput.shipped());
    inputs.add(new SampleInput("it-malformed.hl7", ("MSH|^~\\&|LAB\rPID|1||77^^^MR||" + PHI_NAME.replace(' ', '^')
        + "\r").getBytes(StandardCharsets.UTF_8), "application/hl7-v2"));
    inputs.add(new SampleInput("it-malformed.json", ("{\"resourceType\": \"Patient\", \"name\": [{\"text\": \""
        + PHI_NAME + "\"}]").getBytes(StandardCharsets.UTF_8), "application/fhir+json"));
    publish(inputs);
  }

  @AfterAll
  static void stop() {
    if (observer != null) {
      observer.close();
    }
    if (runtime != null) {
      runtime.close();
    }
    if (ehr != null) {
      ehr.close();
    }
  }

  @Test
  void shouldCarryEveryInputThroughEveryStageWithoutLossOrPhiLeak() {
    int n = inputs.size();
    Duration stage = Duration.ofMinutes(3);
    await().atMost(stage).until(() -> observer.auditCount("intake.normalize") + observer.auditCount("intake.reject")
        == n);
    await().atMost(stage).until(() -> observer.auditCount("deid.redact") == observer.auditCount("intake.normalize"));
    await().atMost(stage).until(() -> observer.auditCount("inference.run") == observer.auditCount("deid.redact"));
    await().atMost(stage).until(() -> observer.auditCount("review.hold") == observer.count(Topics.AI_RESULTS));

    // nothing reaches the EHR before a decision
    assertThat(ehr.resourceCount("Task")).isZero();
    // two inputs with the same source message id are one event, held (twice) under one review id
    List<ReviewItem> pending = List.copyOf(observer.pendingItems().stream().collect(java.util.stream.Collectors
        .toMap(ReviewItem::getReviewId, i -> i, (a, b) -> a, java.util.LinkedHashMap::new)).values());
    assertThat(pending).isNotEmpty();
    approve(pending);
    await().atMost(stage).until(() -> observer.auditCount("writeback.create") == pending.size());

    assertThat(observer.count(Topics.INTAKE_DLQ)).isEqualTo(3);
    assertThat(observer.count(Topics.EVENTS_NORMALIZED)).isEqualTo(n - 3);
    assertThat(observer.count(Topics.EVENTS_DEIDENTIFIED)).isEqualTo(n - 3);
    assertThat(observer.count(Topics.EHR_OUTCOMES)).isEqualTo(pending.size());
    assertThat(observer.count(Topics.EHR_DLQ)).isZero();
    assertThat(ehr.resourceCount("Task")).isEqualTo(pending.size());
    assertThat(runtime.states().values()).containsOnly(KafkaStreams.State.RUNNING);

    List<IntakeFailure> dlq = read(Topics.INTAKE_DLQ);
    assertThat(dlq).extracting(IntakeFailure::getSourceMessageId)
        .contains("it-malformed.hl7", "it-malformed.json");
    assertThat(dlq).allSatisfy(f -> {
      assertThat(f.getReasonCode()).isNotBlank();
      assertThat(f.getReasonMessage()).doesNotContain("Zebulonia").doesNotContain("Quixtrot");
    });

    Set<String> phi = PhiStrings.of(inputs);
    for (Topic<String, ?> topic : List.of(Topics.EVENTS_DEIDENTIFIED, Topics.AI_RESULTS, Topics.REVIEW_PENDING,
        Topics.AUDIT_EVENTS, Topics.EHR_OUTCOMES, Topics.INTAKE_DLQ)) {
      String records = read(topic).toString();
      assertThat(PhiStrings.foundIn(records, phi)).as("PHI in " + topic.name()).isEmpty();
      assertThat(records).as(topic.name()).doesNotContain("Zebulonia");
    }
  }

  private static void publish(List<SampleInput> samples) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024);
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
        new ByteArraySerializer())) {
      for (SampleInput input : samples) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.INTAKE_RAW.name(), input.name(),
            input.payload());
        record.headers().add(Topics.CONTENT_TYPE_HEADER, input.contentType().getBytes(StandardCharsets.UTF_8));
        producer.send(record);
      }
      producer.flush();
    }
  }

  private static void approve(List<ReviewItem> pending) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    try (KafkaProducer<String, ReviewDecision> producer = new KafkaProducer<>(props, new StringSerializer(),
        serdes.valueSerde(Topics.REVIEW_DECISIONS).serializer())) {
      for (ReviewItem item : pending) {
        producer.send(new ProducerRecord<>(Topics.REVIEW_DECISIONS.name(), item.getReviewId(),
            ReviewDecision.newBuilder().setReviewId(item.getReviewId()).setDecision(DecisionType.APPROVE)
                .setReviewer("it-reviewer").setReviewerRole("attending").setDecidedAt(Instant.now()).build()));
      }
      producer.flush();
    }
  }

  private static <V> List<V> read(Topic<String, V> topic) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
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
