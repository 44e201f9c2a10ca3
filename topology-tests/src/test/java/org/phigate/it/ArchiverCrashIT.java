package org.phigate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phigate.audit.AuditEvents;
import org.phigate.audit.archive.ArchiveLayout;
import org.phigate.audit.archive.LocalArchiveStore;
import org.phigate.audit.archive.SigningKeys;
import org.phigate.audit.auditor.ArchiveVerifier;
import org.phigate.audit.auditor.AuditSources;
import org.phigate.audit.auditor.VerifyReport;
import org.phigate.catalog.TopicSerdes;
import org.phigate.catalog.Topics;
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
 * kill -9 of the archiver (`phigate run --role audit-archiver` in its own JVM) while transactional producers keep
 * writing audit events, twice, then a restart: `audit verify` passes and the archive holds every committed audit
 * record of the topic exactly once.
 */
class ArchiverCrashIT {
  private static final int TRANSACTIONS = 40;
  private static final int PER_TRANSACTION = 50;

  @Test
  void shouldArchiveEveryRecordExactlyOnceAcrossKillMinus9(@TempDir Path dir) throws Exception {
    // a broker of its own: 2,000 deid.redact audit records must not reach the shared broker, whose per-step audit
    // counts PipelineIT compares
    try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start()) {
      archiveAcrossKills(dir, kafka);
    }
  }

  private static void archiveAcrossKills(Path dir, EmbeddedKafkaBroker kafka) throws Exception {
    String registry = SharedServices.apicurio().ccompatUrl();
    Path archive = dir.resolve("archive");
    var key = SigningKeys.generate();
    SigningKeys.write(key, dir.resolve("signing.key"), dir.resolve("signing.pub"));
    Path config = dir.resolve("archiver.properties");
    Files.writeString(config, String.join("\n",
        "kafka.bootstrap.servers=" + kafka.bootstrapServers(),
        "schema.registry.url=" + registry,
        "phigate.tenant=crash-it",
        "topics.partitions=2",
        "topics.replication.factor=1",
        "archiver.group.id=crash-it-" + UUID.randomUUID(),
        "archiver.dir=" + archive,
        "archiver.signing.key.file=" + dir.resolve("signing.key"),
        "archiver.segment.records=60",
        "archiver.segment.max.age.ms=300", ""));
    CommonConfig common = new CommonConfig(Settings.load(config, java.util.Map.of()));
    TopicProvisioner.ensureTopics(common);
    TopicSerdes serdes = new TopicSerdes(new RestSchemaRegistryClient(registry));
    LocalArchiveStore store = new LocalArchiveStore(archive);

    CompletableFuture<Void> producing = CompletableFuture.runAsync(() -> produce(kafka.bootstrapServers(), serdes));
    Process archiver = startArchiver(config, dir.resolve("archiver-1.log"));
    for (int kill = 1; kill <= 2; kill++) {
      int target = checkpoints(store) + 3;
      await().atMost(Duration.ofMinutes(2)).until(() -> checkpoints(store) >= target);
      archiver.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no final segment
      archiver = startArchiver(config, dir.resolve("archiver-" + (kill + 1) + ".log"));
    }
    producing.get(2, java.util.concurrent.TimeUnit.MINUTES);
    Set<String> onTopic = AuditSources.fromTopic(common, serdes).stream().map(AuditEvent::getAuditId)
        .collect(Collectors.toSet());
    assertThat(onTopic).hasSizeGreaterThanOrEqualTo(TRANSACTIONS * PER_TRANSACTION);
    ArchiveVerifier verifier = new ArchiveVerifier(store, key.getPublic());
    try {
      await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
          .until(() -> verifier.verify(null).records() >= onTopic.size());
    } finally {
      archiver.destroy();
      archiver.waitFor();
    }
    VerifyReport report = verifier.verify(null);
    assertThat(report.problem()).isNull();
    List<String> archived = report.recordsInOrder().stream().map(AuditEvent::getAuditId).toList();
    assertThat(archived).doesNotHaveDuplicates();
    assertThat(Set.copyOf(archived)).isEqualTo(onTopic);
    // the same replay straight from the topic, for records not yet archived
    String replay = DemoAuditChecks.cli("audit", "replay", "--from-topic", "--config", config.toString(),
        "--event-id", "ev-crash-3-7", "--json");
    assertThat(replay).startsWith("exit 0").contains("\"eventId\" : \"ev-crash-3-7\"").contains("deid.redact");
    System.out.printf("[ArchiverCrashIT] %d records in %d segments, verified in %d ms%n", report.records(),
        report.segments(), report.millis());
  }

  private static Process startArchiver(Path config, Path log) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(java, "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
        System.getProperty("java.class.path"), "org.phigate.cli.PhigateCli", "run", "--role", "audit-archiver",
        "--config", config.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  private static int checkpoints(LocalArchiveStore store) throws Exception {
    return store.list(ArchiveLayout.CHECKPOINTS).size();
  }

  private static void produce(String bootstrap, TopicSerdes serdes) {
    AuditEvents audit = new AuditEvents("deid", "service:crash-it", "crash-it/deid", Clock.systemUTC());
    try (KafkaProducer<String, AuditEvent> producer = ProducerFactory.of(bootstrap)
        .transactional("crash-it-" + UUID.randomUUID())
        .create(new StringSerializer(), serdes.valueSerde(Topics.AUDIT_EVENTS).serializer())) {
      producer.initTransactions();
      for (int t = 0; t < TRANSACTIONS; t++) {
        producer.beginTransaction();
        for (int i = 0; i < PER_TRANSACTION; i++) {
          String ev = "ev-crash-" + t + "-" + i;
          producer.send(new ProducerRecord<>(Topics.AUDIT_EVENTS.name(), ev, audit.event("deid.redact",
              AuditAction.C, ev).patientToken("PT-" + (i % 7)).detail("phi.NAME", i % 3).build()));
        }
        producer.commitTransaction();
        // pace the producer so the kills land while records keep arriving (a bounded wait on a future, no sleep)
        CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(100,
            java.util.concurrent.TimeUnit.MILLISECONDS)).join();
      }
    }
  }
}
