package org.phigate.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** CPU time of the whole JVM and of the intake edges' own threads, for CPU per message beside the rates. */
final class EdgeCpu {
  /** Threads of the edges themselves: parse pool, connections, Jetty, group commit and its producer. */
  private static final List<String> EDGE_THREADS = List.of("phigate-intake-parse-", "phigate-mllp-", "qtp",
      "phigate-intake-group-commit");

  private EdgeCpu() {}

  /** CPU time of the whole process (edges or Streams role, broker, senders) in nanoseconds. */
  static long processNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** CPU time of the edges' own threads (not the broker's, not the senders'), per thread id. */
  static Map<Long, Long> edgeNanos() {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    Map<Long, Long> cpu = new HashMap<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      // the edge producer's network thread is named after its client id, "<instance>-intake-edge"
      if (EDGE_THREADS.stream().anyMatch(t.getName()::startsWith) || t.getName().endsWith("-intake-edge")) {
        long nanos = mx.getThreadCpuTime(t.getId());
        if (nanos > 0) {
          cpu.put(t.getId(), nanos);
        }
      }
    }
    return cpu;
  }

  /** Milliseconds the edges' threads ran between two {@link #edgeNanos} snapshots. */
  static double edgeMs(Map<Long, Long> before, Map<Long, Long> after) {
    long sum = 0;
    for (Map.Entry<Long, Long> e : after.entrySet()) {
      sum += e.getValue() - before.getOrDefault(e.getKey(), 0L);
    }
    return sum / 1e6;
  }
}
