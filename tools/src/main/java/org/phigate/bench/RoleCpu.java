package org.phigate.bench;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time and allocated bytes per role between two snapshots, from per-thread counters: stream threads and their
 * producers carry the role's client id ({@code bench-<role>}, {@code bench-identity-<role>}), inference workers are
 * named {@code phigate-inference-worker-*} and MiniLM's {@code minilm-embed} (write-back's
 * {@code phigate-writeback-worker-*}); Jetty's request threads
 * (the FHIR stand-in, the schema registry) are "http-servers"; the embedded broker's threads (request handlers,
 * network threads, group and transaction coordinators, KRaft) are "broker"; consumers' heartbeat threads carry the
 * group id ({@code | phigate-<role>}, {@code | bench-identity-<role>}) and count for their role; everything else (the
 * bench's own clients) is "other". One JVM
 * has one heap, so memory per role is the bytes its threads allocated, not a heap share.
 */
final class RoleCpu {
  private final com.sun.management.ThreadMXBean mx =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  private static final java.util.regex.Pattern WORKER = java.util.regex.Pattern.compile("phigate-([a-z]+)-worker");
  private static final java.util.regex.Pattern HEARTBEAT =
      java.util.regex.Pattern.compile("kafka-coordinator-heartbeat-thread \\| (phigate|bench-identity)-([a-z]+)");
  /** The in-JVM KRaft broker's own threads (Kafka 4.x names). */
  private static final java.util.regex.Pattern BROKER = java.util.regex.Pattern.compile("data-plane-kafka-.*"
      + "|kafka-\\d+-(raft|metadata).*|kafka-scheduler-.*|kafka-log-cleaner.*|(group|share)-coordinator-.*"
      + "|share-group-.*|TxnMarkerSenderThread-.*|AddPartitionsToTxnSenderThread-.*|transaction-log-manager-.*"
      + "|quorum-controller-.*|(broker|controller)-\\d+-.*|ExpirationReaper-.*|executor-.*|raft-.*"
      + "|client-metrics-reaper|log-closing-.*|LogDirFailureHandler");
  private Map<Long, long[]> start = new HashMap<>();

  /** CPU seconds and allocated MB per role since {@link #mark}. */
  record Usage(double cpuSeconds, double allocatedMb) {}

  void mark() {
    start = snapshot();
  }

  Map<String, Usage> since() {
    Map<Long, long[]> now = snapshot();
    Map<String, double[]> sums = new TreeMap<>();
    Map<Long, String> names = new HashMap<>();
    for (var info : mx.getThreadInfo(mx.getAllThreadIds())) {
      if (info != null) {
        names.put(info.getThreadId(), info.getThreadName());
      }
    }
    now.forEach((id, v) -> {
      long[] s = start.getOrDefault(id, new long[] {0, 0});
      double[] acc = sums.computeIfAbsent(role(names.getOrDefault(id, "")), k -> new double[2]);
      acc[0] += Math.max(0, v[0] - s[0]) / 1e9;
      acc[1] += Math.max(0, v[1] - s[1]) / 1e6;
    });
    Map<String, Usage> out = new TreeMap<>();
    sums.forEach((k, v) -> out.put(k, new Usage(v[0], v[1])));
    return out;
  }

  static String role(String thread) {
    java.util.regex.Matcher worker = WORKER.matcher(thread);
    if (worker.lookingAt()) {
      return worker.group(1);
    }
    java.util.regex.Matcher heartbeat = HEARTBEAT.matcher(thread);
    if (heartbeat.lookingAt()) {
      return (heartbeat.group(1).equals("bench-identity") ? "identity-" : "") + heartbeat.group(2);
    }
    if (BROKER.matcher(thread).matches()) {
      return "broker";
    }
    if (thread.startsWith("minilm-embed")) {
      // MiniLM's own pool: the embedded model's and the safety net's crisis detector's embeddings
      return "inference";
    }
    if (thread.startsWith("qtp")) {
      // Jetty's pool: the in-process FHIR stand-in's and the schema registry's request threads, not PHIGate's work
      return "http-servers";
    }
    for (String prefix : new String[] {"bench-identity-", "bench-"}) {
      int at = thread.indexOf(prefix);
      if (at >= 0) {
        String rest = thread.substring(at + prefix.length());
        String role = rest.contains("-") ? rest.substring(0, rest.indexOf("-StreamThread") > 0
            ? rest.indexOf("-StreamThread") : rest.indexOf('-')) : rest;
        return (prefix.equals("bench-identity-") ? "identity-" : "") + role;
      }
    }
    return "other";
  }

  private Map<Long, long[]> snapshot() {
    Map<Long, long[]> out = new HashMap<>();
    long[] ids = mx.getAllThreadIds();
    long[] alloc = mx.getThreadAllocatedBytes(ids);
    for (int i = 0; i < ids.length; i++) {
      long cpu = mx.getThreadCpuTime(ids[i]);
      if (cpu >= 0) {
        out.put(ids[i], new long[] {cpu, Math.max(0, alloc[i])});
      }
    }
    return out;
  }
}
