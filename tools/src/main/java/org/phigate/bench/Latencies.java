package org.phigate.bench;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/** Latency samples of one benchmark cell (any thread may add), summarized as percentiles in milliseconds. */
final class Latencies {
  private final long[] nanos;
  private final AtomicInteger count = new AtomicInteger();

  Latencies(int capacity) {
    this.nanos = new long[capacity];
  }

  /** Adds one sample; samples beyond the capacity are not kept. */
  void add(long elapsedNanos) {
    int i = count.getAndIncrement();
    if (i < nanos.length) {
      nanos[i] = elapsedNanos;
    }
  }

  int count() {
    return Math.min(count.get(), nanos.length);
  }

  /** The p-th percentile (0-100, nearest rank) in milliseconds; NaN without samples. */
  double percentileMs(double p) {
    int n = count();
    if (n == 0) {
      return Double.NaN;
    }
    long[] sorted = Arrays.copyOf(nanos, n);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * n);
    return sorted[Math.max(0, Math.min(n - 1, rank - 1))] / 1e6;
  }
}
