package org.phigate.inference.embedded;

import java.util.HashMap;
import java.util.Map;
import org.phigate.inference.safety.PatientText;

/**
 * Hashed word and character n-gram features of a message, for the n-gram heads that the triage classifier averages
 * with its embedding heads: word unigrams and bigrams plus character 3- to 5-grams of the normalized text (lower
 * case, punctuation as spaces, PHIGate tokens as neutral words), each hashed into {@code buckets} slots, counts
 * dampened by {@code log(1 + n)}, each block scaled to length 1/sqrt(2) so the whole vector has unit length.
 *
 * <p>Why both: MiniLM reads meaning but blurs severity words ("little diaper rash" sits near any child's symptom),
 * while n-grams see the exact words and, through character grams, their misspellings ("brething", "cant breath").
 * The hash is {@link String#hashCode()}, which the Java language specification fixes, so features are the same on
 * every JVM and the fitted weights stay valid.
 */
public final class TextFeatures {
  private static final int MIN_CHARS = 3;
  private static final int MAX_CHARS = 5;
  private final int buckets;

  public TextFeatures(int buckets) {
    if (buckets < 16 || Integer.bitCount(buckets) != 1) {
      throw new IllegalArgumentException("buckets must be a power of two >= 16: " + buckets);
    }
    this.buckets = buckets;
  }

  public int buckets() {
    return buckets;
  }

  /** The feature vector of one message (as the embedded model receives it: de-identified free text). */
  public float[] of(String text) {
    String norm = PatientText.phrase(ModelText.forEmbedding(text));
    float[] v = new float[buckets];
    Map<Integer, Integer> words = new HashMap<>();
    Map<Integer, Integer> chars = new HashMap<>();
    String[] tokens = norm.isEmpty() ? new String[0] : norm.split(" ");
    for (int i = 0; i < tokens.length; i++) {
      words.merge(slot("w:" + tokens[i]), 1, Integer::sum);
      if (i + 1 < tokens.length) {
        words.merge(slot("b:" + tokens[i] + " " + tokens[i + 1]), 1, Integer::sum);
      }
    }
    String padded = " " + norm + " ";
    for (int n = MIN_CHARS; n <= MAX_CHARS; n++) {
      for (int i = 0; i + n <= padded.length(); i++) {
        chars.merge(slot("c:" + padded.substring(i, i + n)), 1, Integer::sum);
      }
    }
    add(v, words);
    add(v, chars);
    return v;
  }

  private int slot(String feature) {
    int h = feature.hashCode();
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    return h & (buckets - 1);
  }

  private static void add(float[] v, Map<Integer, Integer> counts) {
    double norm = 0;
    for (int c : counts.values()) {
      double x = Math.log1p(c);
      norm += x * x;
    }
    if (norm == 0) {
      return;
    }
    double scale = 1.0 / Math.sqrt(2 * norm);
    counts.forEach((slot, c) -> v[slot] += (float) (Math.log1p(c) * scale));
  }
}
