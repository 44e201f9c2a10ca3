package org.phigate.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.phigate.catalog.TopicSerdes;
import org.phigate.catalog.Topics;
import org.phigate.config.CommonConfig;
import org.phigate.config.InferenceConfig;
import org.phigate.config.Settings;
import org.phigate.config.WritebackConfig;
import org.phigate.demo.WorkDirectory;
import org.phigate.embedded.EmbeddedFhirServer;
import org.phigate.embedded.EmbeddedKafkaBroker;
import org.phigate.embedded.EmbeddedSchemaRegistry;
import org.phigate.embedded.FhirEhr;
import org.phigate.embedded.FreePorts;
import org.phigate.embedded.JpaFhirServerProcess;
import org.phigate.inference.embedded.MiniLmEmbedder;
import org.phigate.inference.embedded.ModelText;
import org.phigate.registry.RestSchemaRegistryClient;
import org.phigate.runtime.Role;
import org.phigate.runtime.RoleTopologies;
import org.phigate.runtime.TopicProvisioner;
import org.phigate.schema.DecisionType;
import org.phigate.schema.ReviewDecision;
import org.phigate.schema.WritebackOutcome;
import org.phigate.security.Keys;
import org.phigate.streams.ProducerFactory;
import org.phigate.streams.StreamsProperties;

/**
 * `phigate bench` (end to end): on the embedded KRaft broker, schema registry and FHIR server, drives the same
 * message mix first through an identity pipeline (same hops, exactly-once v2, every stage a pass-through), then
 * through the real roles (intake, deid, inference, review, and write-back with --auto-approve), then through the
 * real roles again at a fixed offered rate for latency; prints and writes throughput, latency per hop, the
 * pipeline/identity ratio and CPU per role.
 */
final class EndToEndBenchmark {
  /** The bench's options. */
  record Options(int messages, String mix, double largeShare, int largeBytes, int partitions, RoleThreads threads,
                 ModelChoice model, boolean modelRate, boolean autoApprove, double rate, Path json, Path plot,
                 Duration timeout, long seed, int patients, boolean jpaEhr, int warmUp) {}

  /** Which model the inference role runs: the constant-time stand-in, the embedded model, or both in turn. */
  enum ModelChoice {
    CONSTANT, EMBEDDED, BOTH;

    boolean constant() {
      return this != EMBEDDED;
    }

    boolean embedded() {
      return this != CONSTANT;
    }
  }

  /** The resource types write-back creates, counted in the EHR at the end. */
  static final List<String> EHR_TYPES = List.of("Task", "Communication", "DocumentReference", "Provenance");

  static final String PHASE_IDENTITY = "identity";
  static final String PIPELINE_CONSTANT = "pipeline-constant-model";
  static final String PIPELINE_EMBEDDED = "pipeline-embedded-model";
  static final String PIPELINE_AT_RATE = "pipeline-at-rate";
  private static final List<String> PIPELINE_HOPS = List.of(Topics.INTAKE_RAW.name(),
      Topics.EVENTS_NORMALIZED.name(), Topics.PHI_DETECTED.name(), Topics.EVENTS_DEIDENTIFIED.name(),
      Topics.AI_RESULTS.name(), Topics.REVIEW_PENDING.name());
  private final Options options;
  /** The review role's key for reviewers' decisions: fresh per run, signs the bench's auto-approvals. */
  private final String decisionMacKey = Keys.randomBase64();
  private final PrintStream out;
  private long warmUpWritten;

