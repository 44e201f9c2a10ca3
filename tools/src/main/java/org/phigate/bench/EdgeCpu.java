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

  /**
   * CPU time of every Java thread of the process, in nanoseconds per thread id, grouped as the edges' groups
   * (see {@link #edgeNanos}), "senders" (the bench's own MLLP / REST clients) or "broker and other java" (the
   * embedded broker, the edge producer's metadata and the JDK's helpers). The process CPU beyond all of them is the
   * JVM's native threads: the garbage collector and the JIT compilers.
   */
  static Map<Long, ThreadCpu> allNanos() {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    Map<Long, ThreadCpu> cpu = new HashMap<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      String name = t.getName();
      String group = group(name);
      if (group == null) {
        group = name.startsWith(SENDER_THREAD) || name.startsWith("HttpClient-") ? "senders" : "broker and other java";
      }
      long nanos = mx.getThreadCpuTime(t.getId());
      if (nanos > 0) {
        cpu.put(t.getId(), new ThreadCpu(group, nanos, mx.getThreadUserTime(t.getId())));
      }
    }
    return cpu;
  }

  /**
   * CPU nanoseconds of the JVM's native threads by what they do ("gc": collector, concurrent marking and refinement,
   * the VM thread; "jit": the compilers), read from /proc on Linux; empty where /proc is not there.
   */
  static Map<String, Long> nativeNanos() {
    Map<String, Long> cpu = new LinkedHashMap<>();
    java.nio.file.Path tasks = java.nio.file.Path.of("/proc/self/task");
    if (!java.nio.file.Files.isDirectory(tasks)) {
      return cpu;
    }
    long tick = 10_000_000L; // USER_HZ 100 on Linux
    try (java.util.stream.Stream<java.nio.file.Path> all = java.nio.file.Files.list(tasks)) {
      for (java.nio.file.Path task : (Iterable<java.nio.file.Path>) all::iterator) {
        try {
          String comm = java.nio.file.Files.readString(task.resolve("comm")).trim();
          String group = comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler") ? "jit"
              : comm.startsWith("GC Thread") || comm.startsWith("G1 ") || comm.equals("VM Thread") ? "gc" : null;
          if (group != null) {
            String stat = java.nio.file.Files.readString(task.resolve("stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            cpu.merge(group, (Long.parseLong(f[11]) + Long.parseLong(f[12])) * tick, Long::sum);
          }
        } catch (java.io.IOException | RuntimeException e) {
          // a thread that ended meanwhile
        }
      }
    } catch (java.io.IOException e) {
      return cpu;
    }
    return cpu;
  }

  /** Name prefix of the bench's sender threads (closed-loop MLLP / REST clients). */
  static final String SENDER_THREAD = "bench-sender-";

  /** Milliseconds per group of threads between two {@link #allNanos} snapshots, with whatever group they had. */
  static Map<String, Double> wholeByGroup(Map<Long, ThreadCpu> before, Map<Long, ThreadCpu> after) {
    Map<String, Double> ms = new LinkedHashMap<>();
    for (Map.Entry<Long, ThreadCpu> e : after.entrySet()) {
      ThreadCpu was = before.get(e.getKey());
      long delta = e.getValue().nanos() - (was == null ? 0 : was.nanos());
      String group = GROUPS.containsKey(e.getValue().group()) || "producer i/o".equals(e.getValue().group())
          ? "edges" : e.getValue().group();
      ms.merge(group, delta / 1e6, Double::sum);
    }
    return ms;
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
