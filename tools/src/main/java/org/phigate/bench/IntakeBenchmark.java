package org.phigate.bench;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.phigate.catalog.TopicSerdes;
import org.phigate.config.CommonConfig;
import org.phigate.config.IntakeConfig;
import org.phigate.config.Settings;
import org.phigate.embedded.EmbeddedKafkaBroker;
import org.phigate.embedded.InMemorySchemaRegistry;
import org.phigate.intake.IntakeGateway;
import org.phigate.intake.IntakeStage;
import org.phigate.runtime.IntakeListeners;
import org.phigate.runtime.PipelineRuntime;
import org.phigate.runtime.Role;
import org.phigate.runtime.RoleTopologies;
import org.phigate.runtime.TopicProvisioner;

/**
 * `phigate bench intake`: ADT, ORU and FHIR Bundles on the embedded KRaft broker, three ways in, each row saying what
 * it measures: over MLLP and FHIR REST, edge in -> durable on phigate.intake.raw ({@link EdgeSenders}); over Kafka,
 * raw record in -> normalized record committed ({@link KafkaIntakeCell}). Beside throughput: p50/p99 latency, and
 * HAPI's parse-only rate of the same payloads ({@link ParseBaseline}) on one thread and on the edges' parse-pool
 * size, measured in the same run, with the ratio at the same thread count; CPU per message of the whole JVM and of
 * the edges' own threads ({@link EdgeCpu}) beside the parse-only CPU ({@link IntakeReport}).
 */
public final class IntakeBenchmark {
  private final int messages;
  private final int senders;
  private final PrintStream out;
  private final IntakeReport report;
  private Set<String> paths = Set.of("kafka", "mllp", "rest");

  public IntakeBenchmark(int messages, int senders, PrintStream out) {
    this.messages = messages;
    this.senders = senders;
    this.out = out;
    this.report = new IntakeReport(out, messages);
  }

  /** Only these ways in (kafka, mllp, rest). */
  public IntakeBenchmark paths(Set<String> which) {
    this.paths = Set.copyOf(which);
    return this;
  }

  public void run() throws Exception {
    List<IntakePayload> payloads = IntakePayload.standard();
    Path work = Files.createTempDirectory("phigate-bench-");
    String loadBefore = IntakeReport.load();
    out.println("[bench] starting the embedded KRaft broker ...");
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(work.resolve("kafka"))) {
      CommonConfig common = new CommonConfig(Settings.of(Map.of(
          CommonConfig.BOOTSTRAP.name(), broker.bootstrapServers(), CommonConfig.TENANT.name(), "bench",
          CommonConfig.EVENT_KEY.name(), org.phigate.security.Keys.randomBase64(),
          CommonConfig.TOPIC_PARTITIONS.name(), "2", CommonConfig.TOPIC_REPLICATION.name(), "1",
          CommonConfig.REPLICATION.name(), "1", CommonConfig.STATE_DIR.name(), work.resolve("state").toString())));
      TopicProvisioner.ensureTopics(common);
      IntakeConfig config = new IntakeConfig(common);
      TopicSerdes serdes = new TopicSerdes(new InMemorySchemaRegistry());
      int threads = config.parseThreads();
      out.printf("[bench] %d messages per cell, %d concurrent senders (MLLP connections / REST clients); "
          + "%d cores; edges parse on %d threads and group-commit to the broker%n", messages, senders,
          Runtime.getRuntime().availableProcessors(), threads);
      Map<String, ParseBaseline> parse = new LinkedHashMap<>();
      for (IntakePayload p : payloads) {
        parse.put(p.name(), baseline(p));
      }
      report.header(threads);
      // the Streams role runs only for the Kafka rows, so it does not share the CPU with the edges' rows
      if (paths.contains("kafka")) {
        kafkaRows(payloads, common, serdes, broker, parse, threads);
      }
      IntakeStage stage = RoleTopologies.intakeStage(config, IntakeListeners.audit(config, Clock.systemUTC()));
      try (IntakeListeners edges = IntakeListeners.start(config, IntakeGateway.create(config, serdes, stage,
          Clock.systemUTC()), Clock.systemUTC(), 0, 0)) {
        EdgeSenders cells = new EdgeSenders(edges, messages, senders);
        for (IntakePayload p : payloads) {
          if (paths.contains(p.hl7() ? "mllp" : "rest")) {
            double[] rates = parseRates(parse.get(p.name()), threads);
            report.row(p, p.hl7() ? "mllp" : "rest", "edge in -> durable on phigate.intake.raw",
                p.hl7() ? cells.mllp(p) : cells.rest(p), rates);
          }
        }
      }
    } finally {
      deleteTree(work);
    }
    report.notes(loadBefore, senders);
  }

  private void kafkaRows(List<IntakePayload> payloads, CommonConfig common, TopicSerdes serdes,
                         EmbeddedKafkaBroker broker, Map<String, ParseBaseline> parse, int threads) throws Exception {
    try (PipelineRuntime intake = PipelineRuntime.start(List.of(Role.INTAKE), common, serdes, Clock.systemUTC());
         KafkaIntakeCell cell = new KafkaIntakeCell(broker.bootstrapServers())) {
      intake.awaitRunning(Duration.ofMinutes(2));
      for (IntakePayload p : payloads) {
        double[] rates = parseRates(parse.get(p.name()), threads);
        report.row(p, "kafka", "raw record in -> normalized record committed", cell.run(p, messages), rates);
      }
    }
  }

  /** The bench's broker files and state (synthetic samples only); what cannot be deleted is left in the temp dir. */
  private static void deleteTree(Path dir) {
    try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (java.io.IOException e) {
      // best effort
    }
  }

  /** The parse-only baseline of a payload: HAPI alone on the same messages as its cells. */
  private ParseBaseline baseline(IntakePayload p) {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < messages; i++) {
      texts.add(new String(p.make().apply(i), StandardCharsets.UTF_8).replace("\n", "\r"));
    }
    // the REST edge parses FHIR strictly; the MLLP edge's HL7 parser has one configuration
    return new ParseBaseline(texts, p.hl7(), true);
  }

  /** HAPI's parse-only rate right before a row, on one thread and on as many as the edges' parse pool. */
  private double[] parseRates(ParseBaseline baseline, int threads) {
    double one = baseline.rate(1, messages, 10);
    double cpu = baseline.cpuMsPerParse();
    double many = baseline.rate(threads, messages, 10);
    return new double[] {one, many, cpu, baseline.cpuMsPerParse()};
  }
}
