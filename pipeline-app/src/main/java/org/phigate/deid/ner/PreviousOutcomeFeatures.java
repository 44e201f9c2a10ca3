package org.phigate.deid.ner;

import static org.phigate.deid.ner.FeatureWeights.START;
import static org.phigate.deid.ner.FeatureWeights.feed;
import static org.phigate.deid.ner.FeatureWeights.finish;

import opennlp.tools.namefind.NameFinderME;

/**
 * The four features {@code NameFinderME} adds after the generators' (its {@code DefaultNameContextGenerator}):
 * {@code po=<previous outcome>}, {@code pow=<previous outcome>,<token>}, {@code powf=<previous outcome>,<word class>},
 * {@code ppo=<outcome before it>}, as {@link FeatureWeights} rows, each hashed and looked up once per outcome (and
 * word, or word class). Outcomes are ids: the model's outcome indexes, {@link #other} for the start of a sequence.
 * Not thread-safe.
 */
final class PreviousOutcomeFeatures {
  private static final int UNSET = -2;
  private final FeatureWeights weights;
  private final String[] names;
  private final int other;
  private final int[] po;
  private final int[] ppo;
  private final FeatureMemo powf = new FeatureMemo();

  PreviousOutcomeFeatures(FeatureWeights weights) {
    this.weights = weights;
    String[] outcomes = weights.outcomes();
    int o = java.util.Arrays.asList(outcomes).indexOf(NameFinderME.OTHER);
    this.other = o >= 0 ? o : outcomes.length;
    this.names = java.util.Arrays.copyOf(outcomes, outcomes.length + 1);
    names[outcomes.length] = NameFinderME.OTHER;
    this.po = new int[names.length];
    this.ppo = new int[names.length];
    for (int i = 0; i < names.length; i++) {
      po[i] = weights.row(FeatureWeights.hash("po=" + names[i]));
      ppo[i] = weights.row(FeatureWeights.hash("ppo=" + names[i]));
    }
  }

  /** The id of the outcome before the first token ({@code NameFinderME.OTHER}). */
  int other() {
    return other;
  }

  /** Adds the four features' weights for token {@code word} after outcomes {@code before} and {@code previous}. */
  void add(double[] scores, Word word, int previous, int before) {
    weights.add(scores, po[previous]);
    int[] pow = word.previousOutcomeRows;
    if (pow == null) {
      pow = new int[names.length];
      java.util.Arrays.fill(pow, UNSET);
      word.previousOutcomeRows = pow;
    }
    if (pow[previous] == UNSET) {
      pow[previous] = weights.row(finish(feed(feed(feed(feed(START, "pow="), names[previous]), ','), word.text)));
    }
    weights.add(scores, pow[previous]);
    int key = FeatureMemo.pair(previous, word.shapeId);
    int row;
    if (powf.has(key)) {
      row = powf.row(key);
    } else {
      long h = finish(feed(feed(feed(feed(START, "powf="), names[previous]), ','), word.shape));
      row = weights.row(h);
      powf.put(key, h, row);
    }
    weights.add(scores, row);
    weights.add(scores, ppo[before]);
  }
}
