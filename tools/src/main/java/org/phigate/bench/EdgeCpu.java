package org.phigate.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** CPU time of the whole JVM and of the intake edges' own threads, for CPU per message beside the rates. */
final class EdgeCpu {
  /** The edges' own threads by what they do: parse pool, connections (MLLP or Jetty), group commit, its producer. */
  private static final Map<String, List<String>> GROUPS = groups();

  private EdgeCpu() {}

  private static Map<String, List<String>> groups() {
    Map<String, List<String>> g = new LinkedHashMap<>();
    g.put("parse pool", List.of("phigate-intake-parse-"));
    g.put("connections", List.of("phigate-mllp-", "qtp"));
    g.put("group commit", List.of("phigate-intake-group-commit"));
    return g;
  }

  /** CPU time of the whole process (edges or Streams role, broker, senders) in nanoseconds. */
  static long processNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** One edge thread's CPU nanoseconds (of which user mode, the rest is the kernel's) and the group it counts in. */
  record ThreadCpu(String group, long nanos, long userNanos) {}

  /** CPU time of the edges' own threads (not the broker's, not the senders'), per thread id. */
  static Map<Long, ThreadCpu> edgeNanos() {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    Map<Long, ThreadCpu> cpu = new HashMap<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      String group = group(t.getName());
      if (group != null) {
        long nanos = mx.getThreadCpuTime(t.getId());
        if (nanos > 0) {
          cpu.put(t.getId(), new ThreadCpu(group, nanos, mx.getThreadUserTime(t.getId())));
        }
      }
    }
    return cpu;
  }

  private static String group(String thread) {
    for (Map.Entry<String, List<String>> g : GROUPS.entrySet()) {
      if (g.getValue().stream().anyMatch(thread::startsWith)) {
        return g.getKey();
      }
    }
    // the edge producer's network thread is named after its client id, "<instance>-intake-edge"
    return thread.endsWith("-intake-edge") ? "producer i/o" : null;
  }

  /** Milliseconds the edges' threads ran between two {@link #edgeNanos} snapshots. */
  static double edgeMs(Map<Long, ThreadCpu> before, Map<Long, ThreadCpu> after) {
    return byGroup(before, after).values().stream().mapToDouble(Double::doubleValue).sum();
  }

  /** As {@link #edgeMs}, per group of threads (parse pool, connections, group commit, producer i/o). */
  static Map<String, Double> byGroup(Map<Long, ThreadCpu> before, Map<Long, ThreadCpu> after) {
    return byGroup(before, after, false);
  }

  /**
   * As {@link #byGroup(Map, Map)}, counting only the kernel's part when {@code kernel} (system calls: socket reads and
   * writes, parking and waking threads), which JFR's execution samples do not see.
   */
  static Map<String, Double> byGroup(Map<Long, ThreadCpu> before, Map<Long, ThreadCpu> after, boolean kernel) {
    Map<String, Double> ms = new LinkedHashMap<>();
    GROUPS.keySet().forEach(g -> ms.put(g, 0.0));
    ms.put("producer i/o", 0.0);
    for (Map.Entry<Long, ThreadCpu> e : after.entrySet()) {
      ThreadCpu was = before.get(e.getKey());
      long delta = e.getValue().nanos() - (was == null ? 0 : was.nanos());
      if (kernel) {
        delta -= e.getValue().userNanos() - (was == null ? 0 : was.userNanos());
      }
      ms.merge(e.getValue().group(), delta / 1e6, Double::sum);
    }
    return ms;
  }
}
