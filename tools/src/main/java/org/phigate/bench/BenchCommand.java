package org.phigate.bench;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * `phigate bench intake|inference`: intake throughput per payload and path on the embedded broker beside HAPI
 * parse-only, or the embedded triage model's latency and throughput.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks. `bench intake`: ADT, ORU and "
    + "FHIR Bundle throughput over Kafka, MLLP and REST on the embedded broker, next to the HAPI parse-only rate. "
    + "`bench inference`: the embedded triage model, one prompt at a time and batched.")
public final class BenchCommand implements Callable<Integer> {
  @Parameters(index = "0", defaultValue = "intake", description = "What to benchmark: intake or inference.")
  String what;

  @Option(names = "--messages", defaultValue = "3000", description = "Messages per cell (default ${DEFAULT-VALUE}).")
  int messages;

  @Option(names = "--senders", defaultValue = "8", description = "Concurrent MLLP connections / REST clients "
      + "(default ${DEFAULT-VALUE}).")
  int senders;

  @Option(names = "--iterations", defaultValue = "200", description = "Prompts per inference cell (default "
      + "${DEFAULT-VALUE}).")
  int iterations;

  @Override
  public Integer call() throws Exception {
    switch (what) {
      case "intake" -> new IntakeBenchmark(messages, senders, System.out).run();
      case "inference" -> new InferenceBenchmark(iterations, System.out).run();
      default -> {
        System.err.println("phigate bench: unknown benchmark '" + what + "'; use intake or inference");
        return 2;
      }
    }
    return 0;
  }
}
