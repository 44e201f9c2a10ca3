package org.phigate.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The lines that open the end-to-end bench's report: the message mix, the model, partitions, threads, the machine. */
final class RunHeader {
  private RunHeader() {}

  static Map<String, Object> of(EndToEndBenchmark.Options options, List<MessageMix.Message> messages) {
    Map<String, Object> h = new LinkedHashMap<>();
    Map<String, long[]> kinds = new TreeMap<>();
    messages.forEach(m -> {
      long[] k = kinds.computeIfAbsent(m.kind(), x -> new long[3]);
      k[0]++;
      k[1] += m.payload().length;
      k[2] = Math.max(k[2], m.payload().length);
    });
    StringBuilder b = new StringBuilder();
    kinds.forEach((k, v) -> b.append(String.format(Locale.ROOT, "%s %d (avg %.1f KB, max %.1f KB); ", k, v[0],
        v[1] / 1024.0 / v[0], v[2] / 1024.0)));
    h.put("messages", messages.size());
    h.put("mix", b.toString().strip());
    h.put("model", switch (options.model()) {
      case CONSTANT -> "constant-time stand-in (same routine assessment for every prompt)";
      case EMBEDDED -> "embedded (MiniLM + classifier)";
      case BOTH -> "constant-time stand-in, then the embedded model (MiniLM + classifier) in the same run";
    });
    h.put("partitions", options.partitions());
    h.put("streamThreads", options.threads().describe());
    h.put("autoApprove", options.autoApprove());
    if (!options.settings().isEmpty()) {
      h.put("settings", new TreeMap<>(options.settings()));
    }
    h.put("cores", Runtime.getRuntime().availableProcessors());
    h.put("maxHeapMb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
    h.put("loadAverageAtStart", BenchFormat.load());
    return h;
  }
}
