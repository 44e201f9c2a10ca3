package org.phigate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.phigate.catalog.Topic;
import org.phigate.catalog.TopicSerdes;
import org.phigate.catalog.Topics;
import org.phigate.config.CommonConfig;
import org.phigate.config.Settings;
import org.phigate.demo.TopicReader;
import org.phigate.embedded.EmbeddedFhirServer;
import org.phigate.embedded.EmbeddedKafkaBroker;
import org.phigate.it.support.SharedServices;
import org.phigate.registry.RestSchemaRegistryClient;
import org.phigate.runtime.PipelineRuntime;
import org.phigate.runtime.Role;
import org.phigate.runtime.TopicProvisioner;
import org.phigate.schema.AuditEvent;
import org.phigate.schema.PhiCategory;
import org.phigate.schema.VaultEntry;
import org.phigate.security.FieldCipher;
import org.phigate.security.Keys;
import org.phigate.writeback.WritebackStage;

/**
 * A benchmark that prints numbers (no speed assertion): write-back throughput (items/s, from the first to the last
 * write's audit time) and the p50/p99 latency of one EHR attempt, on the real broker against the in-process FHIR
 * server, with the default worker pool and in-flight limit.
 */
class WritebackThroughputIT {
  private static final int ITEMS = 1000;
  private static final String PATIENT = "PT-8a8b8c8d8e8f";
  private static final String NAME_TOKEN = "[NAME-6a6b6c6d]";

  @Test
  void shouldPrintWritebackThroughputAndLatency() throws Exception {
    Path state = Files.createTempDirectory("phigate-wb-bench");
    try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(); EmbeddedFhirServer ehr = EmbeddedFhirServer.start()) {
      String registry = SharedServices.apicurio().ccompatUrl();
      ehr.addPatient("urn:phigate:patient-key", "MRN-B-1"); // write-back matches the chart by MRN before writing
      Map<String, String> settings = new HashMap<>(Map.of(
          CommonConfig.BOOTSTRAP.name(), kafka.bootstrapServers(),
          CommonConfig.REGISTRY_URL.name(), registry,
          CommonConfig.TENANT.name(), "it-hospital",
          CommonConfig.STATE_DIR.name(), state.toString(),
          CommonConfig.REPLICATION.name(), "1",
          CommonConfig.TOPIC_REPLICATION.name(), "1",
          "writeback.fhir.base.url", ehr.baseUrl()));
      settings.put(CommonConfig.VAULT_KEY.name(), Keys.randomBase64());
      // the fixtures are token-keyed vault entries, as items held before the upgrade to vault keys
      settings.put("writeback.vault.legacy.before", "2099-01-01T00:00:00Z");
      settings.put(CommonConfig.EVENT_KEY.name(), Keys.randomBase64());
      settings.put(CommonConfig.HMAC_KEY.name(), Keys.randomBase64());
      CommonConfig common = new CommonConfig(Settings.of(settings));
      TopicSerdes serdes = new TopicSerdes(new RestSchemaRegistryClient(registry));
      TopicProvisioner.ensureTopics(common);
      FieldCipher vault = common.vaultCipher();
      try (PipelineRuntime runtime = PipelineRuntime.start(List.of(Role.WRITEBACK), common, serdes,
          Clock.systemUTC())) {
        runtime.awaitRunning(Duration.ofMinutes(2));
        try (KafkaProducer<byte[], byte[]> producer = producer(kafka)) {
          send(producer, serdes, Topics.PHI_VAULT, PATIENT, VaultEntry.newBuilder().setToken(PATIENT)
              .setTenant("it-hospital").setCategory(PhiCategory.MRN).setOriginal(vault.sealString("MRN-B-1", PATIENT))
              .setFirstEventId("ev-vault").setCreatedAt(Instant.now()).build());
          send(producer, serdes, Topics.PHI_VAULT, NAME_TOKEN, VaultEntry.newBuilder().setToken(NAME_TOKEN)
              .setTenant("it-hospital").setCategory(PhiCategory.NAME).setOriginal(vault.sealString("Ilse Vandermeer",
                  NAME_TOKEN)).setFirstEventId("ev-vault").setCreatedAt(Instant.now()).build());
          producer.flush();
          for (int i = 0; i < ITEMS; i++) {
            var approved = WritebackDeliveryIT.approved("rv-bench-" + i);
            approved.getItem().setPatientToken(PATIENT);
            send(producer, serdes, Topics.REVIEW_APPROVED, "rv-bench-" + i, approved);
          }
          producer.flush();
        }
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
            .until(() -> ehr.resourceCount("Task") >= ITEMS);
        // a write's audit event is committed by the transaction that forwards its outcome, a punctuation after the
        // EHR answered: closing the role as soon as the EHR holds every Task would leave the last ones to a restart
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
            .until(() -> creates(kafka, serdes).size() >= ITEMS);
      }
      List<AuditEvent> writes = creates(kafka, serdes);
      assertThat(writes).hasSize(ITEMS);
      assertThat(ehr.resourceCount("Task")).isEqualTo(ITEMS);
      long first = writes.stream().mapToLong(a -> a.getRecorded().toEpochMilli()).min().orElseThrow();
      long last = writes.stream().mapToLong(a -> a.getRecorded().toEpochMilli()).max().orElseThrow();
      long[] latency = writes.stream().mapToLong(a -> Long.parseLong(a.getDetails().get("latencyMs"))).sorted()
          .toArray();
      System.out.printf("[WritebackThroughputIT] %d items in %d ms: %.0f items/s; EHR attempt latency p50 %d ms, "
              + "p99 %d ms, max %d ms (in-process FHIR server, 4 workers, 32 in flight)%n", ITEMS, last - first,
          ITEMS * 1000.0 / Math.max(1, last - first), latency[latency.length / 2],
          latency[(int) Math.ceil(latency.length * 0.99) - 1], latency[latency.length - 1]);
    }
  }

  private static KafkaProducer<byte[], byte[]> producer(EmbeddedKafkaBroker kafka) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private static <V> void send(KafkaProducer<byte[], byte[]> producer, TopicSerdes serdes, Topic<String, V> topic,
                               String key, V value) {
    producer.send(new ProducerRecord<>(topic.name(), serdes.keySerde(topic).serializer().serialize(topic.name(), key),
        serdes.valueSerde(topic).serializer().serialize(topic.name(), value)));
  }

  private static List<AuditEvent> creates(EmbeddedKafkaBroker kafka, TopicSerdes serdes) {
    List<AuditEvent> writes = new ArrayList<>();
    try (TopicReader reader = new TopicReader(kafka.bootstrapServers())) {
      reader.readAll(Topics.AUDIT_EVENTS.name(), r -> {
        AuditEvent a = serdes.valueSerde(Topics.AUDIT_EVENTS).deserializer().deserialize(r.topic(), r.value());
        if (a.getSubtype().equals(WritebackStage.AUDIT_CREATE)) {
          writes.add(a);
        }
      });
    }
    return writes;
  }
}
