package org.phigate.deid.ner;

import java.util.Arrays;

/** One token's features as {@link FeatureWeights#hash} hashes and their rows, in order; reused per token. */
final class Features {
  private long[] hashes = new long[64];
  private int[] rows = new int[64];
  private int size;
  private int[] known = new int[64];
  private int knownSize;

  void clear() {
    size = 0;
    knownSize = 0;
  }

  void add(long hash, int row) {
    if (size == rows.length) {
      hashes = Arrays.copyOf(hashes, size * 2);
      rows = Arrays.copyOf(rows, size * 2);
      known = Arrays.copyOf(known, size * 2);
    }
    hashes[size] = hash;
    rows[size++] = row;
    if (row != FeatureWeights.UNKNOWN) {
      known[knownSize++] = row;
    }
  }

  /** The rows of the features the model knows, in order; the first {@link #knownSize()}. */
  int[] known() {
    return known;
  }

  int knownSize() {
    return knownSize;
  }

  int size() {
    return size;
  }

  long hash(int i) {
    return hashes[i];
  }

  int row(int i) {
    return rows[i];
  }
}
