package org.phigate.deid.ner;

import java.util.Arrays;

/**
 * Hashes and rows of features drawn from a small set of values (word classes, outcomes, pairs of them), by an int
 * key, each made once. Not thread-safe.
 */
final class FeatureMemo {
  /** Keys of pairs: {@code pair(a, b)} for ids below this. */
  static final int STRIDE = 64;
  private long[] hashes = new long[16];
  private int[] rows = new int[16];

  /** The key of a pair of ids, or -1 (not kept) when one is out of range. */
  static int pair(int a, int b) {
    return a < 0 || b < 0 || a >= STRIDE || b >= STRIDE ? -1 : a * STRIDE + b;
  }

  /** Whether the key's feature is kept (a hash is never 0). */
  boolean has(int key) {
    return key >= 0 && key < hashes.length && hashes[key] != 0;
  }

  /** Keeps the key's feature; nothing for key -1. */
  void put(int key, long hash, int row) {
    if (key < 0) {
      return;
    }
    if (key >= hashes.length) {
      int size = Math.max(key + 1, hashes.length * 2);
      hashes = Arrays.copyOf(hashes, size);
      rows = Arrays.copyOf(rows, size);
    }
    hashes[key] = hash;
    rows[key] = row;
  }

  long hash(int key) {
    return hashes[key];
  }

  int row(int key) {
    return rows[key];
  }
}
