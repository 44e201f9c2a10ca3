package org.phigate.deid.ner;

import java.util.Map;
import opennlp.tools.ml.model.AbstractModel;
import opennlp.tools.ml.model.Context;
import opennlp.tools.namefind.TokenNameFinderModel;

/**
 * A maxent model's parameters packed for lookup: each feature the model knows by a 64-bit hash of its text in an
 * open-addressing table, its weights for every outcome side by side in one array (zero where the model has none).
 * OpenNLP's own map reaches a feature's weights through five objects; this is two array reads and one short run,
 * which matters at tens of features per token. A feature the model does not know matches one it knows only if their
 * 64-bit hashes are equal (about 10^-14 per lookup at this model's size); two known features with equal hashes are
 * refused when the table is built. Adding a zero weight leaves a sum unchanged, so scores equal OpenNLP's.
 * Immutable and thread-safe.
 */
final class FeatureWeights {
  private static final long EMPTY = 0;
  private final long[] hashes;
  private final int[] rows;
  private final double[] weights;
  private final String[] outcomeNames;
  private final int outcomes;
  private final int mask;

  /** The weights of an OpenNLP maxent name finder. */
  @SuppressWarnings("unchecked")
  static FeatureWeights of(TokenNameFinderModel model) {
    Object maxent = model.getArtifact("nameFinder.model");
    if (!(maxent instanceof AbstractModel m) || m.getModelType() != AbstractModel.ModelType.Maxent) {
      throw new IllegalArgumentException("the NER model is not an OpenNLP maxent model");
    }
    Object[] data = m.getDataStructures();
    return new FeatureWeights((Map<String, Context>) data[1], (String[]) data[2]);
  }

  FeatureWeights(Map<String, Context> parameters, String[] outcomeNames) {
    this.outcomeNames = outcomeNames.clone();
    this.outcomes = outcomeNames.length;
    int capacity = Integer.highestOneBit(Math.max(16, parameters.size() * 2 - 1)) << 1;
    this.mask = capacity - 1;
    this.hashes = new long[capacity];
    this.rows = new int[capacity];
    this.weights = new double[parameters.size() * outcomes];
    int row = 0;
    for (Map.Entry<String, Context> e : parameters.entrySet()) {
      long h = hash(e.getKey());
      int slot = (int) h & mask;
      while (hashes[slot] != EMPTY) {
        if (hashes[slot] == h) {
          throw new IllegalStateException("two NER model features share a 64-bit hash; the model cannot be packed");
        }
        slot = (slot + 1) & mask;
      }
      hashes[slot] = h;
      rows[slot] = row;
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
    long h = hash(feature);
    int slot = (int) h & mask;
    while (hashes[slot] != EMPTY) {
      if (hashes[slot] == h) {
        int base = rows[slot] * outcomes;
        for (int o = 0; o < outcomes; o++) {
          scores[o] += weights[base + o];
        }
        return;
      }
      slot = (slot + 1) & mask;
    }
  }

  /** The outcome names, in the order of the scores {@link #add} adds to. */
  String[] outcomes() {
    return outcomeNames.clone();
  }

  /** FNV-1a over the UTF-16 units, then MurmurHash3's 64-bit finalizer; never {@link #EMPTY}. */
  static long hash(String s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      h = (h ^ s.charAt(i)) * 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h == EMPTY ? 1 : h;
  }
}
