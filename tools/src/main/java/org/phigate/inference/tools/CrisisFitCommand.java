package org.phigate.inference.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.phigate.inference.cli.TriageRun;
import org.phigate.inference.embedded.CrisisDetector;
import org.phigate.inference.embedded.CrisisWeights;
import org.phigate.inference.embedded.LinearHead;
import org.phigate.inference.embedded.MiniLmEmbedder;
import org.phigate.inference.safety.Hashes;
import org.phigate.inference.safety.RedFlagLexicon;
import org.phigate.inference.safety.Resources;
import org.phigate.inference.safety.SafetyNet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * `phigate ai crisis-fit`: fits the safety net's embedding crisis head on the curated statements plus labelled
 * sets, picks its probability and similarity thresholds by cross-validation (the highest crisis recall of lexicon
 * plus detector whose false alarms on routine and soon lines stay within the budget), prints the out-of-fold
 * numbers per set, and writes the head file the production jar loads. Never run it on the evaluation set.
 */
@Command(name = "crisis-fit", mixinStandardHelpOptions = true,
    description = "Fit the crisis detector (MiniLM sentence embeddings + Tribuo logistic regression + similarity "
        + "to curated crisis statements) on labelled sets (train, dev; never the evaluation set); thresholds by "
        + "cross-validation.")
public final class CrisisFitCommand implements Callable<Integer> {
  private static final java.util.logging.Logger TRIBUO_LOG = java.util.logging.Logger.getLogger("org.tribuo");

  @Option(names = "--input", required = true, paramLabel = "LABELLED.jsonl",
      description = "Labelled sets to fit on (repeatable; cross-validation runs over all of them).")
  List<Path> inputs;

  @Option(names = "--output", paramLabel = "FILE", description = "Head file to write (ship it as pipeline-app/"
      + "src/main/resources/" + CrisisWeights.RESOURCE + "); nothing is written without it.")
  Path output;

  @Option(names = "--false-alarm-budget", defaultValue = "0.03", description = "Highest share of routine and soon "
      + "lines the detector may raise to a crisis, out of fold (default: ${DEFAULT-VALUE}).")
  double budget;

  @Option(names = "--window", defaultValue = "1", description = "Sentence window (default: ${DEFAULT-VALUE}).")
  int window;

  @Option(names = "--positive-weight", defaultValue = "3.0",
      description = "Example weight of crisis units (default: ${DEFAULT-VALUE}).")
  double positiveWeight;

  @Option(names = "--seed", defaultValue = "13", description = "Shuffle and SGD seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--show-misses", description = "List out-of-fold misses and false alarms.")
  boolean showMisses;

  @Option(names = "--check", paramLabel = "LABELLED.jsonl", description = "Sets never fitted on (repeatable): "
      + "scored with the head fitted on all inputs and the chosen thresholds and screen, as production scores them.")
  List<Path> checks = List.of();

  @Override
  public Integer call() {
    TRIBUO_LOG.setLevel(java.util.logging.Level.WARNING);
    List<Labelled> items = new ArrayList<>();
    List<Integer> ends = new ArrayList<>();
    for (Path p : inputs) {
      items.addAll(Labelled.read(p));
      ends.add(items.size());
    }
    TriageFit.Params params = new TriageFit.Params(60, 0.1, 1.0, seed, 5);
    CrisisFit fit = new CrisisFit(new TriageFit(params), window, positiveWeight);
    List<List<CrisisDetector.Score>> oof = fit.crossValidate(items, params.folds(), seed);
    Row bestRow = null;
    Lexical lex = Lexical.of(items);
    System.out.printf(Locale.ROOT, "5-fold cross-validation over %s (%d lines, %d crisis, lexicon alone finds %d; "
        + "%d curated statements in every fold)%n", inputs.stream().map(Path::getFileName).toList(), items.size(),
        items.stream().filter(Labelled::crisis).count(), lex.found(items), fit.statements());
    System.out.println("  threshold similarity margin | crisis recall (lexicon + detector) | false alarms: all  "
        + "routine+soon");
    double[] best = null;
    for (int t = 5; t <= 90; t += 5) {
      for (int s = 30; s <= 60; s += 5) {
        for (int m = -10; m <= 15; m += 5) {
          double[] g = {t / 100.0, s / 100.0, m / 100.0};
          Row r = row(items, oof, lex, g);
          if (s % 10 == 0 && t % 10 == 0 && m % 10 == 0) {
            System.out.printf(Locale.ROOT, "  %.2f      %.2f      %5.2f  | %.3f                               | %4d  "
                + "%4d%n", g[0], g[1], g[2], r.recall, r.falseAlarms, r.nonAcute);
          }
          if (r.nonAcuteRate <= budget && (bestRow == null || r.recall > bestRow.recall + 1e-9)) {
            best = g;
            bestRow = r;
          }
        }
      }
    }
    if (best == null) {
      throw new IllegalStateException("no threshold keeps false alarms within " + budget);
    }
    System.out.printf(Locale.ROOT, "chosen: threshold %.2f, similarity %.2f, margin %.2f: out-of-fold crisis recall "
        + "%.3f, false alarms %d (%d routine or soon, %.3f)%n", best[0], best[1], best[2], bestRow.recall,
        bestRow.falseAlarms, bestRow.nonAcute, bestRow.nonAcuteRate);
    // every sentence is scored: its vector is pooled from the message's one run, so a screen would save nothing
    double screen = 0.0;
    for (int f = 0, from = 0; f < inputs.size(); from = ends.get(f), f++) {
      List<Labelled> part = items.subList(from, ends.get(f));
      Row r = row(part, oof.subList(from, ends.get(f)), lex.slice(from, ends.get(f)), best);
      System.out.printf(Locale.ROOT, "  out of fold on %s: crisis recall %.3f, false alarms %d (%d routine or soon, "
          + "%.3f)%n", inputs.get(f).getFileName(), r.recall, r.falseAlarms, r.nonAcute, r.nonAcuteRate);
      if (showMisses) {
        System.out.println("    missed: " + r.missed + "\n    false alarms: " + r.alarms);
      }
    }
    LinearHead head = checks.isEmpty() && output == null ? null : fit.fitHead(items);
    for (Path p : checks) {
      List<Labelled> part = Labelled.read(p);
      CrisisDetector d = fit.detector(head, best);
      List<List<CrisisDetector.Score>> s = d.scores(part.stream().map(Labelled::text).toList(), screen);
      Row r = row(part, s, Lexical.of(part), best);
      System.out.printf(Locale.ROOT, "  check %s (never fitted on): crisis recall %.3f (%d crisis lines), detector "
          + "false alarms %d (%d routine or soon, %.3f)%n", p.getFileName(), r.recall,
          part.stream().filter(Labelled::crisis).count(), r.falseAlarms, r.nonAcute, r.nonAcuteRate);
      if (showMisses) {
        System.out.println("    missed: " + r.missed + "\n    false alarms: " + r.alarms);
      }
    }
    if (output != null) {
      write(head, best, screen, bestRow, params);
    }
    return 0;
  }

