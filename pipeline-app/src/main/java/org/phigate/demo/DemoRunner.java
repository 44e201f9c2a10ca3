package org.phigate.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.phigate.catalog.TopicSerdes;
import org.phigate.catalog.Topics;
import org.phigate.config.CommonConfig;
import org.phigate.config.Settings;
import org.phigate.embedded.EmbeddedFhirServer;
import org.phigate.embedded.EmbeddedKafkaBroker;
import org.phigate.embedded.EmbeddedSchemaRegistry;
import org.phigate.registry.RestSchemaRegistryClient;
import org.phigate.runtime.PipelineRuntime;
import org.phigate.runtime.Role;
import org.phigate.runtime.TopicProvisioner;
import org.phigate.schema.DecisionType;
import org.phigate.schema.ReviewDecision;
import org.phigate.schema.ReviewItem;

/**
 * `phigate demo`: the whole pipeline in one JVM against an embedded KRaft broker, schema registry and FHIR server;
 * publishes the samples, follows them through every stage, prints a summary and stops (or keeps serving).
 */
public final class DemoRunner {
  private final DemoOptions options;
  private final PrintStream out;

  public DemoRunner(DemoOptions options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  /** Runs the demo; returns the summary. */
  public DemoSummary run() throws IOException, InterruptedException {
    List<SampleInput> inputs = options.inputDir() == null ? SampleInput.shipped()
        : SampleInput.fromDirectory(options.inputDir());
    Path work = Files.createTempDirectory("phigate-demo-");
    Path archiveDir = options.auditArchiveDir() != null ? options.auditArchiveDir() : work.resolve("audit-archive");
    progress("starting embedded Kafka (KRaft), schema registry and FHIR server ...");
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(work.resolve("kafka"));
         EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start();
         EmbeddedFhirServer ehr = EmbeddedFhirServer.start()) {
      progress("broker " + broker.bootstrapServers() + ", registry " + registry.url() + ", EHR " + ehr.baseUrl());
      CommonConfig common = new CommonConfig(Settings.of(demoSettings(broker, registry, ehr, work, archiveDir)));
      TopicSerdes serdes = new TopicSerdes(new RestSchemaRegistryClient(registry.url()));
      TopicProvisioner.ensureTopics(common);
      progress("starting roles " + Role.ids() + " (exactly_once_v2) ...");
      PipelineRuntime runtime = PipelineRuntime.start(List.of(Role.values()), common, serdes, Clock.systemUTC());
      DemoSummary summary;
      try (PipelineObserver observer = new PipelineObserver(broker.bootstrapServers(), serdes).start()) {
        runtime.awaitRunning(Duration.ofSeconds(120));
        publish(broker.bootstrapServers(), inputs);
        summary = follow(inputs, observer, broker.bootstrapServers(), serdes);
        if (options.dumpDir() != null) {
          Map<String, Integer> dumped = TopicDumper.dump(broker.bootstrapServers(), serdes, options.dumpDir());
          progress("dumped " + dumped.values().stream().mapToInt(Integer::intValue).sum() + " records of "
              + dumped.size() + " topics to " + options.dumpDir().toAbsolutePath());
        }
        if (options.serve()) {
          serve(broker, registry, ehr);
        }
      } finally {
        progress("stopping roles (the archiver seals the last audit segment) ...");
        runtime.close();
      }
      summary.print(out, ehr.resourceCount("Task"), archiveDir, runtime.archiver().archivedRecords());
      return summary;
    }
  }

  private Map<String, String> demoSettings(EmbeddedKafkaBroker broker, EmbeddedSchemaRegistry registry,
                                           EmbeddedFhirServer ehr, Path work, Path archiveDir) {
    return Map.ofEntries(
        Map.entry(CommonConfig.BOOTSTRAP.name(), broker.bootstrapServers()),
        Map.entry(CommonConfig.REGISTRY_URL.name(), registry.url()),
        Map.entry(CommonConfig.TENANT.name(), "demo"),
        Map.entry(CommonConfig.INSTANCE_ID.name(), "phigate-demo"),
        Map.entry(CommonConfig.STATE_DIR.name(), work.resolve("state").toString()),
        Map.entry(CommonConfig.REPLICATION.name(), "1"),
        Map.entry(CommonConfig.TOPIC_REPLICATION.name(), "1"),
        Map.entry(CommonConfig.TOPIC_PARTITIONS.name(), "2"),
        // demo keys are fresh random keys per run, never written anywhere
        Map.entry(CommonConfig.EVENT_KEY.name(), randomKey()),
        Map.entry(CommonConfig.VAULT_KEY.name(), randomKey()),
        Map.entry(CommonConfig.HMAC_KEY.name(), randomKey()),
        Map.entry("writeback.fhir.base.url", ehr.baseUrl()),
        Map.entry("archiver.dir", archiveDir.toString()),
        Map.entry("archiver.segment.max.age.ms", "2000"));
  }

