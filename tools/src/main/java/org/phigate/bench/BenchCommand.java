package org.phigate.bench;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * `phigate bench intake|ai|writeback`: intake throughput per path on the embedded broker; the AI step's throughput;
 * the FHIR write-back's items/s and latency.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks. `bench intake`: ADT, ORU and "
    + "FHIR Bundle throughput over Kafka, MLLP and REST on the embedded broker, next to the HAPI parse-only rate. "
    + "`bench ai`: MiniLM batch rate, triage (guard + model + safety net) items/s and p50/p99 per message. "
    + "`bench writeback`: FHIR write-back (patient match + transaction Bundle with Provenance) items/s and p50/p99.")
public final class BenchCommand implements Callable<Integer> {
  @Parameters(index = "0", defaultValue = "intake", description = "What to benchmark: intake, ai or writeback.")
  String what;

  @Option(names = "--rounds", defaultValue = "3", description = "bench ai: rounds over the messages; the best "
      + "counts (default ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--messages", defaultValue = "3000", description = "Messages per cell (default ${DEFAULT-VALUE}).")
  int messages;

  @Option(names = "--senders", defaultValue = "8", description = "Concurrent MLLP connections / REST clients "
      + "(default ${DEFAULT-VALUE}).")
  int senders;

  @Option(names = "--paths", defaultValue = "kafka,mllp,rest", split = ",", description = "bench intake: the ways "
      + "in to measure, any of kafka, mllp, rest (default ${DEFAULT-VALUE}).")
  java.util.Set<String> paths;

  @Option(names = "--fhir-url", description = "bench writeback: the FHIR server to write to (default: an in-process "
      + "stand-in). It gets one Patient and the benchmark's resources.")
  String fhirUrl;

  @Override
  public Integer call() throws Exception {
    if ("writeback".equals(what)) {
      new WritebackBenchmark(messages, fhirUrl, System.out).run();
      return 0;
    }
    if ("ai".equals(what)) {
      new AiBenchmark(rounds, System.out).run();
      return 0;
    }
    if (!"intake".equals(what)) {
      System.err.println("phigate bench: unknown benchmark '" + what + "'; use intake, ai or writeback");
      return 2;
    }
    new IntakeBenchmark(messages, senders, System.out).paths(paths).run();
    return 0;
  }
}
