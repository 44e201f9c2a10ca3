package org.phigate.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.phigate.catalog.TopicSerdes;
import org.phigate.catalog.Topics;
import org.phigate.config.CommonConfig;
import org.phigate.config.ReviewConfig;
import org.phigate.embedded.LocalOidcIssuer;
import org.phigate.review.auth.DecisionMac;
import org.phigate.config.Settings;
import org.phigate.config.WritebackConfig;
import org.phigate.embedded.EmbeddedKafkaBroker;
import org.phigate.embedded.EmbeddedSchemaRegistry;
import org.phigate.embedded.FreePorts;
import org.phigate.registry.RestSchemaRegistryClient;
import org.phigate.runtime.OpsServer;
import org.phigate.runtime.PipelineRuntime;
import org.phigate.runtime.Role;
import org.phigate.runtime.TopicProvisioner;
import org.phigate.schema.ReviewItem;
import org.phigate.security.Keys;
import org.phigate.streams.ProducerFactory;

/**
 * `phigate demo`: the whole pipeline in one JVM against an embedded KRaft broker, schema registry and FHIR server;
 * publishes the samples, follows them through every stage, prints a summary and stops (or keeps serving).
 */
public final class DemoRunner {
  private final DemoOptions options;
  /** The review role's decision MAC key: fresh per run; --auto-approve signs with it as the reviewer API would. */
  private final String decisionMacKey = Keys.randomBase64();
  /** The demo's local OIDC issuer (reviewer tokens), up while the demo runs. */
  private LocalOidcIssuer issuer;
  private static final Duration REPORT_EVERY = Duration.ofSeconds(5);
  /** The JPA server boots while the other stages run; a cold start on a busy 2-core machine takes minutes. */
  private static final Duration EHR_START = Duration.ofMinutes(10);
  private final PrintStream out;
  /** The demo's own clients' connection (the admin over mTLS with --secure) and producers, set once the broker is up. */
  private java.util.Properties client;
  private ProducerFactory producers;