  private void write(LinearHead head, double[] best, double screen, Row cv, TriageFit.Params params) {
    ObjectNode meta = TriageRun.JSON.createObjectNode();
    try {
      for (Path p : inputs) {
        meta.with("trainingFiles").put(p.getFileName().toString(), Hashes.sha256(Files.readAllBytes(p)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + inputs, e);
    }
    meta.put("statementsSha256", Hashes.sha256(Resources.text(CrisisFit.STATEMENTS)));
    meta.put("counterStatementsSha256", Hashes.sha256(Resources.text(CrisisFit.COUNTER)));
    meta.put("embedder", MiniLmEmbedder.shared().version());
    meta.put("trainer", "tribuo LinearSGDTrainer(LogMulticlass, AdaGrad) 4.3.2");
    meta.put("epochs", params.epochs()).put("learningRate", params.learningRate())
        .put("positiveWeight", positiveWeight).put("seed", seed).put("folds", params.folds());
    meta.put("thresholdsFrom", "5-fold cross-validation over the fitted sets: highest crisis recall of lexicon plus "
        + "detector with at most " + budget + " of routine and soon lines raised");
    meta.put("cvCrisisRecall", Math.round(cv.recall * 1000) / 1000.0);
    meta.put("cvFalseAlarmsRoutineSoon", cv.nonAcute);
    String json = new CrisisWeights(head, best[0], best[1], best[2], window, screen, meta, "").toJson();
    try {
      Files.writeString(output, json, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + output, e);
    }
    System.out.printf(Locale.ROOT, "wrote %s (sha256 %s)%n", output, Hashes.sha256(json).substring(0, 12));
  }

  /** What the lexicon alone says per item: a crisis flag fired, and the crisis flags it suppressed. */
  private record Lexical(List<Boolean> fired, List<Set<String>> suppressed) {
    static Lexical of(List<Labelled> items) {
      SafetyNet net = new SafetyNet(RedFlagLexicon.load());
      List<Boolean> fired = new ArrayList<>();
      List<Set<String>> suppressed = new ArrayList<>();
      for (Labelled l : items) {
        SafetyNet.Verdict v = net.check(l.text());
        fired.add(v.crisis());
        suppressed.add(v.suppressed().stream().map(f -> f.flag().id()).collect(Collectors.toSet()));
      }
      return new Lexical(fired, suppressed);
    }

    Lexical slice(int from, int to) {
      return new Lexical(fired.subList(from, to), suppressed.subList(from, to));
    }

    long found(List<Labelled> items) {
      int n = 0;
      for (int i = 0; i < items.size(); i++) {
        n += items.get(i).crisis() && fired.get(i) ? 1 : 0;
      }
      return n;
    }
  }

  private record Row(double recall, int falseAlarms, int nonAcute, double nonAcuteRate, List<String> missed,
                     List<String> alarms) {}

  /** The production decision: a lexicon crisis flag, or a detector unit over both thresholds not vetoed by NegEx. */
  private static Row row(List<Labelled> items, List<List<CrisisDetector.Score>> scores, Lexical lex, double[] g) {
    int pos = 0;
    int tp = 0;
    int fa = 0;
    int faNonAcute = 0;
    int nonAcute = 0;
    List<String> missed = new ArrayList<>();
    List<String> alarms = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      Set<String> vetoed = lex.suppressed().get(i);
      boolean detector = scores.get(i).stream().anyMatch(u -> u.fires(g[0], g[1], g[2])
          && !vetoed.contains(u.flag()));
      boolean fires = lex.fired().get(i) || detector;
      Labelled l = items.get(i);
      nonAcute += l.acute() ? 0 : 1;
      if (l.crisis()) {
        pos++;
        tp += fires ? 1 : 0;
        if (!fires) {
          missed.add(l.id());
        }
      } else if (detector && !lex.fired().get(i)) {
        fa++;
        faNonAcute += l.acute() ? 0 : 1;
        alarms.add(l.id());
      }
    }
    return new Row(pos == 0 ? Double.NaN : (double) tp / pos, fa, faNonAcute,
        nonAcute == 0 ? 0 : (double) faNonAcute / nonAcute, missed, alarms);
  }
}