  EndToEndBenchmark(Options options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  void run() throws Exception {
    MessageMix mix = new MessageMix(MessageMix.parseWeights(options.mix()), options.largeShare(),
        options.largeBytes(), options.seed(), options.patients());
    List<MessageMix.Message> messages = mix.generate("b1", options.messages());
    Map<String, Object> header = header(messages);
    Path work = Files.createTempDirectory("phigate-bench-e2e-");
    List<Phase> phases = new ArrayList<>();
    Map<String, Object> summary = new LinkedHashMap<>();
    double[] modelRate = null;
    try (FhirEhr ehr = startEhr(work);
         EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(work.resolve("kafka"));
         EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start()) {
      CommonConfig common = new CommonConfig(Settings.of(settings(broker, registry, ehr, work)));
      TopicSerdes serdes = new TopicSerdes(new RestSchemaRegistryClient(registry.url()));
      TopicProvisioner.ensureTopics(common);
      if (options.modelRate() && options.model().embedded()) {
        modelRate = modelBatchRate(mix.noteTexts());
      }
      progress("identity pipeline: " + IdentityPipeline.DESCRIPTION);
      try (IdentityPipeline identity = IdentityPipeline.start(common, serdes, options.threads())) {
        awaitRunning(identity::running);
        if (options.warmUp() > 0) {
          identityPhase("identity-warm-up", broker.bootstrapServers(), serdes, mix.generate("wi", options.warmUp()));
        }
        phases.add(identityPhase(PHASE_IDENTITY, broker.bootstrapServers(), serdes, messages));
      }
      if (options.autoApprove()) {
        if (ehr instanceof JpaFhirServerProcess jpa) {
          progress("waiting for the HAPI FHIR JPA server at " + ehr.baseUrl() + " ...");
          jpa.awaitReady();
          header.put("ehr", String.format(Locale.ROOT, "HAPI FHIR JPA server (own JVM, H2 on disk), ready in %.1f s",
              jpa.startMillis() / 1000.0));
        }
        progress("registered " + registerCharts(ehr) + " patient charts in the EHR (write-back "
            + "matches by MRN)");
      }
      Roles roles = new Roles(common, serdes);
      try {
        boolean constantFirst = options.model().constant();
        roles.start(constantFirst);
        if (options.warmUp() > 0) {
          // JIT, the FHIR context, the detectors' dictionaries and models load on first use: not what is measured
          progress("warm-up: " + options.warmUp() + " messages through the roles, not measured");
          warmUpWritten = pipelinePhase("warm-up", broker.bootstrapServers(), serdes,
              mix.generate("wp", options.warmUp()), 0).written();
        }
        Phase last = null;
        if (constantFirst) {
          progress("PHIGate roles with the constant-time model stand-in");
          last = pipelinePhase(PIPELINE_CONSTANT, broker.bootstrapServers(), serdes, messages, 0);
          phases.add(last);
        }
        if (options.model().embedded()) {
          if (constantFirst) {
            // the other roles keep running; the inference role restarts on the same application id and offsets
            roles.swapInference(false);
          }
          progress("PHIGate roles with the embedded model");
          last = pipelinePhase(PIPELINE_EMBEDDED, broker.bootstrapServers(), serdes,
              mix.generate("b2", options.messages()), 0);
          phases.add(last);
        }
        double rate = options.rate() > 0 ? options.rate() : Math.max(1, Math.floor(last.throughput() * 0.5));
        // about a minute of paced traffic (at least 50 messages, at most --messages): enough for a p99, short
        // enough to repeat
        List<MessageMix.Message> paced = mix.generate("b3", (int) Math.min(options.messages(), Math.max(50,
            rate * 60)));
        progress("latency at a fixed offered rate of " + fmt(rate) + " msg/s ("
            + (options.model().embedded() ? "embedded model" : "constant-time model") + ")");
        phases.add(pipelinePhase(PIPELINE_AT_RATE, broker.bootstrapServers(), serdes, paced, rate));
      } finally {
        roles.close();
      }
      if (options.autoApprove()) {
        Map<String, Long> resources = new LinkedHashMap<>();
        EHR_TYPES.forEach(type -> resources.put(type, ehr.resourceCount(type)));
        summary.put("ehrResources", resources);
      }
    } finally {
      WorkDirectory.delete(work);
    }
    BenchReport.print(out, header, phases);
    closingNote(phases, modelRate, summary);
    if (options.json() != null) {
      BenchReport.writeJson(options.json(), header, phases, summary);
      out.println("JSON  " + options.json().toAbsolutePath());
    }
    if (options.plot() != null) {
      BenchReport.plot(options.plot(), phases);
      out.println("plot  " + options.plot().toAbsolutePath());
    }
  }

  /** The figures the issue asks for, each with what it measured and the load average while it ran. */
  private void closingNote(List<Phase> phases, double[] modelRate, Map<String, Object> summary) {
    Map<String, Phase> byName = new LinkedHashMap<>();
    phases.forEach(p -> byName.put(p.name(), p));
    Phase identity = byName.get(PHASE_IDENTITY);
    Phase constant = byName.get(PIPELINE_CONSTANT);
    Phase embedded = byName.get(PIPELINE_EMBEDDED);
    Phase paced = byName.get(PIPELINE_AT_RATE);
    out.printf(Locale.ROOT, "%n== closing note (%d partitions per topic, stream threads per role %s, %d cores)%n",
        options.partitions(), options.threads().describe(), Runtime.getRuntime().availableProcessors());
    out.printf(Locale.ROOT, "identity pipeline: %s%n", IdentityPipeline.DESCRIPTION);
    out.printf(Locale.ROOT, "- identity: %.1f msg/s intake.raw -> review.pending, %.1f CPU-ms per message (whole JVM: "
        + "stages, broker, bench clients); load %s%n", identity.throughput(), identity.cpuMsPerMessageToReview(),
        identity.load());
    summary.put("identityThroughputPerSecond", identity.throughput());
    summary.put("identityCpuMsPerMessage", identity.cpuMsPerMessageToReview());
    if (constant != null) {
      double wall = constant.throughput() / identity.throughput();
      double cpu = identity.cpuMsPerMessageToReview() / constant.cpuMsPerMessageToReview();
      out.printf(Locale.ROOT, "- pipeline with the constant-time model stand-in: %.1f msg/s (every message through "
          + "intake and deid; those with an AI workflow on to review.pending), %.1f CPU-ms per message up to review "
          + "(%.1f with write-back and the EHR stand-in); load %s%n", constant.throughput(),
          constant.cpuMsPerMessageToReview(), constant.cpuMsPerMessage(), constant.load());
      out.printf(Locale.ROOT, "- pipeline/identity ratio (constant-time model; target >= 0.7): %.2f by throughput, "
          + "%.2f by CPU per message up to review.pending (identity CPU-ms / pipeline CPU-ms, whole JVM but write-back "
          + "and the HTTP servers: what the pipeline's own work costs, less sensitive to other load on the "
          + "machine)%n", wall, cpu);
      summary.put("constantModelThroughputPerSecond", constant.throughput());
      summary.put("constantModelCpuMsPerMessage", constant.cpuMsPerMessageToReview());
      summary.put("pipelineOverIdentity", wall);
      summary.put("pipelineOverIdentityByCpu", cpu);
    }
    if (embedded != null) {
      out.printf(Locale.ROOT, "- pipeline with the embedded model: %.1f msg/s, %.1f AI results/s, %.1f CPU-ms per "
          + "message up to review (%.1f with write-back and the EHR stand-in); load %s%n", embedded.throughput(),
          embedded.aiResults() / embedded.seconds(), embedded.cpuMsPerMessageToReview(), embedded.cpuMsPerMessage(),
          embedded.load());
      summary.put("embeddedModelThroughputPerSecond", embedded.throughput());
      summary.put("embeddedModelAiResultsPerSecond", embedded.aiResults() / embedded.seconds());
      if (modelRate != null) {
        out.printf(Locale.ROOT, "- the embedded model alone (MiniLM embeddings in batches of 32 on this run's notes, "
            + "no pipeline): %.0f embeddings/s, %.0f per CPU-second; load %s%n", modelRate[0], modelRate[1],
            fmt(modelRate[2]));
        summary.put("embeddedModelEmbeddingsPerSecond", modelRate[0]);
        summary.put("embeddedModelEmbeddingsPerCpuSecond", modelRate[1]);
      }
    }
    out.printf(Locale.ROOT, "- latency at %s msg/s offered (%d messages, %s): intake.raw -> review.pending p50 %.0f "
        + "ms, p99 %.0f ms%s; load %s%n", fmt(paced.offeredRate()), paced.messages(),
        options.model().embedded() ? "embedded model" : "constant-time model", paced.endToEndMs()[0],
        paced.endToEndMs()[1], paced.approveToEhrMs() == null ? "" : String.format(Locale.ROOT,
            "; approve -> EHR written p50 %.0f ms, p99 %.0f ms", paced.approveToEhrMs()[0],
            paced.approveToEhrMs()[1]), paced.load());
    summary.put("offeredRatePerSecond", paced.offeredRate());
    summary.put("p50AtRateMs", paced.endToEndMs()[0]);
    summary.put("p99AtRateMs", paced.endToEndMs()[1]);
    if (options.autoApprove()) {
      long written = phases.stream().mapToLong(Phase::written).sum() + warmUpWritten;
      summary.put("ehrWritten", written);
      out.printf(Locale.ROOT, "- EHR write-back (every held result auto-approved): %d items written over the run "
          + "(%d of them in the warm-up), resources in the EHR %s%n", written, warmUpWritten,
          summary.get("ehrResources"));
    }
    summary.put("loadAverageAtEnd", load());
  }

  /** The PHIGate roles as `phigate run` builds them, with the inference role's model chosen per phase. */
  private final class Roles implements AutoCloseable {
    private final CommonConfig common;
    private final TopicSerdes serdes;
    private final Map<Role, KafkaStreams> apps = new LinkedHashMap<>();

    Roles(CommonConfig common, TopicSerdes serdes) {
      this.common = common;
      this.serdes = serdes;
    }

    void start(boolean constantModel) throws InterruptedException {
      List<Role> roles = new ArrayList<>(List.of(Role.INTAKE, Role.DEID, Role.INFERENCE, Role.REVIEW));
      if (options.autoApprove()) {
        roles.add(Role.WRITEBACK);
      }
      Role.validate(common, roles);
      roles.forEach(role -> apps.put(role, startRole(role, constantModel)));
      awaitRunning(() -> apps.values().stream().allMatch(a -> a.state() == KafkaStreams.State.RUNNING));
    }

    void swapInference(boolean constantModel) throws InterruptedException {
      apps.remove(Role.INFERENCE).close(Duration.ofSeconds(30));
      apps.put(Role.INFERENCE, startRole(Role.INFERENCE, constantModel));
      awaitRunning(() -> apps.values().stream().allMatch(a -> a.state() == KafkaStreams.State.RUNNING));
    }

    private KafkaStreams startRole(Role role, boolean constantModel) {
      Clock clock = Clock.systemUTC();
      Topology topology = role == Role.INFERENCE && constantModel
          ? RoleTopologies.inferenceWith(new InferenceConfig(common), serdes, clock, new ConstantTimeModel())
          : RoleTopologies.build(role, common, serdes, clock);
      var props = StreamsProperties.forRole(role.config(common), RoleTopologies.deadLetters(role, common, serdes,
          clock));
      props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, options.threads().of(role));
      KafkaStreams app = new KafkaStreams(topology, props);
      app.start();
      return app;
    }

    @Override
    public void close() {
      apps.values().forEach(a -> a.close(Duration.ofSeconds(30)));
    }
  }