  public DemoRunner(DemoOptions options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  /**
   * Runs the demo; returns the summary (partial when Ctrl-C or SIGTERM stopped it early). Whatever ends it, the roles
   * are closed (the archiver seals its last segment), the summary is printed and the temporary directory is removed
   * unless {@link DemoOptions#keepDir()}.
   */
  public DemoSummary run() throws IOException, InterruptedException {
    List<SampleInput> inputs = options.inputDir() == null ? SampleInput.shipped()
        : SampleInput.fromDirectory(options.inputDir());
    Path work = Files.createTempDirectory("phigate-demo-");
    ownerOnly(work);
    try (DemoShutdown shutdown = DemoShutdown.install(Duration.ofSeconds(90))) {
      progress("working directory " + work + (options.keepDir() ? " (kept: --keep-dir)"
          : " (holds PHI and the audit signing key; removed at the end, --keep-dir keeps it)"));
      try {
        return runIn(work, inputs, shutdown);
      } finally {
        shutdown.stopping();
        cleanUp(work);
      }
    }
  }

  private DemoSummary runIn(Path work, List<SampleInput> inputs, DemoShutdown shutdown)
      throws IOException, InterruptedException {
    Path archiveDir = (options.auditArchiveDir() != null ? options.auditArchiveDir() : work.resolve("audit-archive"))
        .toAbsolutePath();
    Path publicKey = demoSigningKey(archiveDir, work);
    progress("starting the EHR (" + (options.inMemoryEhr() ? "in-process stand-in" : "HAPI FHIR JPA server in its "
        + "own JVM, starting in the background") + "), embedded Kafka (KRaft) and schema registry ...");
    try (DemoEhr ehr = DemoEhr.launch(options.inMemoryEhr(), work.resolve("ehr"), EHR_START.plus(options.timeout()));
         EmbeddedKafkaBroker broker = options.secure()
             ? EmbeddedKafkaBroker.startSecure(work.resolve("kafka"), DemoSecurity.principals())
             : EmbeddedKafkaBroker.start(work.resolve("kafka"));
         EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start();
         LocalOidcIssuer issuer = LocalOidcIssuer.start()) {
      this.issuer = issuer;
      progress("broker " + broker.bootstrapServers() + (options.secure() ? " (SASL_SSL, SCRAM-SHA-512; mTLS on "
          + broker.tlsBootstrapServers() + "; ACLs enforced; CA and credentials under " + work.resolve("kafka")
          .resolve("security") + ", owner-only)" : " (PLAINTEXT)") + ", registry " + registry.url() + ", EHR "
          + ehr.baseUrl() + " (" + ehr.kind() + ")");
      Map<String, String> settings = new java.util.HashMap<>(demoSettings(broker, registry, ehr, work, archiveDir));
      CommonConfig admin = new CommonConfig(Settings.of(settings));
      if (options.secure()) {
        settings.putAll(DemoSecurity.roleSettings(broker));
        Map<String, String> adminSettings = new java.util.HashMap<>(settings);
        adminSettings.putAll(DemoSecurity.adminSettings(broker));
        admin = new CommonConfig(Settings.of(adminSettings));
        client = DemoSecurity.adminClient(broker);
      } else {
        client = new java.util.Properties();
        client.put("bootstrap.servers", broker.bootstrapServers());
      }
      producers = ProducerFactory.of(admin);
      CommonConfig common = new CommonConfig(Settings.of(settings));
      TopicSerdes serdes = new TopicSerdes(new RestSchemaRegistryClient(registry.url()));
      TopicProvisioner.ensureTopics(admin);
      if (options.secure()) {
        progress("applied " + DemoSecurity.applyAcls(admin) + " ACLs of `acl plan` (one principal per role)");
      }
      progress("starting roles " + Role.ids() + " (exactly_once_v2) ...");
      PipelineRuntime runtime = PipelineRuntime.start(List.of(Role.values()), common, serdes, Clock.systemUTC());
      DemoSummary summary;
      try (PipelineObserver observer = new PipelineObserver(client, serdes).start()) {
        try {
          summary = runPipeline(inputs, runtime, observer, broker, registry, ehr, serdes, shutdown);
        } catch (InterruptedException | IOException | RuntimeException e) {
          // a signal's interrupt surfaces as whatever the demo waited on throws (also ClosedByInterruptException)
          if (!shutdown.signalled()) {
            throw e;
          }
          shutdown.stopping();
          progress("stopped by a signal before every stage finished: the summary shows how far each got");
          summary = DemoSummary.from(inputs, observer);
        }
      } finally {
        shutdown.stopping();
        progress("stopping roles (the archiver seals the last audit segment) ...");
        runtime.close();
      }
      summary.print(out, ehr.counts(), ehr.baseUrl(), archiveDir, runtime.archiver().archivedRecords());
      out.println("  transport            " + (options.secure() ? "secure: SASL_SSL (SCRAM-SHA-512) per role, mTLS for "
          + "the demo's clients, ACLs of `acl plan` enforced (StandardAuthorizer)" : "PLAINTEXT, no authentication "
          + "(--secure for TLS, per-role principals and ACLs)"));
      if (options.keepDir() || !archiveDir.startsWith(work)) {
        out.println("  audit public key     " + publicKey + "\n  verify with          ./phigate audit verify "
            + "--archive " + archiveDir + " --public-key " + publicKey + "\n  replay with          ./phigate audit "
            + "replay --archive " + archiveDir + " --event-id <id>");
      } else {
        out.println("  audit archive        inside the working directory, removed with it; --audit-archive DIR or "
            + "--keep-dir keeps it to verify and replay");
      }
      return summary;
    }
  }

  private DemoSummary runPipeline(List<SampleInput> inputs, PipelineRuntime runtime, PipelineObserver observer,
                                  EmbeddedKafkaBroker broker, EmbeddedSchemaRegistry registry, DemoEhr ehr,
                                  TopicSerdes serdes, DemoShutdown shutdown) throws IOException, InterruptedException {
    runtime.awaitRunning(Duration.ofSeconds(120));
    if (runtime.intakeListeners() != null) {
      progress("intake also listens for HL7 v2 over MLLP on 127.0.0.1:" + runtime.intakeListeners().mllp().port()
          + " and FHIR R4 REST at " + runtime.intakeListeners().rest().baseUrl());
    }
    publish(inputs);
    DemoSummary summary = follow(inputs, observer, serdes, ehr);
    if (options.dumpDir() != null) {
      Map<String, Integer> dumped = TopicDumper.dump(client, serdes, options.dumpDir());
      progress("dumped " + dumped.values().stream().mapToInt(Integer::intValue).sum() + " records of "
          + dumped.size() + " topics to " + options.dumpDir().toAbsolutePath());
    }
    if (options.serve()) {
      try (OpsServer ops = OpsServer.start("127.0.0.1", 0, runtime);
           DemoIssuerFile issuerFile = DemoIssuerFile.write(issuer)) {
        progress("health " + ops.url() + "/health, Prometheus metrics " + ops.url() + "/metrics");
        progress("reviewer API " + runtime.reviewEdge().server().baseUrl() + " (OpenAPI: deploy/openapi/"
            + "review-api.yaml); local OIDC issuer " + issuer.issuer() + "; a reviewer token valid 60 min "
            + "(more with `./phigate review token --role reviewer`):\n" + issuer.token("demo-nurse",
            java.util.List.of("reviewer"), Duration.ofMinutes(60)));
        String page = runtime.reviewEdge().server().baseUrl().replaceFirst("/api/v1$", "/");
        progress("review page " + page + " : sign in as demo-nurse (reviewer), demo-auditor or demo-admin, password "
            + issuer.demoPassword() + " (generated for this run)");
        serve(broker, registry, ehr, shutdown);
      }
    }
    return summary;
  }

  /** The temporary directory holds PHI and keys: nobody but the owner may list or open it. */
  private static void ownerOnly(Path dir) throws IOException {
    try {
      Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: the platform's temporary directory is per user there
    }
  }

  private void cleanUp(Path work) throws IOException {
    if (options.keepDir()) {
      progress("kept working directory " + work);
      return;
    }
    long left = WorkDirectory.delete(work);
    progress(left == 0 ? "removed working directory " + work
        : "could not remove " + left + " files under " + work + "; delete it by hand (it holds PHI)");
  }

  private Map<String, String> demoSettings(EmbeddedKafkaBroker broker, EmbeddedSchemaRegistry registry,
                                           DemoEhr ehr, Path work, Path archiveDir) {
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
        Map.entry(CommonConfig.EVENT_KEY.name(), Keys.randomBase64()),
        Map.entry(CommonConfig.VAULT_KEY.name(), Keys.randomBase64()),
        Map.entry(CommonConfig.HMAC_KEY.name(), Keys.randomBase64()),
        Map.entry(CommonConfig.REVIEW_KEY.name(), Keys.randomBase64()),
        Map.entry(ReviewConfig.MAC_KEY.name(), decisionMacKey),
        Map.entry("writeback.fhir.base.url", ehr.baseUrl()),
        Map.entry("archiver.dir", archiveDir.toString()),
        Map.entry("archiver.signing.key.file", work.resolve("audit-signing.key").toString()),
        Map.entry("archiver.segment.records", "100"),
        Map.entry("archiver.segment.max.age.ms", "2000"),
        // the integration engine's other two ways in: HL7 v2 over MLLP and FHIR REST, on loopback
        Map.entry("intake.mllp.bind.address", "127.0.0.1"),
        Map.entry("intake.mllp.port", Integer.toString(FreePorts.find())),
        Map.entry("intake.rest.bind.address", "127.0.0.1"),
        Map.entry("intake.rest.port", Integer.toString(FreePorts.find())),
        // the reviewer API on loopback, trusting the demo's local OIDC issuer
        Map.entry(ReviewConfig.API_BIND.name(), "127.0.0.1"),
        Map.entry(ReviewConfig.API_PORT.name(), Integer.toString(FreePorts.find())),
        Map.entry(ReviewConfig.ISSUER.name(), issuer.issuer()),
        Map.entry(ReviewConfig.JWKS_URL.name(), issuer.jwksUrl()));
  }

