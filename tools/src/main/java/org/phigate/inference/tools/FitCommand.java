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
  @Option(names = "--input", required = true, paramLabel = "TRAIN.jsonl",
      description = "Labelled training sets (repeatable: cross-validation runs over all and is also printed per set).")
  List<Path> inputs;

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

  @Option(names = "--min-routine-specificity", defaultValue = "0.85", description = "Lowest out-of-fold routine "
      + "specificity the acute threshold may cost; the highest acute recall within it wins (default: "
      + "${DEFAULT-VALUE}).")
  double minRoutineSpecificity;

  @Option(names = "--acute-threshold", description = "Use this acute threshold instead of choosing one by "
      + "cross-validation (to compare operating points).")
  Double acuteThreshold;

  @Option(names = "--check", paramLabel = "DEV.jsonl", description = "Labelled sets to score the fitted model on "
      + "(not fitted on; never the evaluation set).")
  List<Path> checks = new java.util.ArrayList<>();

  @Option(names = "--sweep", description = "Print acute recall and specificity at every acute threshold from 0.20 "
      + "to 0.70, out of fold and on each --check set (to choose a threshold on a development set).")
  boolean sweep;

  @Option(names = "--ngram-buckets", defaultValue = "0", description = "Add n-gram heads over this many hashed "
      + "word and character n-gram slots (a power of two; 0 = embedding heads only; default: ${DEFAULT-VALUE}).")
  int ngramBuckets;

  @Option(names = "--embedding-weight", defaultValue = "0.5", description = "With n-gram heads: the embedding urgency "
      + "head's share of the blended probabilities (default: ${DEFAULT-VALUE}); a grid of shares is printed, out of "
      + "fold and on each --check set, to choose it.")
  double embeddingWeight;

  @Option(names = "--category-embedding-weight", description = "With n-gram heads: the embedding category head's "
      + "share (default: as --embedding-weight).")
  Double categoryEmbeddingWeight;

  @Option(names = "--show-misses", description = "List the ids of out-of-fold acute misses and routine false alarms.")
  boolean showMisses;

  @Override
  public Integer call() {
    TRIBUO_LOG.setLevel(java.util.logging.Level.WARNING);
    List<Labelled> items = new java.util.ArrayList<>();
    List<Integer> ends = new java.util.ArrayList<>();
    for (Path p : inputs) {
      items.addAll(Labelled.read(p));
      ends.add(items.size());
    }
    TriageFit fit = new TriageFit(new TriageFit.Params(epochs, learningRate, acuteWeight, seed, 5));
    long t0 = System.nanoTime();
    float[][] x = TriageFit.embed(items);
    System.err.printf(Locale.ROOT, "[ai fit] embedded %d messages in %.1f s%n", items.size(),
        (System.nanoTime() - t0) / 1e9);
    ObjectNode meta = TriageRun.JSON.createObjectNode();
    try {
      meta.put("trainingFile", String.join(" + ", inputs.stream().map(p -> p.getFileName().toString()).toList()));
      for (Path p : inputs) {
        meta.with("trainingSha256").put(p.getFileName().toString(), Hashes.sha256(Files.readAllBytes(p)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + inputs, e);
    }
    meta.put("embedder", MiniLmEmbedder.shared().version());
    List<TriageFit.Oof> oof = fit.crossValidate(items, x);
    float[][] ng = ngramBuckets > 0 ? TriageFit.ngrams(items, ngramBuckets) : null;
    List<TriageFit.Oof> oofEmbedding = oof;
    List<TriageFit.Oof> oofNgram = ng == null ? null : fit.crossValidate(items, ng);
    double wc = categoryEmbeddingWeight != null ? categoryEmbeddingWeight : embeddingWeight;
    if (ng != null) {
      oof = TriageFit.blend(oofEmbedding, oofNgram, wc, embeddingWeight);
    }
    double chosen = TriageFit.bestThreshold(items, oof, minRoutineSpecificity);
    double threshold = acuteThreshold != null ? acuteThreshold : chosen;
    TriageMetrics cv = CrossValidation.metrics(items, oof, threshold);
    System.out.println("5-fold cross-validation on the training set (model plus safety net):");
    cv.print(System.out);
    if (showMisses) {
      cv.misses(System.out);
    }
    if (sweep) {
      System.out.println("acute threshold sweep, out of fold:");
      CrossValidation.sweep(items, oof, System.out);
    }
    for (int f = 0, from = 0; inputs.size() > 1 && f < inputs.size(); from = ends.get(f), f++) {
      System.out.println();
      System.out.println("out of fold, " + inputs.get(f).getFileName() + " lines only:");
      TriageMetrics part = CrossValidation.metrics(items.subList(from, ends.get(f)), oof.subList(from, ends.get(f)),
          threshold);
      part.print(System.out);
      if (showMisses) {
        part.misses(System.out);
      }
    }
    TriageWeights weights = fit.fit(items, x, meta, threshold);
    if (ng != null) {
      weights = new TriageWeights(weights.category(), weights.urgency(), weights.acuteThreshold(), weights.fit(),
          "", fit.fitNgram(items, ng, ngramBuckets, wc, embeddingWeight));
      meta.put("ngramBuckets", ngramBuckets).put("categoryEmbeddingWeight", wc)
          .put("urgencyEmbeddingWeight", embeddingWeight);
      blendGrid(fit, items, oofEmbedding, oofNgram, weights);
    }
    meta.put("cvCategoryAccuracy", round(cv.categoryAccuracy()));
    meta.put("cvAcuteRecall", round(cv.acuteRecall()));
    meta.put("cvRoutineSpecificity", round(cv.routineSpecificity()));
    meta.put("minRoutineSpecificity", minRoutineSpecificity);
    if (acuteThreshold != null) {
      meta.put("acuteThresholdFrom", String.format(Locale.ROOT, "set with --acute-threshold %.2f (cross-validation "
          + "chose %.2f)", acuteThreshold, chosen));
    }
    meta.put("cvCrisisAtEmergency", cv.size() == 0 ? 0 : round(1.0 - (double) cv.crisisMisses().size()
        / Math.max(1, items.stream().filter(Labelled::crisis).count())));
    try {
      Files.writeString(output, weights.toJson(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + output, e);
    }
    System.out.printf(Locale.ROOT, "acute threshold %.2f; wrote %s (sha256 %s)%n", weights.acuteThreshold(), output,
        TriageWeights.parse(weights.toJson()).sha256().substring(0, 12));
    for (Path p : checks) {
      List<Labelled> dev = Labelled.read(p);
      List<TriageFit.Oof> predicted = fit.predict(weights, TriageFit.embed(dev));
      if (weights.ngram() != null) {
        predicted = TriageFit.blend(predicted, fit.predict(weights.ngram(), TriageFit.ngrams(dev, ngramBuckets)),
            wc, embeddingWeight);
      }
      TriageMetrics m = CrossValidation.metrics(dev, predicted, weights.acuteThreshold());
      System.out.println("check on " + p.getFileName() + " (model plus safety net, fitted weights):");
      m.print(System.out);
      if (showMisses) {
        m.misses(System.out);
      }
      if (sweep) {
        System.out.println("acute threshold sweep on " + p.getFileName() + ":");
        CrossValidation.sweep(dev, predicted, System.out);
      }
    }
    return 0;
  }

  /** Out-of-fold and check-set figures for a grid of embedding shares, each at its own cross-validated threshold. */
  private void blendGrid(TriageFit fit, List<Labelled> items, List<TriageFit.Oof> oofE, List<TriageFit.Oof> oofN,
      TriageWeights weights) {
    List<List<Labelled>> devs = checks.stream().map(Labelled::read).toList();
    List<List<TriageFit.Oof>> devE = devs.stream().map(d -> fit.predict(weights, TriageFit.embed(d))).toList();
    List<List<TriageFit.Oof>> devN = devs.stream().map(d -> fit.predict(weights.ngram(), TriageFit.ngrams(d,
        ngramBuckets))).toList();
    System.out.println("embedding share grid (threshold by cross-validation; acute recall / routine spec. / "
        + "category acc.):");
    for (double w : new double[] {1.0, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.0}) {
      List<TriageFit.Oof> o = TriageFit.blend(oofE, oofN, w);
      double t = acuteThreshold != null ? acuteThreshold : TriageFit.bestThreshold(items, o, minRoutineSpecificity);
      TriageMetrics cv = CrossValidation.metrics(items, o, t);
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  w %.1f t %.2f  cv %.3f / %.3f / %.3f",
          w, t, cv.acuteRecall(), cv.routineSpecificity(), cv.categoryAccuracy()));
      for (int k = 0; k < devs.size(); k++) {
        TriageMetrics m = CrossValidation.metrics(devs.get(k), TriageFit.blend(devE.get(k), devN.get(k), w), t);
        line.append(String.format(Locale.ROOT, "  %s %.3f / %.3f / %.3f", checks.get(k).getFileName(),
            m.acuteRecall(), m.routineSpecificity(), m.categoryAccuracy()));
      }
      System.out.println(line);
    }
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