  private void publish(String bootstrap, List<SampleInput> inputs) throws InterruptedException {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024);
    CountDownLatch acked = new CountDownLatch(inputs.size());
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
        new org.apache.kafka.common.serialization.ByteArraySerializer())) {
      for (SampleInput input : inputs) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.INTAKE_RAW.name(), input.name(),
            input.payload());
        record.headers().add(Topics.CONTENT_TYPE_HEADER, input.contentType().getBytes());
        producer.send(record, (metadata, e) -> acked.countDown());
      }
      producer.flush();
    }
    acked.await();
    long hl7 = inputs.stream().filter(i -> i.format().equals("HL7 v2")).count();
    progress("published " + inputs.size() + " messages (" + hl7 + " HL7 v2, " + (inputs.size() - hl7)
        + " FHIR R4) to " + Topics.INTAKE_RAW.name());
  }

  private DemoSummary follow(List<SampleInput> inputs, PipelineObserver observer, String bootstrap,
                             TopicSerdes serdes) throws InterruptedException {
    int n = inputs.size();
    await("intake", () -> observer.auditCount("intake.normalize") + observer.auditCount("intake.reject") >= n,
        () -> (observer.auditCount("intake.normalize") + observer.auditCount("intake.reject")) + "/" + n);
    await("de-identification", () -> observer.auditCount("deid.redact") >= observer.auditCount("intake.normalize"),
        () -> observer.auditCount("deid.redact") + "/" + observer.auditCount("intake.normalize"));
    await("inference", () -> observer.auditCount("inference.run") >= observer.auditCount("deid.redact"),
        () -> observer.auditCount("inference.run") + "/" + observer.auditCount("deid.redact"));
    await("review hold", () -> observer.auditCount("review.hold") >= observer.count(Topics.AI_RESULTS),
        () -> observer.auditCount("review.hold") + "/" + observer.count(Topics.AI_RESULTS));
    if (options.autoApprove()) {
      List<ReviewItem> pending = observer.pendingItems();
      approveAll(bootstrap, serdes, pending);
      // two inputs with the same source message id are one event, held once under one review id
      long reviews = pending.stream().map(ReviewItem::getReviewId).distinct().count();
      await("EHR write-back", () -> observer.auditCount("writeback.create") >= reviews,
          () -> observer.auditCount("writeback.create") + "/" + reviews);
    } else {
      progress(observer.pendingItems().size() + " AI results are held for review; nothing is written to the EHR "
          + "without a decision (run with --auto-approve to approve them all as a demo reviewer)");
    }
    return DemoSummary.from(inputs, observer);
  }

  private void approveAll(String bootstrap, TopicSerdes serdes, List<ReviewItem> pending) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    Set<String> seen = new HashSet<>();
    try (KafkaProducer<String, ReviewDecision> producer = new KafkaProducer<>(props, new StringSerializer(),
        serdes.valueSerde(Topics.REVIEW_DECISIONS).serializer())) {
      for (ReviewItem item : pending) {
        if (seen.add(item.getReviewId())) {
          producer.send(new ProducerRecord<>(Topics.REVIEW_DECISIONS.name(), item.getReviewId(),
              ReviewDecision.newBuilder().setReviewId(item.getReviewId()).setDecision(DecisionType.APPROVE)
                  .setReviewer("demo-reviewer").setReviewerRole("auto-approve (demo only)")
                  .setDecidedAt(java.time.Instant.now()).build()));
        }
      }
      producer.flush();
    }
    progress("--auto-approve: approved " + seen.size() + " held AI results as demo-reviewer");
  }

  private void await(String stage, BooleanSupplier done, java.util.function.Supplier<String> status)
      throws InterruptedException {
    long deadline = System.nanoTime() + options.timeout().toNanos();
    long nextReport = System.nanoTime();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(stage + " did not finish within " + options.timeout().toSeconds()
            + " s (" + status.get() + "); see the log file for the failing role, or raise --timeout");
      }
      if (System.nanoTime() >= nextReport) {
        progress(stage + " " + status.get());
        nextReport = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      }
      Thread.sleep(100);
    }
    progress(stage + " done " + status.get());
  }

  private void serve(EmbeddedKafkaBroker broker, EmbeddedSchemaRegistry registry, EmbeddedFhirServer ehr)
      throws InterruptedException {
    progress("--serve: still running. Kafka " + broker.bootstrapServers() + ", registry " + registry.url()
        + ", EHR " + ehr.baseUrl() + ". Press Ctrl-C to stop.");
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
    stop.await();
  }

  private void progress(String message) {
    out.println("[demo] " + message);
    out.flush();
  }

  private static String randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }
}
