package org.phigate.bench;

import java.io.PrintStream;
import java.util.Locale;
import org.phigate.inference.ClinicalModel;
import org.phigate.inference.EmbeddedTriageModel;

/**
 * `phigate bench inference`: the embedded triage model's latency and throughput on this machine, one prompt at a
 * time as the inference stage calls it, for a short and a long patient message, after a warm-up.
 */
public final class InferenceBenchmark {
  private static final String WORKFLOW = "message-triage";
  private static final String SHORT = "workflow: message-triage\n### text\n"
      + "Can you refill my lisinopril? I only have two pills left.\n";
  private static final String LONG = "workflow: message-triage\n### text\n"
      + "Good morning. I hope the office is doing well. I wanted to ask about my lab results from last week. "
      + "The pharmacy at [GEO-1a2b3c4d] also needs a new prescription for my metformin. My husband [NAME-4f2a9c01] "
      + "says I should mention that my ankles have been swollen for a few days. Since an hour ago my right arm "
      + "feels weak and my speech is slurred. Is anything open tomorrow? Thank you.\n";

  private final int iterations;
  private final PrintStream out;

  public InferenceBenchmark(int iterations, PrintStream out) {
    this.iterations = iterations;
    this.out = out;
  }

  public void run() {
    long t0 = System.nanoTime();
    EmbeddedTriageModel model = new EmbeddedTriageModel();
    model.warmUp();
    out.printf(Locale.ROOT, "[bench] %s %s loaded in %.0f ms%n", model.modelId(), model.modelVersion(),
        (System.nanoTime() - t0) / 1e6);
    out.printf(Locale.ROOT, "%-28s %10s %12s %12s%n", "prompt", "sentences", "ms/prompt", "prompts/s");
    measure(model, "short message", SHORT);
    measure(model, "long message", LONG);
  }

  private void measure(ClinicalModel model, String name, String prompt) {
    for (int i = 0; i < Math.min(10, iterations); i++) {
      model.infer(WORKFLOW, prompt);
    }
    long t0 = System.nanoTime();
    for (int i = 0; i < iterations; i++) {
      model.infer(WORKFLOW, prompt);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    out.printf(Locale.ROOT, "%-28s %10d %12.1f %12.1f%n", name, sentences(prompt), seconds * 1000 / iterations,
        iterations / seconds);
  }

  private static long sentences(String prompt) {
    return prompt.substring(prompt.indexOf("### text")).split("(?<=[.!?])\\s+").length;
  }
}
