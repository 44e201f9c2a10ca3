package org.phigate.deid.ner;

import java.util.Arrays;

/** One token's features as {@link FeatureWeights#hash} hashes and their rows, in order; reused per token. */
final class Features {
  private long[] hashes = new long[64];
  private int[] rows = new int[64];
  private int size;

  void clear() {
    size = 0;
  }

  void add(long hash, int row) {
    if (size == rows.length) {
      hashes = Arrays.copyOf(hashes, size * 2);
      rows = Arrays.copyOf(rows, size * 2);
    }
    hashes[size] = hash;
    rows[size++] = row;
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
