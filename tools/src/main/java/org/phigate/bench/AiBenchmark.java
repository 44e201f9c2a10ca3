package org.phigate.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.phigate.inference.EgressGuard;
import org.phigate.inference.cli.TriageRun;
import org.phigate.inference.embedded.CrisisDetector;
import org.phigate.inference.embedded.EmbeddedModel;
import org.phigate.inference.safety.RedFlagLexicon;
import org.phigate.inference.safety.SafetyNet;
import org.phigate.inference.embedded.MiniLmEmbedder;
import org.phigate.inference.embedded.ModelText;

/**
 * `phigate bench ai`: in one run, the embedding model's own batch rate, the full triage path's rate (prompt, egress
 * guard, embedded classifier, red-flag safety net) in batches, and per-item latency one message at a time, each also
 * per CPU-second of this process (the honest number on a shared machine).
 */
public final class AiBenchmark {
  private static final String TRAIN = "/inference/portal-triage/train.jsonl";
  private final int rounds;
  private final PrintStream out;

  public AiBenchmark(int rounds, PrintStream out) {
    this.rounds = Math.max(1, rounds);
    this.out = out;
  }

  public void run() throws IOException {
    List<TriageRun.Item> items;
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        AiBenchmark.class.getResourceAsStream(TRAIN), StandardCharsets.UTF_8))) {
      items = TriageRun.read(in, TRAIN);
    }
    List<String> texts = items.stream().map(i -> ModelText.forEmbedding(i.text())).toList();
    MiniLmEmbedder embedder = MiniLmEmbedder.shared();
    TriageRun run = new TriageRun(new EmbeddedModel(), new EgressGuard());
    embedder.warmUp();
    run.run(items.subList(0, Math.min(64, items.size())));
    out.printf(Locale.ROOT, "messages: %d portal messages (training set texts), %d rounds, %d cores%n",
        items.size(), rounds, Runtime.getRuntime().availableProcessors());

    // the embedder caches recent texts: every round starts empty so repeated texts are measured, not looked up
    double[] embed = measure(embedder::clearCache, () -> embedder.embed(texts), texts.size());
    double[] triage = measure(embedder::clearCache, () -> run.run(items), items.size());
    // where the time beyond the embedding goes: each part alone, on the same texts
    EgressGuard guard = new EgressGuard();
    SafetyNet lexiconOnly = new SafetyNet(RedFlagLexicon.load());
    CrisisDetector crisis = new CrisisDetector();
    EmbeddedModel model = new EmbeddedModel();
    List<String> prompts = items.stream().map(i -> "Patient portal message:\n" + i.text()).toList();
    double[] guardRate = measure(() -> { }, () -> prompts.forEach(guard::check), items.size());
    double[] lexRate = measure(() -> { }, () -> items.forEach(i -> lexiconOnly.check(i.text())), items.size());
    embedder.embed(texts);
    double[] headRate = measure(() -> { }, () -> model.probabilities(items.stream().map(TriageRun.Item::text)
        .toList()), items.size());
    double[] crisisRate = measure(() -> {
      embedder.clearCache();
      embedder.embed(texts);
    }, () -> crisis.detect(items.stream().map(TriageRun.Item::text).toList()), items.size());
    List<Double> latencies = new ArrayList<>();
    int single = Math.min(200, items.size());
    for (int i = 0; i < single; i++) {
      embedder.clearCache();
      long t0 = System.nanoTime();
      run.run(List.of(items.get(i)));
      latencies.add((System.nanoTime() - t0) / 1e6);
    }
    double[] lat = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double p50 = lat[(int) Math.floor(0.50 * (lat.length - 1))];
    double p99 = lat[(int) Math.floor(0.99 * (lat.length - 1))];

    out.printf(Locale.ROOT, "%-44s %10s %14s%n", "", "items/s", "items/cpu-s");
    out.printf(Locale.ROOT, "%-44s %10.0f %14.0f%n", "MiniLM embeddings, batched (model alone)", embed[0], embed[1]);
    out.printf(Locale.ROOT, "%-44s %10.0f %14.0f%n", "triage: guard + model + safety net, batched", triage[0],
        triage[1]);
    out.printf(Locale.ROOT, "%-44s %10.0f %14.0f%n", "  parts: egress guard alone", guardRate[0], guardRate[1]);
    out.printf(Locale.ROOT, "%-44s %10.0f %14.0f%n", "  parts: red-flag lexicon alone", lexRate[0], lexRate[1]);
    out.printf(Locale.ROOT, "%-44s %10.0f %14.0f%n", "  parts: triage heads (texts already embedded)", headRate[0],
        headRate[1]);
    out.printf(Locale.ROOT, "%-44s %10.0f %14.0f%n", "  parts: crisis detector (whole texts cached)", crisisRate[0],
        crisisRate[1]);
    out.printf(Locale.ROOT, "triage / embeddings: %.2f (wall), %.2f (cpu)%n", triage[0] / embed[0],
        triage[1] / embed[1]);
    out.printf(Locale.ROOT, "one message at a time (%d): p50 %.1f ms, p99 %.1f ms; p99/p50 %.1f; batched mean per "
        + "item %.1f ms = %.2f of p50%n", single, p50, p99, p99 / p50, 1000.0 / triage[0], (1000.0 / triage[0]) / p50);
    out.printf(Locale.ROOT, "load average at the end: %.1f on %d cores%n",
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        Runtime.getRuntime().availableProcessors());
  }

  /** Best wall rate and best CPU rate (items per second of process CPU) over the rounds. */
  private double[] measure(Runnable before, Runnable work, int n) {
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    double[] best = {0, 0};
    for (int r = 0; r < rounds; r++) {
      before.run();
      long c0 = os.getProcessCpuTime();
      long t0 = System.nanoTime();
      work.run();
      double wall = (System.nanoTime() - t0) / 1e9;
      double cpu = (os.getProcessCpuTime() - c0) / 1e9;
      best[0] = Math.max(best[0], n / wall);
      best[1] = Math.max(best[1], n / Math.max(cpu, 1e-9));
    }
    return Arrays.copyOf(best, 2);
  }
}
