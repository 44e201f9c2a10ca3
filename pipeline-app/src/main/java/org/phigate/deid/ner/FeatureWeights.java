package org.phigate.deid.ner;

import java.util.Map;
import opennlp.tools.ml.model.AbstractModel;
import opennlp.tools.ml.model.Context;
import opennlp.tools.namefind.TokenNameFinderModel;

/**
 * A maxent or perceptron model's parameters packed for lookup: each feature the model knows by a 64-bit hash of its
 * text in an open-addressing table, its weights for every outcome side by side in one array (zero where the model has
 * none); {@link #normalize} turns summed scores into probabilities the way the model's own {@code eval} does.
 * OpenNLP's own map reaches a feature's weights through five objects; this is two array reads and one short run,
 * which matters at tens of features per token. A feature the model does not know matches one it knows only if their
 * 64-bit hashes are equal (about 10^-14 per lookup at this model's size); two known features with equal hashes are
 * refused when the table is built. Adding a zero weight leaves a sum unchanged, so scores equal OpenNLP's.
 * Immutable and thread-safe.
 */
final class FeatureWeights {
  /** The row of a feature the model does not know. */
  static final int UNKNOWN = -1;
  /** The state {@link #feed} starts from: FNV-1a's offset basis. */
  static final long START = 0xcbf29ce484222325L;
  private static final long EMPTY = 0;
  // slot s: its feature's hash at 2s, its row at 2s + 1 (one cache line for both)
  private final long[] slots;
  // one bit per value of a hash's top bits, set for the model's features: most features a text makes are unknown to
  // the model, and this answers for most of them from 256 KiB instead of the 4 MiB table
  private final long[] present;
  private static final int PRESENT_BITS = 21;
  private final double[] weights;
  private final String[] outcomeNames;
  private final int outcomes;
  private final int mask;
  private final boolean perceptron;

  /** The weights of an OpenNLP maxent or perceptron name finder. */
  @SuppressWarnings("unchecked")
  static FeatureWeights of(TokenNameFinderModel model) {
    Object trained = model.getArtifact("nameFinder.model");
    if (!(trained instanceof AbstractModel m) || m.getModelType() != AbstractModel.ModelType.Maxent
        && m.getModelType() != AbstractModel.ModelType.Perceptron) {
      throw new IllegalArgumentException("the NER model is not an OpenNLP maxent or perceptron model");
    }
    Object[] data = m.getDataStructures();
    return new FeatureWeights((Map<String, Context>) data[1], (String[]) data[2],
        m.getModelType() == AbstractModel.ModelType.Perceptron);
  }

  FeatureWeights(Map<String, Context> parameters, String[] outcomeNames) {
    this(parameters, outcomeNames, false);
  }

  FeatureWeights(Map<String, Context> parameters, String[] outcomeNames, boolean perceptron) {
    this.perceptron = perceptron;
    this.outcomeNames = outcomeNames.clone();
    this.outcomes = outcomeNames.length;
    int capacity = Integer.highestOneBit(Math.max(16, parameters.size() * 2 - 1)) << 1;
    this.mask = capacity - 1;
    this.slots = new long[2 * capacity];
    this.present = new long[(1 << PRESENT_BITS) / 64];
    this.weights = new double[parameters.size() * outcomes];
    int row = 0;
    for (Map.Entry<String, Context> e : parameters.entrySet()) {
      long h = hash(e.getKey());
      int slot = (int) h & mask;
      while (slots[2 * slot] != EMPTY) {
        if (slots[2 * slot] == h) {
          throw new IllegalStateException("two NER model features share a 64-bit hash; the model cannot be packed");
        }
        slot = (slot + 1) & mask;
      }
      slots[2 * slot] = h;
      slots[2 * slot + 1] = row;
      int bit = (int) (h >>> (64 - PRESENT_BITS));
      present[bit >>> 6] |= 1L << bit;
      int[] active = e.getValue().getOutcomes();
      double[] params = e.getValue().getParameters();
      for (int a = 0; a < active.length; a++) {
        weights[row * outcomes + active[a]] = params[a];
      }
      row++;
    }
  }

