package org.phigate.inference.tools;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.phigate.inference.embedded.CrisisDetector;
import org.phigate.inference.embedded.CrisisWeights;
import org.phigate.inference.embedded.LinearHead;
import org.phigate.inference.embedded.MiniLmEmbedder;
import org.phigate.inference.safety.Resources;

/**
 * Fits the crisis head ({@link CrisisWeights}) with Tribuo on MiniLM embeddings of curated crisis statements and
 * look-alikes ({@value #STATEMENTS}, {@value #COUNTER}) plus labelled messages: a crisis message as a whole under
 * its crisis flag, every sentence and sentence window of a non-crisis message as {@code none}.
 */
final class CrisisFit {
  static final String STATEMENTS = CrisisDetector.STATEMENTS;
  static final String COUNTER = CrisisDetector.COUNTER;
  /** Red-flag labels of the sets, in priority order, and the safety net's crisis ids they map to. */
  private static final Map<String, String> FLAGS = Map.of("suicidality", "crisis.suicidality", "overdose",
      "crisis.overdose", "self-harm", "crisis.self-harm", "harm-to-others", "crisis.harm-others");
  private static final List<String> ORDER = List.of("suicidality", "overdose", "self-harm", "harm-to-others");

  private final TriageFit fit;
  private final int window;
  private final double positiveWeight;
  private final Map<String, float[]> cache = new HashMap<>();
  private final List<String> statementText = new ArrayList<>();
  private final List<String> statementLabel = new ArrayList<>();

  CrisisFit(TriageFit fit, int window, double positiveWeight) {
    this.fit = fit;
    this.window = window;
    this.positiveWeight = positiveWeight;
    for (String[] r : Resources.rows(STATEMENTS, 3)) {
      statementText.add(r[2].strip());
      statementLabel.add(r[0].strip());
    }
    for (String[] r : Resources.rows(COUNTER, 2)) {
      statementText.add(r[1].strip());
      statementLabel.add(CrisisWeights.NONE);
    }
  }

  int statements() {
    return statementText.size();
  }

  /** The crisis id of a labelled line, or {@code none}. */
  static String label(Labelled l) {
    List<String> flags = new ArrayList<>();
    l.item().line().path("redFlags").forEach(f -> flags.add(f.asText()));
    for (String f : ORDER) {
      if (flags.contains(f)) {
        return FLAGS.get(f);
      }
    }
    return l.crisis() ? "crisis.suicidality" : CrisisWeights.NONE;
  }

  /**
   * The head fitted on the statements plus {@code items}: a crisis message's whole vector under its flag; the whole
   * and every sentence vector (pooled from the message's run, as the detector scores them) of any other as none.
   */
  LinearHead fitHead(List<Labelled> items) {
    List<float[]> x = new ArrayList<>(Arrays.asList(embed(statementText)));
    List<String> labels = new ArrayList<>(statementLabel);
    List<List<float[]>> units = CrisisDetector.unitVectors(MiniLmEmbedder.shared(),
        items.stream().map(Labelled::text).toList(), window);
    for (int i = 0; i < items.size(); i++) {
      String label = label(items.get(i));
      List<float[]> u = units.get(i);
      if (label.equals(CrisisWeights.NONE)) {
        u.forEach(v -> {
          x.add(v);
          labels.add(label);
        });
      } else if (!u.isEmpty()) {
        x.add(u.get(0));
        labels.add(label);
      }
    }
    List<Double> w = labels.stream().map(y -> y.equals(CrisisWeights.NONE) ? 1.0 : positiveWeight).toList();
    return fit.fitHead(x.toArray(float[][]::new), labels, w);
  }

  /** Out-of-fold crisis scores of {@code items} ({@code folds}-fold; the statements are in every training fold). */
  List<List<CrisisDetector.Score>> crossValidate(List<Labelled> items, int folds, long seed) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      order.add(i);
    }
    java.util.Collections.shuffle(order, new java.util.Random(seed));
    List<List<CrisisDetector.Score>> out = new ArrayList<>(java.util.Collections.nCopies(items.size(), null));
    for (int f = 0; f < folds; f++) {
      List<Labelled> train = new ArrayList<>();
      List<Integer> test = new ArrayList<>();
      for (int j = 0; j < order.size(); j++) {
        if (j % folds == f) {
          test.add(order.get(j));
        } else {
          train.add(items.get(order.get(j)));
        }
      }
      CrisisDetector d = detector(fitHead(train), new double[] {0.5, 0.0, 0.0});
      List<List<CrisisDetector.Score>> s = d.scores(test.stream().map(i -> items.get(i).text()).toList(), 0.0);
      for (int j = 0; j < test.size(); j++) {
        out.set(test.get(j), s.get(j));
      }
    }
    return out;
  }

  /** A detector with {@code gates}: probability threshold, lowest similarity, lowest margin. */
  CrisisDetector detector(LinearHead head, double[] gates) {
    return new CrisisDetector(MiniLmEmbedder.shared(),
        new CrisisWeights(head, gates[0], gates[1], gates[2], window, 0.0, null, "fit"));
  }

  private float[][] embed(List<String> texts) {
    List<String> missing = texts.stream().filter(t -> !cache.containsKey(t)).distinct().toList();
    if (!missing.isEmpty()) {
      float[][] v = MiniLmEmbedder.shared().embed(missing);
      for (int i = 0; i < v.length; i++) {
        cache.put(missing.get(i), v[i]);
      }
    }
    return texts.stream().map(cache::get).toArray(float[][]::new);
  }
}
