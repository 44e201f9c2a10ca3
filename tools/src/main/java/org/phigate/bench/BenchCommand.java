package org.phigate.bench;

import java.util.concurrent.Callable;
import org.phigate.bench.IntakeBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `phigate bench intake`: intake throughput per payload and path on the embedded broker, beside HAPI parse-only. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks. `bench intake`: ADT, ORU and "
    + "FHIR Bundle throughput over Kafka, MLLP and REST on the embedded broker, next to the HAPI parse-only rate.")
public final class BenchCommand implements Callable<Integer> {
  @Parameters(index = "0", defaultValue = "intake", description = "What to benchmark: intake.")
  String what;

  @Option(names = "--messages", defaultValue = "3000", description = "Messages per cell (default ${DEFAULT-VALUE}).")
  int messages;

  @Option(names = "--senders", defaultValue = "8", description = "Concurrent MLLP connections / REST clients "
      + "(default ${DEFAULT-VALUE}).")
  int senders;

  @Override
  public Integer call() throws Exception {
    if (!"intake".equals(what)) {
      System.err.println("phigate bench: unknown benchmark '" + what + "'; use intake");
      return 2;
    }
    new IntakeBenchmark(messages, senders, System.out).run();
    return 0;
  }
}