  /** Adds the feature's weight for every outcome to {@code scores}; nothing when the model does not know it. */
  void add(double[] scores, String feature) {
    add(scores, row(hash(feature)));
  }

  /** The row of the feature whose {@link #hash} is {@code h}, or {@link #UNKNOWN}. */
  int row(long h) {
    int bit = (int) (h >>> (64 - PRESENT_BITS));
    if ((present[bit >>> 6] & (1L << bit)) == 0) {
      return UNKNOWN;
    }
    int slot = (int) h & mask;
    long known;
    while ((known = slots[2 * slot]) != EMPTY) {
      if (known == h) {
        return (int) slots[2 * slot + 1];
      }
      slot = (slot + 1) & mask;
    }
    return UNKNOWN;
  }

  /** Adds the weights of a {@link #row} for every outcome to {@code scores}; nothing for {@link #UNKNOWN}. */
  void add(double[] scores, int row) {
    if (row == UNKNOWN) {
      return;
    }
    int base = row * outcomes;
    for (int o = 0; o < outcomes; o++) {
      scores[o] += weights[base + o];
    }
  }

  /**
   * Adds the weights of the known features in {@code rows[0..count)} to {@code scores}, each outcome's in the order
   * of the rows (the same floating-point sums as {@link #add} row after row).
   */
  void addAll(double[] scores, int[] rows, int count) {
    for (int o = 0; o < outcomes; o++) {
      double sum = scores[o];
      for (int f = 0; f < count; f++) {
        sum += weights[rows[f] * outcomes + o];
      }
      scores[o] = sum;
    }
  }

  /** What every outcome's score starts from: GISModel's uniform prior {@code log(1/n)}, a perceptron's 0. */
  double prior() {
    return perceptron ? 0 : Math.log(1.0 / outcomes);
  }

  /**
   * Turns summed scores into the model's probabilities, as its {@code eval} does: GISModel's softmax, or
   * PerceptronModel's softmax of the scores divided by the largest absolute score (at least 1).
   */
  void normalize(double[] scores) {
    if (perceptron) {
      double max = 1;
      for (double s : scores) {
        if (max < StrictMath.abs(s)) {
          max = StrictMath.abs(s);
        }
      }
      for (int o = 0; o < scores.length; o++) {
        scores[o] /= max;
      }
    }
    double normal = 0;
    for (int o = 0; o < scores.length; o++) {
      scores[o] = StrictMath.exp(scores[o]);
      normal += scores[o];
    }
    for (int o = 0; o < scores.length; o++) {
      scores[o] /= normal;
    }
  }

  /** How many outcomes the model has. */
  int outcomeCount() {
    return outcomes;
  }

  /** The outcome names, in the order of the scores {@link #add} adds to. */
  String[] outcomes() {
    return outcomeNames.clone();
  }

  /**
   * FNV-1a over the UTF-16 units, then MurmurHash3's 64-bit finalizer; never {@link #EMPTY}. Equal to
   * {@code finish(feed(START, s))}, and FNV-1a reads one unit after the other, so a feature made of parts hashes
   * without being built: {@code finish(feed(feed(START, "w="), lower))} is {@code hash("w=" + lower)}.
   */
  static long hash(String s) {
    return finish(feed(START, s));
  }

  /** The FNV-1a state after {@code s}'s UTF-16 units, from {@code state}. */
  static long feed(long state, String s) {
    long h = state;
    for (int i = 0; i < s.length(); i++) {
      h = (h ^ s.charAt(i)) * 0x100000001b3L;
    }
    return h;
  }

  /** The FNV-1a state after the UTF-16 units {@code from} to {@code to} (exclusive) of {@code s}. */
  static long feed(long state, String s, int from, int to) {
    long h = state;
    for (int i = from; i < to; i++) {
      h = (h ^ s.charAt(i)) * 0x100000001b3L;
    }
    return h;
  }

  /** The FNV-1a state after {@code c}, from {@code state}. */
  static long feed(long state, char c) {
    return (state ^ c) * 0x100000001b3L;
  }

  /** The hash of the text fed into {@code state}. */
  static long finish(long state) {
    long h = state;
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h == EMPTY ? 1 : h;
  }
}
