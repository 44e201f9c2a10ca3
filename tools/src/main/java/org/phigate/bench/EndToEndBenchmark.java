package org.phigate.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.phigate.catalog.TopicSerdes;
import org.phigate.config.CommonConfig;
import org.phigate.config.Settings;
import org.phigate.demo.WorkDirectory;
import org.phigate.embedded.EmbeddedKafkaBroker;
import org.phigate.embedded.EmbeddedSchemaRegistry;
import org.phigate.embedded.FhirEhr;
import org.phigate.embedded.JpaFhirServerProcess;
import org.phigate.registry.RestSchemaRegistryClient;
import org.phigate.runtime.TopicProvisioner;
import org.phigate.security.Keys;

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
                 Duration timeout, long seed, int patients, boolean jpaEhr, int warmUp,
                 Map<String, String> settings, int identityMessages) {}

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

  static final String PHASE_IDENTITY = "identity";
  static final String PIPELINE_CONSTANT = "pipeline-constant-model";
  static final String PIPELINE_EMBEDDED = "pipeline-embedded-model";
  static final String PIPELINE_AT_RATE = "pipeline-at-rate";
  private final Options options;
  /** The review role's key for reviewers' decisions: fresh per run, signs the bench's auto-approvals. */
  private final String decisionMacKey = Keys.randomBase64();
  private final PrintStream out;

  EndToEndBenchmark(Options options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  void run() throws Exception {
    MessageMix mix = new MessageMix(MessageMix.parseWeights(options.mix()), options.largeShare(),
        options.largeBytes(), options.seed(), options.patients());
    List<MessageMix.Message> messages = mix.generate("b1", options.messages());
    Map<String, Object> header = RunHeader.of(options, messages);
    String threadsDescription = options.threads().describe();
    Path work = Files.createTempDirectory("phigate-bench-e2e-");
    List<Phase> phases = new ArrayList<>();
    Map<String, Object> summary = new LinkedHashMap<>();
    ModelBatchRate modelRate = null;
    long warmUpWritten = 0;
    try (FhirEhr ehr = BenchEhr.start(options.jpaEhr(), work);
         EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(work.resolve("kafka"));
         EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start()) {
      CommonConfig common = new CommonConfig(Settings.of(BenchSettings.of(broker, registry, ehr, work,
          options.partitions(), options.threads(), decisionMacKey, options.settings())));
      TopicSerdes serdes = new TopicSerdes(new RestSchemaRegistryClient(registry.url()));
      RoleThreads threads = options.threads().resolved(common);
      header.put("streamThreads", threads.describe());
      threadsDescription = threads.describe();
      TopicProvisioner.ensureTopics(common);
      if (options.modelRate() && options.model().embedded()) {
        progress("embedded model's own batch rate ...");
        modelRate = ModelBatchRate.measure(mix.noteTexts());
      }
      PhaseRunner runner = new PhaseRunner(broker.bootstrapServers(), serdes, options.autoApprove(),
          options.timeout(), decisionMacKey);
      progress("identity pipeline: " + IdentityPipeline.DESCRIPTION);
      try (IdentityPipeline identity = IdentityPipeline.start(common, serdes, threads)) {
        PipelineRoles.awaitRunning(identity::running);
        if (options.warmUp() > 0) {
          runner.identity("identity-warm-up", mix.generate("wi", options.warmUp()));
        }
        phases.add(runner.identity(PHASE_IDENTITY, mix.generate("b1", options.identityMessages())));
      }
      if (options.autoApprove()) {
        if (ehr instanceof JpaFhirServerProcess jpa) {
          progress("waiting for the HAPI FHIR JPA server at " + ehr.baseUrl() + " ...");
          jpa.awaitReady();
          header.put("ehr", String.format(Locale.ROOT, "HAPI FHIR JPA server (own JVM, H2 on disk), ready in %.1f s",
              jpa.startMillis() / 1000.0));
        }
        progress("registered " + BenchEhr.registerCharts(ehr, options.patients()) + " patient charts in the EHR "
            + "(write-back matches by MRN)");
      }
      PipelineRoles roles = new PipelineRoles(common, serdes, threads, options.autoApprove());
      try {
        boolean constantFirst = options.model().constant();
        roles.start(constantFirst);
        if (options.warmUp() > 0) {
          // JIT, the FHIR context, the detectors' dictionaries and models load on first use: not what is measured
          progress("warm-up: " + options.warmUp() + " messages through the roles, not measured");
          warmUpWritten = runner.pipeline("warm-up", mix.generate("wp", options.warmUp()), 0).written();
        }
        Phase last = null;
        if (constantFirst) {
          progress("PHIGate roles with the constant-time model stand-in");
          last = runner.pipeline(PIPELINE_CONSTANT, messages, 0);
          phases.add(last);
        }
        if (options.model().embedded()) {
          if (constantFirst) {
            // the other roles keep running; the inference role restarts on the same application id and offsets
            roles.swapInference(false);
          }
          progress("PHIGate roles with the embedded model");
          last = runner.pipeline(PIPELINE_EMBEDDED, mix.generate("b2", options.messages()), 0);
          phases.add(last);
        }
        double rate = options.rate() > 0 ? options.rate() : Math.max(1, Math.floor(last.throughput() * 0.5));
        // about a minute of paced traffic (at least 50 messages, at most --messages): enough for a p99, short
        // enough to repeat
        List<MessageMix.Message> paced = mix.generate("b3", (int) Math.min(options.messages(), Math.max(50,
            rate * 60)));
        progress("latency at a fixed offered rate of " + BenchFormat.fmt(rate) + " msg/s ("
            + (options.model().embedded() ? "embedded model" : "constant-time model") + ")");
        phases.add(runner.pipeline(PIPELINE_AT_RATE, paced, rate));
      } finally {
        roles.close();
      }
      if (options.autoApprove()) {
        summary.put("ehrResources", BenchEhr.resourceCounts(ehr));
      }
    } finally {
      WorkDirectory.delete(work);
    }
    BenchReport.print(out, header, phases);
    new ClosingNote(options, threadsDescription, out).print(phases, modelRate, warmUpWritten, summary);
    if (options.json() != null) {
      BenchReport.writeJson(options.json(), header, phases, summary);
      out.println("JSON  " + options.json().toAbsolutePath());
    }
    if (options.plot() != null) {
      BenchReport.plot(options.plot(), phases);
      out.println("plot  " + options.plot().toAbsolutePath());
    }
  }

  private void progress(String message) {
    out.println("[bench] " + message);
    out.flush();
  }
}
