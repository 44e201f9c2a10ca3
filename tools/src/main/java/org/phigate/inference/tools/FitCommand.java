package org.phigate.inference.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.phigate.inference.cli.TriageRun;
import org.phigate.inference.embedded.MiniLmEmbedder;
import org.phigate.inference.embedded.TriageWeights;
import org.phigate.inference.safety.Hashes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `phigate ai fit`: fits the embedded portal-triage classifier on a labelled JSONL file and writes its weights. */
@Command(name = "fit", mixinStandardHelpOptions = true,
    description = "Fit the embedded triage classifier (MiniLM embeddings + Tribuo logistic regression, one head for "
        + "category, one for urgency) on labelled lines {\"id\",\"text\",\"category\",\"urgency\"}; prints "
        + "cross-validated numbers and writes the weights file the production jar loads.")
public final class FitCommand implements Callable<Integer> {
  @Option(names = "--input", required = true, paramLabel = "TRAIN.jsonl", description = "Labelled training set.")
  Path input;

  @Option(names = "--output", required = true, paramLabel = "FILE",
      description = "Weights file to write (ship it as pipeline-app/src/main/resources/" + TriageWeights.RESOURCE
          + ").")
  Path output;

  @Option(names = "--epochs", description = "SGD epochs (default: ${DEFAULT-VALUE}).", defaultValue = "60")
  int epochs;

  @Option(names = "--learning-rate", description = "AdaGrad learning rate (default: ${DEFAULT-VALUE}).",
      defaultValue = "0.1")
  double learningRate;

  @Option(names = "--acute-weight", description = "Example weight of urgent and emergency lines "
      + "(default: ${DEFAULT-VALUE}).", defaultValue = "2.0")
  double acuteWeight;

  @Option(names = "--seed", defaultValue = "13", description = "Shuffle and SGD seed (default: ${DEFAULT-VALUE}).")
  long seed;

  // Tribuo logs every training run at INFO; the numbers that matter are printed below. Held in a field: JUL keeps
  // loggers weakly, and a collected logger forgets its level.
  private static final java.util.logging.Logger TRIBUO_LOG = java.util.logging.Logger.getLogger("org.tribuo");

  @Option(names = "--show-misses", description = "List the ids of out-of-fold acute misses and routine false alarms.")
  boolean showMisses;

  @Override
  public Integer call() {
    TRIBUO_LOG.setLevel(java.util.logging.Level.WARNING);
    List<Labelled> items = Labelled.read(input);
    TriageFit fit = new TriageFit(new TriageFit.Params(epochs, learningRate, acuteWeight, seed, 5));
    long t0 = System.nanoTime();
    float[][] x = TriageFit.embed(items);
    System.err.printf(Locale.ROOT, "[ai fit] embedded %d messages in %.1f s%n", items.size(),
        (System.nanoTime() - t0) / 1e9);
    ObjectNode meta = TriageRun.JSON.createObjectNode();
    try {
      meta.put("trainingFile", input.getFileName().toString());
      meta.put("trainingSha256", Hashes.sha256(Files.readAllBytes(input)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + input, e);
    }
    meta.put("embedder", MiniLmEmbedder.shared().version());
    List<TriageFit.Oof> oof = fit.crossValidate(items, x);
    double threshold = TriageFit.bestThreshold(items, oof);
    TriageMetrics cv = CrossValidation.metrics(items, oof, threshold);
    System.out.println("5-fold cross-validation on the training set (model plus safety net):");
    cv.print(System.out);
    if (showMisses) {
      cv.misses(System.out);
    }
    TriageWeights weights = fit.fit(items, x, meta, threshold);
    meta.put("cvCategoryAccuracy", round(cv.categoryAccuracy()));
    meta.put("cvAcuteRecall", round(cv.acuteRecall()));
    meta.put("cvRoutineSpecificity", round(cv.routineSpecificity()));
    try {
      Files.writeString(output, weights.toJson(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + output, e);
    }
    System.out.printf(Locale.ROOT, "acute threshold %.2f; wrote %s (sha256 %s)%n", weights.acuteThreshold(), output,
        TriageWeights.parse(weights.toJson()).sha256().substring(0, 12));
    return 0;
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
