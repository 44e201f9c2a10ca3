package org.phigate.bench;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * `phigate bench [e2e|intake|ai|writeback]`: the whole pipeline against an identity pipeline; intake throughput per
 * path on the embedded broker; the AI step's throughput; the FHIR write-back's items/s and latency.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks. `bench` (e2e): a mix of ADT, "
    + "ORU with notes, portal messages and FHIR Bundles through an identity pipeline (same hops, exactly-once v2, "
    + "pass-through stages), then the real roles on the embedded broker with a constant-time model stand-in and "
    + "with the embedded model, then at a fixed rate: throughput, the pipeline/identity ratio, the model's own "
    + "batch rate, latency per hop, p50/p99 end to end, CPU per role, write-back to the EHR with --auto-approve; "
    + "JSON and a PNG plot. "
    + "`bench intake`: ADT, ORU and "
    + "FHIR Bundle throughput over Kafka, MLLP and REST on the embedded broker, next to the HAPI parse-only rate. "
    + "`bench ai`: MiniLM batch rate, triage (guard + model + safety net) items/s and p50/p99 per message. "
    + "`bench writeback`: FHIR write-back (patient match + transaction Bundle with Provenance) items/s and p50/p99.")
public final class BenchCommand implements Callable<Integer> {
  @Parameters(index = "0", defaultValue = "e2e", description = "What to benchmark: e2e (default), intake, ai or "
      + "writeback.")
  String what;

  @Option(names = "--mix", defaultValue = "adt=35,oru=30,portal=25,bundle=10", description = "e2e: message kinds "
      + "and weights (default ${DEFAULT-VALUE}).")
  String mix;

  @Option(names = "--large-share", defaultValue = "0.01", description = "e2e: share of ORU and Bundle messages "
      + "inflated to --large-bytes (default ${DEFAULT-VALUE}).")
  double largeShare;

  @Option(names = "--large-bytes", defaultValue = "1048576", description = "e2e: size of a large message "
      + "(default ${DEFAULT-VALUE}).")
  int largeBytes;

  @Option(names = "--partitions", defaultValue = "2", description = "e2e: partitions of every topic "
      + "(default ${DEFAULT-VALUE}).")
  int partitions;

  @Option(names = "--threads", defaultValue = "0", description = "e2e: stream threads per role; 0 (default) = each "
      + "role's own setting (streams.num.stream.threads, default 1; for deid deid.streams.num.stream.threads).")
  int threads;

  @Option(names = "--role-threads", paramLabel = "ROLE=N,...", description = "e2e: stream threads for some roles, "
      + "e.g. deid=2.")
  String roleThreads;

  @Option(names = "--model", defaultValue = "both", description = "e2e: constant (a constant-time stand-in, "
      + "to measure what the pipeline itself costs: the pipeline/identity ratio), embedded (the shipped model), or "
      + "both: the constant-time phase, then the inference role restarted with the embedded model for a second "
      + "phase (its throughput beside the model's own batch rate); the latency phase runs on the last (default "
      + "${DEFAULT-VALUE}).")
  String model;

  @Option(names = "--model-rate", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "e2e: also measure the embedded model's own batch rate (default ${DEFAULT-VALUE}).")
  boolean modelRate;

  @Option(names = "--auto-approve", description = "e2e: approve every held result as a bench reviewer and measure "
      + "approve -> EHR written.")
  boolean autoApprove;

  @Option(names = "--rate", defaultValue = "0", description = "e2e: offered rate (messages/s) of the latency phase; "
      + "0 = half the measured pipeline throughput (default ${DEFAULT-VALUE}).")
  double rate;

  @Option(names = "--json", defaultValue = "target/bench/bench.json", description = "e2e: JSON report "
      + "(default ${DEFAULT-VALUE}).")
  java.nio.file.Path json;

  @Option(names = "--plot", defaultValue = "target/bench/latency.png", description = "e2e: PNG plot of latency "
      + "over time (default ${DEFAULT-VALUE}).")
  java.nio.file.Path plot;