  static String fmt(double v) {
    return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
  }

  private Map<String, Object> header(List<MessageMix.Message> messages) {
    Map<String, Object> h = new LinkedHashMap<>();
    Map<String, long[]> kinds = new java.util.TreeMap<>();
    messages.forEach(m -> {
      long[] k = kinds.computeIfAbsent(m.kind(), x -> new long[3]);
      k[0]++;
      k[1] += m.payload().length;
      k[2] = Math.max(k[2], m.payload().length);
    });
    StringBuilder b = new StringBuilder();
    kinds.forEach((k, v) -> b.append(String.format(Locale.ROOT, "%s %d (avg %.1f KB, max %.1f KB); ", k, v[0],
        v[1] / 1024.0 / v[0], v[2] / 1024.0)));
    h.put("messages", messages.size());
    h.put("mix", b.toString().strip());
    h.put("model", switch (options.model()) {
      case CONSTANT -> "constant-time stand-in (same routine assessment for every prompt)";
      case EMBEDDED -> "embedded (MiniLM + classifier)";
      case BOTH -> "constant-time stand-in, then the embedded model (MiniLM + classifier) in the same run";
    });
    h.put("partitions", options.partitions());
    h.put("streamThreads", options.threads().describe());
    h.put("autoApprove", options.autoApprove());
    h.put("cores", Runtime.getRuntime().availableProcessors());
    h.put("maxHeapMb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
    h.put("loadAverageAtStart", load());
    return h;
  }

  private Map<String, String> settings(EmbeddedKafkaBroker broker, EmbeddedSchemaRegistry registry,
                                       FhirEhr ehr, Path work) {
    return Map.ofEntries(
        Map.entry(CommonConfig.BOOTSTRAP.name(), broker.bootstrapServers()),
        Map.entry(CommonConfig.REGISTRY_URL.name(), registry.url()),
        Map.entry(CommonConfig.TENANT.name(), "bench"),
        Map.entry(CommonConfig.INSTANCE_ID.name(), "bench"),
        Map.entry(CommonConfig.STATE_DIR.name(), work.resolve("state").toString()),
        Map.entry(CommonConfig.REPLICATION.name(), "1"),
        Map.entry(CommonConfig.TOPIC_REPLICATION.name(), "1"),
        Map.entry(CommonConfig.TOPIC_PARTITIONS.name(), Integer.toString(options.partitions())),
        Map.entry(CommonConfig.THREADS.name(), Integer.toString(options.threads().defaultThreads())),
        // fresh random keys per run, never written anywhere
        Map.entry(CommonConfig.EVENT_KEY.name(), Keys.randomBase64()),
        Map.entry(CommonConfig.VAULT_KEY.name(), Keys.randomBase64()),
        Map.entry(CommonConfig.HMAC_KEY.name(), Keys.randomBase64()),
        // the review role refuses to start without the key that verifies reviewers' decisions
        Map.entry(org.phigate.config.ReviewConfig.MAC_KEY.name(), decisionMacKey),
        Map.entry("writeback.fhir.base.url", ehr.baseUrl()));
  }

  /** The in-process stand-in, or the HAPI FHIR JPA server launched first so it boots while the broker starts. */
  private FhirEhr startEhr(Path work) {
    if (!options.jpaEhr()) {
      return EmbeddedFhirServer.start();
    }
    // a cold start took 5-10 min on this 2-core machine at load average 40
    return JpaFhirServerProcess.begin(work.resolve("ehr"), FreePorts.find(), Duration.ofMinutes(20));
  }

  /**
   * A chart (Patient with the MRN) for every generated patient the messages draw from, as a hospital's EHR already
   * holds them: write-back matches the patient by MRN and writes nothing to an unknown chart.
   */
  private int registerCharts(FhirEhr ehr) {
    for (int p = 0; p < options.patients(); p++) {
      ehr.addPatient(WritebackConfig.PATIENT_SYSTEM.defaultValue(), MessageMix.mrn(p));
    }
    return options.patients();
  }

  private Phase identityPhase(String name, String bootstrap, TopicSerdes serdes, List<MessageMix.Message> messages)
      throws Exception {
    List<String> hops = IdentityPipeline.HOPS.stream().map(IdentityPipeline::topic).toList();
    String last = hops.get(hops.size() - 1);
    int n = messages.size();
    long start = System.currentTimeMillis();
    try (HopRecorder recorder = new HopRecorder(bootstrap, hops, serdes, start).start(r -> { })) {
      return drive(name, bootstrap, hops.get(0), messages, 0, recorder, hops, last, null,
          () -> recorder.count(last) >= n, () -> recorder.count(last), start);
    }
  }

  private Phase pipelinePhase(String name, String bootstrap, TopicSerdes serdes, List<MessageMix.Message> messages,
                              double rate) throws Exception {
    List<String> topics = new ArrayList<>(PIPELINE_HOPS);
    topics.add(Topics.AUDIT_EVENTS.name());
    topics.add(Topics.EHR_OUTCOMES.name());
    topics.add(Topics.EHR_DLQ.name());
    int n = messages.size();
    long start = System.currentTimeMillis();
    Set<String> approved = ConcurrentHashMap.newKeySet();
    Map<String, Long> outcomes = new ConcurrentHashMap<>();
    org.phigate.review.auth.DecisionMac mac = new org.phigate.review.auth.DecisionMac(
        java.util.Base64.getDecoder().decode(decisionMacKey));
    try (KafkaProducer<String, ReviewDecision> decisions = ProducerFactory.of(bootstrap).create(
             new StringSerializer(), serdes.valueSerde(Topics.REVIEW_DECISIONS).serializer());
         HopRecorder recorder = new HopRecorder(bootstrap, topics, serdes, start).start(r -> {
           if (options.autoApprove() && r.topic().equals(Topics.REVIEW_PENDING.name())) {
             String reviewId = serdes.valueSerde(Topics.REVIEW_PENDING).deserializer()
                 .deserialize(r.topic(), r.value()).getReviewId();
             if (approved.add(reviewId)) {
               decisions.send(new ProducerRecord<>(Topics.REVIEW_DECISIONS.name(), reviewId,
                   mac.sign(ReviewDecision.newBuilder().setReviewId(reviewId).setDecision(DecisionType.APPROVE)
                       .setReviewer("bench-reviewer").setReviewerRole("auto-approve (bench only)")
                       .setDecidedAt(Instant.now()).build())));
             }
           }
           if (r.topic().equals(Topics.EHR_OUTCOMES.name()) || r.topic().equals(Topics.EHR_DLQ.name())) {
             // status and reason code: PHI-free by the schema
             WritebackOutcome o = serdes.valueSerde(Topics.EHR_OUTCOMES).deserializer().deserialize(r.topic(),
                 r.value());
             outcomes.merge(r.topic().equals(Topics.EHR_DLQ.name()) ? "DLQ " + o.getReason()
                 : o.getStatus().name(), 1L, Long::sum);
           }
         })) {
      BooleanSupplier done = () -> recorder.audit("intake.normalize") + recorder.audit("intake.reject")
          + recorder.audit("intake.duplicate") >= n
          && recorder.audit("deid.redact") >= recorder.audit("intake.normalize")
          && recorder.audit("inference.run") >= recorder.audit("deid.redact")
          && recorder.count(Topics.REVIEW_PENDING.name()) >= recorder.count(Topics.AI_RESULTS.name())
          && (!options.autoApprove() || recorder.count(Topics.EHR_OUTCOMES.name())
          + recorder.count(Topics.EHR_DLQ.name()) >= approved.size());
      return drive(name, bootstrap, Topics.INTAKE_RAW.name(), messages, rate, recorder, PIPELINE_HOPS,
          Topics.REVIEW_PENDING.name(), options.autoApprove() ? Topics.EHR_OUTCOMES.name() : null, done,
          () -> (int) recorder.audit("inference.run"), start).withEhrOutcomes(outcomes);
    }
  }

  /** Produces the messages (paced when {@code rate} > 0), waits for {@code done} with a progress bar, measures. */
  private Phase drive(String name, String bootstrap, String rawTopic, List<MessageMix.Message> messages, double rate,
                      HopRecorder recorder, List<String> hops, String endTopic, String ehrTopic, BooleanSupplier done,
                      java.util.function.IntSupplier progressCount, long start) throws Exception {
    RoleCpu cpu = new RoleCpu();
    cpu.mark();
    String loadAtStart = load();
    var memory = ManagementFactory.getMemoryMXBean();
    double peakHeap = 0;
    int n = messages.size();
    long sendStart = System.currentTimeMillis();
    ProgressBar bar = new ProgressBar(name, n, System.err);
    try (KafkaProducer<String, byte[]> producer = ProducerFactory.of(bootstrap)
        .with(ProducerConfig.LINGER_MS_CONFIG, 5)
        .create(new StringSerializer(), new ByteArraySerializer())) {
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        if (rate > 0) {
          long due = t0 + (long) (i * 1e9 / rate);
          while (System.nanoTime() < due) {
            LockSupport.parkNanos(due - System.nanoTime()); // pacing the offered load, not synchronization
          }
          if (i % 50 == 0) {
            peakHeap = Math.max(peakHeap, memory.getHeapMemoryUsage().getUsed() / 1048576.0);
            bar.show(progressCount.getAsInt());
          }
        }
        MessageMix.Message m = messages.get(i);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(rawTopic, null, System.currentTimeMillis(),
            name + "-" + i, m.payload());
        record.headers().add(Topics.CONTENT_TYPE_HEADER, m.contentType().getBytes(StandardCharsets.UTF_8));
        producer.send(record);
      }
      producer.flush();
    }
    long deadline = System.currentTimeMillis() + options.timeout().toMillis();
    while (!recorder.await(done, 500)) {
      peakHeap = Math.max(peakHeap, memory.getHeapMemoryUsage().getUsed() / 1048576.0);
      bar.show(progressCount.getAsInt());
      if (System.currentTimeMillis() > deadline) {
        bar.done();
        throw new IllegalStateException(name + ": not finished within " + options.timeout().toSeconds() + " s ("
            + progressCount.getAsInt() + "/" + n + "); raise --timeout or lower --messages");
      }
    }
    bar.show(n);
    bar.done();
    Map<String, RoleCpu.Usage> roles = cpu.since();
    long end = hops.stream().mapToLong(recorder::lastAt).max().orElse(0) + (start - sendStart);
    double seconds = Math.max(1, end) / 1000.0;
    Map<String, double[]> hopLatency = new LinkedHashMap<>();
    double previous = 0;
    for (String hop : hops) {
      double[] p = Phase.percentiles(recorder.seen(hop));
      hopLatency.put(hop, new double[] {p[0], p[1], Math.max(0, p[0] - previous), recorder.count(hop)});
      previous = p[0];
    }
    List<HopRecorder.Seen> timeline = recorder.seen(endTopic);
    return new Phase(name, n, rate, seconds, n / seconds, hopLatency, Phase.percentiles(timeline),
        ehrTopic == null ? null : Phase.percentiles(recorder.seen(ehrTopic)), roles, peakHeap, timeline,
        recorder.failures(), Map.of(), loadAtStart + "-" + load(),
        hops.stream().filter(h -> h.endsWith("ai.results")).mapToInt(recorder::count).sum());
  }

