package org.phigate.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** The table `bench intake` prints: one row per payload and way in, and the notes saying what each column measures. */
final class IntakeReport {
  private final PrintStream out;
  private final int messages;

  IntakeReport(PrintStream out, int messages) {
    this.out = out;
    this.messages = messages;
  }

  void header(int threads) {
    out.printf("%-12s %-6s %-46s %6s %8s %8s %8s %10s %10s %6s %9s %9s %9s %6s %8s %s%n", "payload", "path",
        "measures", "msgs", "msg/s", "p50 ms", "p99 ms", "parse 1t/s", "parse " + threads + "t/s", "ratio", "cpu ms",
        "edge cpu", "parse cpu", "cpu r.", "cpu r." + threads + "t", "groups");
  }

  /**
   * One row; {@code rates} = parse-only msg/s on one thread, on the parse pool's threads, and CPU ms per parse on one
   * thread and on the parse pool's threads.
   */
  void row(IntakePayload p, String path, String measures, IntakeCell cell, double[] rates) {
    String groups = cell.groups() <= 0 ? "-" : String.format("%d (%.1f)", cell.groups(),
        (double) cell.records() / cell.groups());
    boolean edge = !Double.isNaN(cell.edgeCpuMsPerMessage());
    out.printf("%-12s %-6s %-46s %6d %8.0f %8.1f %8.1f %10.0f %10.0f %6.2f %9.2f %9s %9.2f %6s %8s %s%n",
        p.name(), path, measures, messages, cell.rate(), cell.latency().percentileMs(50),
        cell.latency().percentileMs(99), rates[0], rates[1], cell.rate() / rates[1], cell.cpuMsPerMessage(),
        edge ? String.format("%.2f", cell.edgeCpuMsPerMessage()) : "-", rates[2],
        edge ? String.format("%.2f", rates[2] / cell.edgeCpuMsPerMessage()) : "-",
        edge ? String.format("%.2f", rates[3] / cell.edgeCpuMsPerMessage()) : "-", groups);
    if (!cell.edgeCpuSplit().isEmpty()) {
      StringBuilder split = new StringBuilder();
      cell.edgeCpuSplit().forEach((group, ms) -> split.append(split.length() == 0 ? "" : ", ")
          .append(group).append(String.format(" %.2f", ms)));
      out.printf("%-12s %-6s   edge cpu ms per message by threads: %s%n", "", "", split);
    }
    if (!cell.processCpuSplit().isEmpty()) {
      StringBuilder split = new StringBuilder();
      cell.processCpuSplit().forEach((group, ms) -> split.append(split.length() == 0 ? "" : ", ")
          .append(group).append(group.startsWith("warm-up") ? String.format(" %.0f", ms)
              : String.format(" %.2f", ms)));
      out.printf("%-12s %-6s   whole JVM cpu ms per message: %s%n", "", "", split);
    }
  }

  void notes(String loadBefore, int senders) {
    out.printf("%nkafka rows: one producer writes a burst of %d records (keyed, content-type header) to "
        + "phigate.intake.raw; the clock runs from the first send to the last normalized record a read_committed "
        + "consumer sees on phigate.events.normalized; latency = seen - the raw record's timestamp, so it includes "
        + "queueing behind the burst and the exactly-once commit interval.%n", messages);
    out.printf("mllp/rest rows: %d senders, each sending its next message once the previous one's AA / 202 "
        + "arrived (closed loop); the edge parses and validates fully before answering; latency = send -> answer; "
        + "groups = broker writes by the edge's group commit (records per group in brackets).%n", senders);
    out.println("parse 1t/s and parse Nt/s: HAPI's parse-only rate of the same payloads (PipeParser.parse, or HAPI's "
        + "FHIR JSON parser alone, which builds every narrative's XHTML DOM), with the parser configuration intake "
        + "uses (HL7: the v2.6 model, no validation, unknown segments inline; FHIR: HAPI's strict error handler, as "
        + "the REST edge), on one thread and on as many threads as the edges' parse pool, measured right before each "
        + "row (up to 10 s each); ratio = msg/s / parse Nt/s (the same thread count). The edge rows share the cores "
        + "with the broker and the senders, which the parse-only run does not.");
    out.println("cpu ms: CPU time of this whole JVM (edges or the intake role, broker, senders) per message over the "
        + "row; edge cpu: CPU of the edges' own threads only (parse pool, MLLP connections or Jetty, group commit "
        + "and its producer's i/o thread, split by these groups under each row), not the broker's or the senders'; "
        + "parse cpu: CPU ms per message of the one-thread parse-only run; cpu r. = parse cpu / edge cpu, the ratio "
        + "an edge would reach on cores of its own; cpu r.Nt the same with the CPU per parse of the parse-only run on "
        + "as many threads as the edges' parse pool (the two differ by JIT warm-up and load as much as by the "
        + "thread count). The CPU figures depend far less on the machine's load than the rates do.");
    out.printf("load average (1/5/15 min): before %s, after %s%n", loadBefore, load());
  }

  static String load() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      double one = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
      return one < 0 ? "unknown" : String.format("%.2f", one);
    }
  }
}