  /**
   * A fresh Ed25519 key per demo archive: the private key stays in the demo's temporary folder, the public key is
   * written next to the archive (DIR.pub), outside it, as an auditor would keep it. An archive is tied to the topic
   * offsets of the broker that filled it, so the demo refuses a folder that already holds one.
   */
  private static Path demoSigningKey(Path archiveDir, Path work) throws IOException {
    if (Files.isDirectory(archiveDir)) {
      try (var entries = Files.list(archiveDir)) {
        if (entries.findAny().isPresent()) {
          throw new IllegalArgumentException("--audit-archive " + archiveDir + " is not empty; an archive belongs to "
              + "one broker's audit topic, so give the demo an empty or new folder");
        }
      }
    }
    Path publicKey = archiveDir.resolveSibling(archiveDir.getFileName() + ".pub");
    org.phigate.audit.archive.SigningKeys.write(org.phigate.audit.archive.SigningKeys.generate(),
        work.resolve("audit-signing.key"), publicKey);
    return publicKey;
  }

  private void publish(List<SampleInput> inputs) {
    DemoClients.publish(producers, inputs);
    long hl7 = inputs.stream().filter(i -> i.format().equals("HL7 v2")).count();
    progress("published " + inputs.size() + " messages (" + hl7 + " HL7 v2, " + (inputs.size() - hl7)
        + " FHIR R4) to " + Topics.INTAKE_RAW.name());
  }