  /**
   * The embedded model's own batch rate (MiniLM embeddings in batches of 32) on the notes the mix's ORU and portal
   * messages carry, and per CPU-second; each text made unique so the embedder's cache is never hit.
   */
  private double[] modelBatchRate(List<String> notes) {
    progress("embedded model's own batch rate ...");
    List<String> texts = new ArrayList<>();
    for (int i = 0; texts.size() < 512; i++) {
      texts.add(ModelText.forEmbedding(notes.get(i % notes.size()) + " #" + i));
    }
    MiniLmEmbedder embedder = MiniLmEmbedder.shared();
    embedder.warmUp();
    embedder.clearCache();
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long c0 = os.getProcessCpuTime();
    long t0 = System.nanoTime();
    for (int i = 0; i < texts.size(); i += 32) {
      embedder.embed(texts.subList(i, Math.min(texts.size(), i + 32)));
    }
    double wall = (System.nanoTime() - t0) / 1e9;
    double cpuSeconds = (os.getProcessCpuTime() - c0) / 1e9;
    embedder.clearCache();
    return new double[] {texts.size() / wall, texts.size() / Math.max(cpuSeconds, 1e-9),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()};
  }

  private void awaitRunning(BooleanSupplier running) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 120_000;
    while (!running.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("Streams apps did not reach RUNNING within 120 s");
      }
      Thread.sleep(100); // polling a state, not synchronizing with a result
    }
  }

  private void progress(String message) {
    out.println("[bench] " + message);
    out.flush();
  }

  static String load() {
    return String.format(Locale.ROOT, "%.1f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }
}
