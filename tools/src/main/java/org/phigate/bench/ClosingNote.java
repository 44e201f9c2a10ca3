package org.phigate.bench;

import static org.phigate.bench.BenchFormat.fmt;
import static org.phigate.bench.BenchFormat.load;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The end-to-end bench's closing note: the figures issue 18 asks for (identity and pipeline throughput, their ratio,
 * the model's own rate, latency at a fixed rate, EHR write-back), each with what it measured and the load average
 * while it ran; the same figures go into the JSON summary.
 */
final class ClosingNote {
  private final EndToEndBenchmark.Options options;
  /** Stream threads per role as the roles ran ({@link RoleThreads#describe} of the resolved counts). */
  private final String threads;
  private final PrintStream out;

  ClosingNote(EndToEndBenchmark.Options options, String threads, PrintStream out) {
    this.options = options;
    this.threads = threads;
    this.out = out;
  }

  /**
   * Prints the note for {@code phases} and adds its figures to {@code summary}; {@code modelRate} is null when the
   * model's own rate was not measured, {@code warmUpWritten} the items the warm-up wrote to the EHR.
   */
  void print(List<Phase> phases, ModelBatchRate modelRate, long warmUpWritten, Map<String, Object> summary) {
    Map<String, Phase> byName = new LinkedHashMap<>();
    phases.forEach(p -> byName.put(p.name(), p));
    Phase identity = byName.get(EndToEndBenchmark.PHASE_IDENTITY);
    Phase constant = byName.get(EndToEndBenchmark.PIPELINE_CONSTANT);
    Phase embedded = byName.get(EndToEndBenchmark.PIPELINE_EMBEDDED);
    Phase paced = byName.get(EndToEndBenchmark.PIPELINE_AT_RATE);
    out.printf(Locale.ROOT, "%n== closing note (%d partitions per topic, stream threads per role %s, %d cores)%n",
        options.partitions(), threads, Runtime.getRuntime().availableProcessors());
    out.printf(Locale.ROOT, "identity pipeline: %s%n", IdentityPipeline.DESCRIPTION);
    out.printf(Locale.ROOT, "- identity: %.1f msg/s intake.raw -> review.pending, %.1f CPU-ms per message (whole JVM: "
        + "stages, broker, bench clients); load %s%n", identity.throughput(), identity.cpuMsPerMessageToReview(),
        identity.load());
    summary.put("identityThroughputPerSecond", identity.throughput());
    summary.put("identityCpuMsPerMessage", identity.cpuMsPerMessageToReview());
    if (constant != null) {
      constantModel(identity, constant, summary);
    }
    if (embedded != null) {
      embeddedModel(embedded, modelRate, summary);
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

  private void constantModel(Phase identity, Phase constant, Map<String, Object> summary) {
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

  private void embeddedModel(Phase embedded, ModelBatchRate modelRate, Map<String, Object> summary) {
    out.printf(Locale.ROOT, "- pipeline with the embedded model: %.1f msg/s, %.1f AI results/s, %.1f CPU-ms per "
        + "message up to review (%.1f with write-back and the EHR stand-in); load %s%n", embedded.throughput(),
        embedded.aiResults() / embedded.seconds(), embedded.cpuMsPerMessageToReview(), embedded.cpuMsPerMessage(),
        embedded.load());
    summary.put("embeddedModelThroughputPerSecond", embedded.throughput());
    summary.put("embeddedModelAiResultsPerSecond", embedded.aiResults() / embedded.seconds());
    if (modelRate != null) {
      out.printf(Locale.ROOT, "- the embedded model alone (MiniLM embeddings in batches of 32 on this run's notes, "
          + "no pipeline): %.0f embeddings/s, %.0f per CPU-second; load %s%n", modelRate.perSecond(),
          modelRate.perCpuSecond(), fmt(modelRate.loadAverage()));
      summary.put("embeddedModelEmbeddingsPerSecond", modelRate.perSecond());
      summary.put("embeddedModelEmbeddingsPerCpuSecond", modelRate.perCpuSecond());
    }
  }
}