  private DemoSummary follow(List<SampleInput> inputs, PipelineObserver observer, TopicSerdes serdes,
                             DemoEhr ehr) throws InterruptedException {
    int n = inputs.size();
    await(observer, "intake",
        () -> observer.auditCount("intake.normalize") + observer.auditCount("intake.reject") >= n,
        () -> (observer.auditCount("intake.normalize") + observer.auditCount("intake.reject")) + "/" + n);
    await(observer, "de-identification",
        () -> observer.auditCount("deid.redact") >= observer.auditCount("intake.normalize"),
        () -> observer.auditCount("deid.redact") + "/" + observer.auditCount("intake.normalize"));
    await(observer, "inference",
        () -> observer.auditCount("inference.run") >= observer.auditCount("deid.redact"),
        () -> observer.auditCount("inference.run") + "/" + observer.auditCount("deid.redact"));
    // an audit step and its records are one transaction on different topics, so the observer can have read one
    // before the other: read to the committed end before counting results (all written by now) and pending items
    catchUp(observer, "inference");
    await(observer, "review hold",
        () -> observer.auditCount("review.hold") >= observer.count(Topics.AI_RESULTS),
        () -> observer.auditCount("review.hold") + "/" + observer.count(Topics.AI_RESULTS));
    catchUp(observer, "review hold");
    progress("waiting for the EHR at " + ehr.baseUrl() + " ...");
    ehr.awaitReady();
    progress("registered " + DemoCharts.register(ehr.fhir(), WritebackConfig.PATIENT_SYSTEM.defaultValue(), inputs)
        + " patient charts (by MRN) on the EHR for write-back to match");
    if (options.autoApprove()) {
      List<ReviewItem> pending = observer.pendingItems();
      approveAll(serdes, pending);
      // two inputs with the same source message id are one event, held once under one review id
      long reviews = pending.stream().map(ReviewItem::getReviewId).distinct().count();
      await(observer, "EHR write-back", () -> observer.auditCount("writeback.create") >= reviews,
          () -> observer.auditCount("writeback.create") + "/" + reviews);
    } else {
      progress(observer.pendingItems().size() + " AI results are held for review; nothing is written to the EHR "
          + "without a decision (run with --auto-approve to approve them all as a demo reviewer)");
    }
    return DemoSummary.from(inputs, observer);
  }

  private void approveAll(TopicSerdes serdes, List<ReviewItem> pending) {
    int approved = DemoClients.approveAll(producers, serdes, pending, "demo-reviewer", "auto-approve (demo only)",
        new DecisionMac(java.util.Base64.getDecoder().decode(decisionMacKey)));
    progress("--auto-approve: approved " + approved + " held AI results as demo-reviewer");
  }

  private void catchUp(PipelineObserver observer, String stage) throws InterruptedException {
    if (!observer.awaitCaughtUp(options.timeout())) {
      throw new IllegalStateException(stage + ": the demo's observer did not read the topics to their end within "
          + options.timeout().toSeconds() + " s; see the log file for the broker, or raise --timeout");
    }
  }

  private void await(PipelineObserver observer, String stage, BooleanSupplier done,
                     java.util.function.Supplier<String> status) throws InterruptedException {
    long deadline = System.nanoTime() + options.timeout().toNanos();
    // woken by every record the observer sees; reports progress every 5 s while waiting
    while (!observer.await(done, Duration.ofNanos(Math.min(REPORT_EVERY.toNanos(), deadline - System.nanoTime())))) {
      if (System.nanoTime() >= deadline) {
        throw new IllegalStateException(stage + " did not finish within " + options.timeout().toSeconds()
            + " s (" + status.get() + "); see the log file for the failing role, or raise --timeout");
      }
      progress(stage + " " + status.get());
    }
    progress(stage + " done " + status.get());
  }

  private void serve(EmbeddedKafkaBroker broker, EmbeddedSchemaRegistry registry, DemoEhr ehr,
                     DemoShutdown shutdown) throws InterruptedException {
    progress("--serve: still running. Kafka " + broker.bootstrapServers() + ", registry " + registry.url()
        + ", EHR " + ehr.baseUrl() + ". Press Ctrl-C (or send SIGTERM) to stop.");
    shutdown.awaitSignal();
    progress("signal received: stopping");
  }

  private void progress(String message) {
    out.println("[demo] " + message);
    out.flush();
  }
}
