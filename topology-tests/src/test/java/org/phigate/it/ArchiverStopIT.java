package org.phigate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phigate.audit.AuditArchiver;
import org.phigate.audit.AuditEvents;
import org.phigate.audit.archive.LocalArchiveStore;
import org.phigate.audit.archive.SigningKeys;
import org.phigate.audit.auditor.ArchiveVerifier;
import org.phigate.audit.auditor.AuditSources;
import org.phigate.audit.auditor.VerifyReport;
import org.phigate.catalog.TopicSerdes;
import org.phigate.catalog.Topics;
import org.phigate.config.ArchiverConfig;
import org.phigate.config.CommonConfig;
import org.phigate.config.Settings;
import org.phigate.embedded.EmbeddedKafkaBroker;
import org.phigate.it.support.SharedServices;
import org.phigate.registry.RestSchemaRegistryClient;
import org.phigate.runtime.TopicProvisioner;
import org.phigate.schema.AuditAction;
import org.phigate.schema.AuditEvent;
import org.phigate.streams.ProducerFactory;

/**
 * A graceful stop right after the last stage committed its audit events (what `demo --serve` does on SIGTERM): the
 * archiver reads to the topic's committed end and seals all of it, however many segments that takes, instead of
 * leaving the last decisions and write-backs to a next start that a demo never has.
 */
class ArchiverStopIT {
  @Test
  void shouldSealEveryCommittedAuditRecordWhenStoppedWhileStillReading(@TempDir Path dir) throws Exception {
    // a broker of its own: the audit records written here must not reach the shared broker's audit topic, whose
    // per-step counts PipelineIT reads (600 writeback.create records from here failed it)
    try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start()) {
      sealEverything(dir, kafka);
    }
  }

  private static void sealEverything(Path dir, EmbeddedKafkaBroker kafka) throws Exception {
    var key = SigningKeys.generate();
    SigningKeys.write(key, dir.resolve("signing.key"), dir.resolve("signing.pub"));
    String registry = SharedServices.apicurio().ccompatUrl();
    CommonConfig common = new CommonConfig(Settings.of(Map.ofEntries(
        Map.entry("kafka.bootstrap.servers", kafka.bootstrapServers()),
        Map.entry("schema.registry.url", registry),
        Map.entry("phigate.tenant", "stop-it"),
        Map.entry("topics.partitions", "2"),
        Map.entry("topics.replication.factor", "1"),
        Map.entry("archiver.group.id", "stop-it-" + UUID.randomUUID()),
        Map.entry("archiver.dir", dir.resolve("archive").toString()),
        Map.entry("archiver.signing.key.file", dir.resolve("signing.key").toString()),
        Map.entry("archiver.segment.records", "50"),
        Map.entry("archiver.segment.max.age.ms", "600000"),
        Map.entry("kafka.max.poll.records", "20")))); // small polls: the archiver is still reading when it is stopped
    TopicProvisioner.ensureTopics(common);
    TopicSerdes serdes = new TopicSerdes(new RestSchemaRegistryClient(registry));
    // the stages wrote their last audit events while the archiver was behind (the demo's SIGTERM case)
    Set<String> written = produce(common.bootstrapServers(), serdes, 12, 50);
    AuditArchiver archiver = new AuditArchiver(new ArchiverConfig(common), serdes);
    Thread thread = new Thread(archiver, "stop-it-archiver");
    thread.start();
    await().atMost(Duration.ofMinutes(1)).until(() -> archiver.archivedRecords() >= 50);
    archiver.stop(); // mid-way: part read and not sealed, part not read yet
    thread.join(60_000);
    assertThat(thread.isAlive()).as("archiver still running a minute after stop()").isFalse();
    assertThat(archiver.failure()).isNull();

    Set<String> onTopic = AuditSources.fromTopic(common, serdes).stream().map(AuditEvent::getAuditId)
        .collect(Collectors.toSet());
    VerifyReport report = new ArchiveVerifier(new LocalArchiveStore(dir.resolve("archive")), key.getPublic())
        .verify(null);
    assertThat(report.problem()).isNull();
    List<String> archived = report.recordsInOrder().stream().map(AuditEvent::getAuditId).toList();
    assertThat(archived).doesNotHaveDuplicates();
    assertThat(Set.copyOf(archived)).containsAll(written);
    assertThat(onTopic).containsAll(archived);
    System.out.printf("[ArchiverStopIT] stopped after %d writes: %d records (the topic's %d) sealed in %d "
        + "segments%n", written.size(), report.records(), onTopic.size(), report.segments());
  }

  private static Set<String> produce(String bootstrap, TopicSerdes serdes, int transactions, int perTransaction) {
    AuditEvents audit = new AuditEvents("writeback", "service:stop-it", "stop-it/writeback", Clock.systemUTC());
    Set<String> ids = new HashSet<>();
    try (KafkaProducer<String, AuditEvent> producer = ProducerFactory.of(bootstrap)
        .transactional("stop-it-" + UUID.randomUUID())
        .create(new StringSerializer(), serdes.valueSerde(Topics.AUDIT_EVENTS).serializer())) {
      producer.initTransactions();
      for (int t = 0; t < transactions; t++) {
        producer.beginTransaction();
        for (int i = 0; i < perTransaction; i++) {
          String ev = "ev-stop-" + t + "-" + i;
          AuditEvent event = audit.event("writeback.create", AuditAction.C, ev).patientToken("PT-" + (i % 5))
              .build();
          ids.add(event.getAuditId());
          producer.send(new ProducerRecord<>(Topics.AUDIT_EVENTS.name(), ev, event));
        }
        producer.commitTransaction();
      }
    }
    return ids;
  }
}
