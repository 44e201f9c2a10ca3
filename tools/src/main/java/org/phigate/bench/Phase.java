package org.phigate.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What one phase of the end-to-end bench measured. */
record Phase(String name, int messages, double offeredRate, double seconds, double throughput,
             Map<String, double[]> hopLatencyMs, double[] endToEndMs, double[] approveToEhrMs,
             Map<String, RoleCpu.Usage> roles, double peakHeapMb, List<HopRecorder.Seen> timeline,
             Map<String, Long> failures, Map<String, Long> ehrOutcomes, String load, int aiResults,
             Map<String, Long> brokerRequests) {

  /** This phase with the write-back outcomes counted by status (and dead letters by reason). */
  Phase withEhrOutcomes(Map<String, Long> outcomes) {
    return new Phase(name, messages, offeredRate, seconds, throughput, hopLatencyMs, endToEndMs, approveToEhrMs, roles,
        peakHeapMb, timeline, failures, new java.util.TreeMap<>(outcomes), load, aiResults, brokerRequests);
  }

  /** Items write-back wrote to the EHR (outcome WRITTEN). */
  long written() {
    return ehrOutcomes.getOrDefault("WRITTEN", 0L);
  }

  /** p50, p99 and max of latencies in ms (zeros when empty). */
  static double[] percentiles(List<HopRecorder.Seen> seen) {
    if (seen.isEmpty()) {
      return new double[] {0, 0, 0};
    }
    long[] v = seen.stream().mapToLong(HopRecorder.Seen::latencyMs).sorted().toArray();
    return new double[] {v[(int) Math.floor(0.50 * (v.length - 1))], v[(int) Math.floor(0.99 * (v.length - 1))],
        v[v.length - 1]};
  }

  /** CPU milliseconds per message over every thread of the JVM (stages, broker, bench clients). */
  double cpuMsPerMessage() {
    return roles.values().stream().mapToDouble(RoleCpu.Usage::cpuSeconds).sum() * 1000 / Math.max(1, messages);
  }

  /**
   * CPU milliseconds per message of the work up to review.pending, the part the identity pipeline mirrors: every
   * thread but write-back's and the HTTP servers' (the FHIR stand-in answering write-back, the schema registry).
   */
  double cpuMsPerMessageToReview() {
    return roles.entrySet().stream().filter(e -> !e.getKey().equals("writeback") && !e.getKey().equals("http-servers"))
        .mapToDouble(e -> e.getValue().cpuSeconds()).sum() * 1000 / Math.max(1, messages);
  }

  /** The broker's requests per message, by type (Produce, Fetch, EndTxn, ...). */
  String brokerRequestsPerMessage() {
    StringBuilder b = new StringBuilder();
    brokerRequests.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(e -> b.append(String.format(java.util.Locale.ROOT, "%s %.1f, ", e.getKey(),
            e.getValue() / (double) Math.max(1, messages))));
    return b.length() == 0 ? "(no broker in this JVM)" : b.substring(0, b.length() - 2);
  }

  Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("phase", name);
    m.put("messages", messages);
    m.put("offeredRatePerSecond", offeredRate);
    m.put("seconds", seconds);
    m.put("loadAverage", load);
    m.put("aiResults", aiResults);
    m.put("throughputPerSecond", throughput);
    m.put("endToEndMs", Map.of("p50", endToEndMs[0], "p99", endToEndMs[1], "max", endToEndMs[2]));
    if (approveToEhrMs != null) {
      m.put("approveToEhrMs", Map.of("p50", approveToEhrMs[0], "p99", approveToEhrMs[1], "max", approveToEhrMs[2]));
    }
    Map<String, Object> hops = new LinkedHashMap<>();
    hopLatencyMs.forEach((k, v) -> hops.put(k, Map.of("p50", v[0], "p99", v[1], "stageP50", v[2], "records", v[3])));
    m.put("sinceProducedMsByHop", hops);
    Map<String, Object> r = new LinkedHashMap<>();
    roles.forEach((k, u) -> r.put(k, Map.of("cpuSeconds", u.cpuSeconds(), "cpuCoresBusy", u.cpuSeconds() / seconds,
        "allocatedMb", u.allocatedMb())));
    m.put("roles", r);
    m.put("peakHeapUsedMb", peakHeapMb);
    m.put("cpuMsPerMessage", cpuMsPerMessage());
    m.put("cpuMsPerMessageToReviewPending", cpuMsPerMessageToReview());
    m.put("brokerRequests", new java.util.TreeMap<>(brokerRequests));
    m.put("auditFailuresByStepAndReason", new java.util.TreeMap<>(failures));
    if (approveToEhrMs != null) {
      m.put("ehrOutcomes", ehrOutcomes);
    }
    return m;
  }
}