  @Option(names = "--timeout", defaultValue = "600", description = "e2e: seconds a phase may take "
      + "(default ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  @Option(names = "--seed", defaultValue = "7", description = "e2e: seed of the message mix.")
  long seed;

  @Option(names = "--warm-up", defaultValue = "100", description = "e2e: messages sent through the identity "
      + "pipeline and through the roles before their measured phases, not measured (JIT, FHIR context, detector "
      + "dictionaries and models load on first use) (default ${DEFAULT-VALUE}).")
  int warmUp;

  @Option(names = "--patients", defaultValue = "500", description = "e2e: distinct generated patients the messages "
      + "name by MRN; with --auto-approve each gets a chart in the EHR first (default ${DEFAULT-VALUE}).")
  int patients;

  @Option(names = "--identity-messages", defaultValue = "0", description = "e2e: messages of the identity phase; "
      + "0 (default) = 5 x --messages, so that its throughput measures what the identity pipeline carries, not the "
      + "commits a message crosses (at 400 messages the whole phase lasts about as long as one message's trip).")
  int identityMessages;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "e2e: a PHIGate setting every role and the "
      + "identity pipeline run with (repeatable; `phigate config --describe` lists the keys), e.g. --set "
      + "streams.commit.interval.ms=500; the bench's own settings (broker, registry, keys, partitions, threads) win.")
  java.util.Map<String, String> settings = new java.util.LinkedHashMap<>();

  @Option(names = "--rounds", defaultValue = "3", description = "bench ai: rounds over the messages; the best "
      + "counts (default ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--messages", defaultValue = "3000", description = "Messages per cell, or per phase for e2e "
      + "(default ${DEFAULT-VALUE}).")
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

  @Option(names = "--ehr", defaultValue = "memory", description = "bench writeback: memory (the in-process stand-in "
      + "only, default) or jpa (also the HAPI FHIR JPA server in its own JVM on a temporary H2 database, measured "
      + "after the stand-in in the same run). e2e with --auto-approve: the EHR write-back writes to, memory (the "
      + "in-process stand-in, default) or jpa (the JPA server in its own JVM); the generated patients' charts are "
      + "registered in it first.")
  String ehr;

  @Option(names = "--writers", defaultValue = "4", description = "bench writeback: concurrent writers of the "
      + "concurrent row (default ${DEFAULT-VALUE}, write-back's writeback.workers).")
  int writers;

  @Override
  public Integer call() throws Exception {
    if ("writeback".equals(what)) {
      if (!java.util.List.of("memory", "jpa").contains(ehr)) {
        System.err.println("phigate bench: --ehr must be memory or jpa");
        return 2;
      }
      new WritebackBenchmark(messages, fhirUrl, "jpa".equals(ehr), writers, System.out).run();
      return 0;
    }
    if ("ai".equals(what)) {
      new AiBenchmark(rounds, System.out).run();
      return 0;
    }
    if ("e2e".equals(what)) {
      if (!java.util.List.of("constant", "embedded", "both").contains(model)) {
        System.err.println("phigate bench: --model must be constant, embedded or both");
        return 2;
      }
      if (!java.util.List.of("memory", "jpa").contains(ehr)) {
        System.err.println("phigate bench: --ehr must be memory or jpa");
        return 2;
      }
      new EndToEndBenchmark(new EndToEndBenchmark.Options(messages, mix, largeShare, largeBytes, partitions,
          RoleThreads.parse(threads, roleThreads),
          EndToEndBenchmark.ModelChoice.valueOf(model.toUpperCase(java.util.Locale.ROOT)), modelRate, autoApprove, rate, json, plot,
          java.time.Duration.ofSeconds(timeoutSeconds), seed, patients, "jpa".equals(ehr), warmUp, settings,
          identityMessages > 0 ? identityMessages : 5 * messages), System.out).run();
      return 0;
    }
    if (!"intake".equals(what)) {
      System.err.println("phigate bench: unknown benchmark '" + what + "'; use e2e, intake, ai or writeback");
      return 2;
    }
    new IntakeBenchmark(messages, senders, System.out).paths(paths).run();
    return 0;
  }
}
