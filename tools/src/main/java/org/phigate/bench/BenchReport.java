package org.phigate.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Prints the end-to-end bench's figures, writes them as JSON and plots latency over time as a PNG. */
final class BenchReport {
  private BenchReport() {}

  static void print(PrintStream out, Map<String, Object> header, List<Phase> phases) {
    header.forEach((k, v) -> out.printf(Locale.ROOT, "%-28s %s%n", k, v));
    for (Phase p : phases) {
      out.printf(Locale.ROOT, "%n== %s: %d messages, offered %s, %.1f s, %.1f msg/s (first produce to last record "
          + "on any hop); end to end (produced -> last hop) p50 %.0f ms, p99 %.0f ms; %d AI results; load average "
          + "%s%n", p.name(), p.messages(), p.offeredRate() > 0 ? String.format(Locale.ROOT, "%s/s",
          BenchFormat.fmt(p.offeredRate())) : "as fast as possible", p.seconds(), p.throughput(),
          p.endToEndMs()[0], p.endToEndMs()[1], p.aiResults(), p.load());
      if (p.approveToEhrMs() != null) {
        out.printf(Locale.ROOT, "   approve -> EHR written p50 %.0f ms, p99 %.0f ms; write-back outcomes %s%n",
            p.approveToEhrMs()[0], p.approveToEhrMs()[1], p.ehrOutcomes());
      }
      out.printf(Locale.ROOT, "   %-34s %10s %10s %10s %9s%n", "hop (ms since produced)", "p50", "p99", "stage p50",
          "records");
      for (Map.Entry<String, double[]> e : p.hopLatencyMs().entrySet()) {
        double[] v = e.getValue();
        out.printf(Locale.ROOT, "   %-34s %10.0f %10.0f %10.0f %9.0f%n", e.getKey(), v[0], v[1], v[2], v[3]);
      }
      out.printf(Locale.ROOT, "   %-20s %10s %10s %12s%n", "role", "cpu-s", "cores", "alloc MB");
      p.roles().forEach((role, u) -> out.printf(Locale.ROOT, "   %-20s %10.1f %10.2f %12.0f%n", role,
          u.cpuSeconds(), u.cpuSeconds() / p.seconds(), u.allocatedMb()));
      out.printf(Locale.ROOT, "   peak heap used (whole JVM) %.0f MB%n", p.peakHeapMb());
      out.printf(Locale.ROOT, "   broker requests per message: %s%n", p.brokerRequestsPerMessage());
      if (!p.failures().isEmpty()) {
        out.println("   audited failures by step/reason: " + new java.util.TreeMap<>(p.failures()));
      }
    }
  }

  static void writeJson(Path file, Map<String, Object> header, List<Phase> phases, Map<String, Object> summary)
      throws IOException {
    Map<String, Object> doc = new java.util.LinkedHashMap<>(header);
    doc.put("summary", summary);
    doc.put("phases", phases.stream().map(Phase::toJson).toList());
    Files.createDirectories(file.toAbsolutePath().getParent());
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), doc);
  }

  static void plot(Path file, List<Phase> phases) throws IOException {
    XYSeriesCollection data = new XYSeriesCollection();
    for (Phase p : phases) {
      XYSeries s = new XYSeries(p.name(), false, true);
      for (HopRecorder.Seen seen : p.timeline()) {
        s.add(seen.atMs() / 1000.0, Math.max(1, seen.latencyMs()));
      }
      data.addSeries(s);
    }
    JFreeChart chart = ChartFactory.createScatterPlot("PHIGate end-to-end latency (intake -> review pending)",
        "seconds since the phase started", "latency (ms, log scale)", data, PlotOrientation.VERTICAL, true, false,
        false);
    chart.getXYPlot().setRangeAxis(new LogarithmicAxis("latency (ms, log scale)"));
    Files.createDirectories(file.toAbsolutePath().getParent());
    ChartUtils.saveChartAsPNG(file.toFile(), chart, 1200, 700);
  }
}
