package org.phigate.bench;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.phigate.catalog.TopicSerdes;
import org.phigate.catalog.Topics;
import org.phigate.config.CommonConfig;
import org.phigate.config.IntakeConfig;
import org.phigate.config.Settings;
import org.phigate.demo.SampleInput;
import org.phigate.embedded.EmbeddedKafkaBroker;
import org.phigate.intake.GroupCommitter;
import org.phigate.intake.IntakeGateway;
import org.phigate.runtime.IntakeListeners;
import org.phigate.intake.IntakeParser;
import org.phigate.intake.mllp.MllpClient;
import org.phigate.intake.IntakeStage;
import org.phigate.embedded.InMemorySchemaRegistry;
import org.phigate.runtime.RoleTopologies;
import org.phigate.runtime.PipelineRuntime;
import org.phigate.runtime.Role;
import org.phigate.runtime.TopicProvisioner;
import org.phigate.streams.ProducerFactory;

/**
 * `phigate bench intake`: ADT, ORU and FHIR Bundles on the embedded KRaft broker, three ways in, each row saying what
 * it measures: over MLLP and FHIR REST, edge in -> durable on phigate.intake.raw (concurrent senders, each waiting for
 * its AA / 202, which the edge sends once the broker acknowledged the record's group commit); over Kafka, raw record
 * in -> normalized record committed (the intake Streams role, exactly-once, parsing what a producer wrote). Beside
 * throughput: p50/p99 latency, and HAPI's parse-only rate of the same payloads with intake's parser configuration on
 * one thread and on the edges' parse-pool size, measured in the same run, with the ratio at the same thread count;
 * CPU per message of the whole JVM and of the edges' own threads beside the parse-only CPU. The machine's load
 * average is printed before and after.
 */
public final class IntakeBenchmark {
  private record Payload(String name, String contentType, IntFunction<byte[]> make) {}

  /** One row: msgs/s over the cell, latency percentiles, and the edge's group commits during it (edges only). */
  private record Cell(double rate, Latencies latency, long groups, long records, double cpuMsPerMessage,
                      double edgeCpuMsPerMessage) {}

  /** CPU time of the whole process (edges or Streams role, broker, senders) in nanoseconds. */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** Threads of the edges themselves: parse pool, connections, Jetty, group commit and its producer. */
  private static final List<String> EDGE_THREADS = List.of("phigate-intake-parse-", "phigate-mllp-", "qtp",
      "phigate-intake-group-commit");

  /** CPU time of the edges' own threads (not the broker's, not the senders'), per thread id. */
  private static Map<Long, Long> edgeCpuNanos() {
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    Map<Long, Long> cpu = new java.util.HashMap<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      // the edge producer's network thread is named after its client id, "<instance>-intake-edge"
      if (EDGE_THREADS.stream().anyMatch(t.getName()::startsWith) || t.getName().endsWith("-intake-edge")) {
        long nanos = mx.getThreadCpuTime(t.getId());
        if (nanos > 0) {
          cpu.put(t.getId(), nanos);
        }
      }
    }
    return cpu;
  }

  private static double edgeCpuMs(Map<Long, Long> before, Map<Long, Long> after) {
    long sum = 0;
    for (Map.Entry<Long, Long> e : after.entrySet()) {
      sum += e.getValue() - before.getOrDefault(e.getKey(), 0L);
    }
    return sum / 1e6;
  }

  private static final Duration CELL_TIMEOUT = Duration.ofMinutes(10);
  private final int messages;
  private final int senders;
  private final PrintStream out;

  private java.util.Set<String> paths = java.util.Set.of("kafka", "mllp", "rest");

  public IntakeBenchmark(int messages, int senders, PrintStream out) {
    this.messages = messages;
    this.senders = senders;
    this.out = out;
  }

  /** Only these ways in (kafka, mllp, rest). */
  public IntakeBenchmark paths(java.util.Set<String> which) {
    this.paths = java.util.Set.copyOf(which);
    return this;
  }

  public void run() throws Exception {
    List<Payload> payloads = List.of(
        hl7("ADT^A01", "ADT-A01-01.hl7"), hl7("ORU^R01", "ORU-R01-01.hl7"),
        new Payload("FHIR Bundle", IntakeParser.FHIR_JSON, fhir("Bundle-bundle-transaction.json")));
    Path work = Files.createTempDirectory("phigate-bench-");
    String loadBefore = load();
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
      out.printf("[bench] %d messages per cell, %d concurrent senders (MLLP connections / REST clients); "
          + "%d cores; edges parse on %d threads and group-commit to the broker%n", messages, senders,
          Runtime.getRuntime().availableProcessors(), config.parseThreads());
      int threads = config.parseThreads();
      Map<String, ParseBaseline> parse = new java.util.LinkedHashMap<>();
      for (Payload p : payloads) {
        parse.put(p.name(), baseline(p));
      }
      header(threads);
      // the Streams role runs only for the Kafka rows, so it does not share the CPU with the edges' rows
      if (paths.contains("kafka")) {
        kafkaRows(payloads, common, serdes, broker, parse, threads);
      }
      IntakeStage stage = RoleTopologies.intakeStage(config, IntakeListeners.audit(config, Clock.systemUTC()));
      try (IntakeListeners edges = IntakeListeners.start(config, IntakeGateway.create(config, serdes, stage,
          Clock.systemUTC()), Clock.systemUTC(), 0, 0)) {
        for (Payload p : payloads) {
          boolean hl7 = p.contentType().equals(IntakeParser.HL7_V2);
          if (!paths.contains(hl7 ? "mllp" : "rest")) {
            continue;
          }
          double[] rates = parseRates(parse.get(p.name()), threads);
          report(p, hl7 ? "mllp" : "rest", "edge in -> durable on phigate.intake.raw",
              hl7 ? mllp(edges, p) : rest(edges, p), rates);
        }
      }
    } finally {
      deleteTree(work);
    }
    notes(loadBefore);
  }

  private void kafkaRows(List<Payload> payloads, CommonConfig common, TopicSerdes serdes, EmbeddedKafkaBroker broker,
                         Map<String, ParseBaseline> parse, int threads) throws Exception {
    try (PipelineRuntime intake = PipelineRuntime.start(List.of(Role.INTAKE), common, serdes, Clock.systemUTC());
         KafkaProducer<String, byte[]> producer = producer(broker.bootstrapServers());
         KafkaConsumer<byte[], byte[]> normalized = consumer(broker.bootstrapServers())) {
      intake.awaitRunning(Duration.ofMinutes(2));
      for (Payload p : payloads) {
        double[] rates = parseRates(parse.get(p.name()), threads);
        report(p, "kafka", "raw record in -> normalized record committed", kafka(producer, normalized, p),
            rates);
      }
    }
  }

  private void notes(String loadBefore) {
    out.printf("%nkafka rows: one producer writes a burst of %d records (keyed, content-type header) to "
        + "phigate.intake.raw; the clock runs from the first send to the last normalized record a read_committed "
        + "consumer sees on phigate.events.normalized; latency = seen - the raw record's timestamp, so it includes "
        + "queueing behind the burst and the exactly-once commit interval.%n", messages);
    out.printf("mllp/rest rows: %d senders, each sending its next message once the previous one's AA / 202 "
        + "arrived (closed loop); the edge parses and validates fully before answering; latency = send -> answer; "
        + "groups = broker writes by the edge's group commit (records per group in brackets).%n", senders);
    out.println("parse 1t/s and parse Nt/s: HAPI's parse-only rate of the same payloads (PipeParser.parse, or the "
        + "FHIR JSON parser alone), with the parser configuration intake uses (HL7: the v2.6 model, no validation, "
        + "unknown segments inline; FHIR: HAPI's strict error handler, as the REST edge), on one thread and on as "
        + "many threads as the edges' parse pool, measured right before each row (up to 10 s each); ratio = msg/s / "
        + "parse Nt/s (the same thread count). The edge rows share the cores with the broker and the senders, "
        + "which the parse-only run does not.");
    out.println("cpu ms: CPU time of this whole JVM (edges or the intake role, broker, senders) per message over the "
        + "row; edge cpu: CPU of the edges' own threads only (parse pool, MLLP connections or Jetty, group commit "
        + "and its producer), not the broker's or the senders'; parse cpu: CPU ms per message of the one-thread "
        + "parse-only run; cpu r. = parse cpu / edge cpu, the ratio an edge would reach on cores of its own. The CPU "
        + "figures depend far less on the machine's load than the rates do.");
    out.printf("load average (1/5/15 min): before %s, after %s%n", loadBefore, load());
  }

  private void header(int threads) {
    out.printf("%-12s %-6s %-46s %6s %8s %8s %8s %10s %10s %6s %9s %9s %9s %6s %s%n", "payload", "path", "measures",
        "msgs", "msg/s", "p50 ms", "p99 ms", "parse 1t/s", "parse " + threads + "t/s", "ratio", "cpu ms", "edge cpu",
        "parse cpu", "cpu r.", "groups");
  }

  private void report(Payload p, String path, String measures, Cell cell, double[] rates) {
    String groups = cell.groups() <= 0 ? "-" : String.format("%d (%.1f)", cell.groups(),
        (double) cell.records() / cell.groups());
    boolean edge = !Double.isNaN(cell.edgeCpuMsPerMessage());
    out.printf("%-12s %-6s %-46s %6d %8.0f %8.1f %8.1f %10.0f %10.0f %6.2f %9.2f %9s %9.2f %6s %s%n", p.name(),
        path, measures, messages, cell.rate(), cell.latency().percentileMs(50), cell.latency().percentileMs(99),
        rates[0], rates[1], cell.rate() / rates[1], cell.cpuMsPerMessage(),
        edge ? String.format("%.2f", cell.edgeCpuMsPerMessage()) : "-", rates[2],
        edge ? String.format("%.2f", rates[2] / cell.edgeCpuMsPerMessage()) : "-", groups);
  }

  /** The bench's broker files and state (synthetic samples only); what cannot be deleted is left in the temp dir. */
  private static void deleteTree(Path dir) {
    try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (java.io.IOException e) {
      // best effort
    }
  }

  private static String load() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (java.io.IOException e) {
      double one = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
      return one < 0 ? "unknown" : String.format("%.2f", one);
    }
  }

  /** The parse-only baseline of a payload: HAPI alone on the same messages as its cells. */
  private ParseBaseline baseline(Payload p) {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < messages; i++) {
      texts.add(new String(p.make().apply(i), StandardCharsets.UTF_8).replace("\n", "\r"));
    }
    // the REST edge parses FHIR strictly; the MLLP edge's HL7 parser has one configuration
    return new ParseBaseline(texts, p.contentType().equals(IntakeParser.HL7_V2), true);
  }

  /** HAPI's parse-only rate right before a row, on one thread and on as many as the edges' parse pool. */
  private double[] parseRates(ParseBaseline baseline, int threads) {
    double one = baseline.rate(1, messages, 10);
    double cpu = baseline.cpuMsPerParse();
    return new double[] {one, baseline.rate(threads, messages, 10), cpu};
  }

  private Cell kafka(KafkaProducer<String, byte[]> producer, KafkaConsumer<byte[], byte[]> normalized, Payload p)
      throws Exception {
    drain(producer, normalized, p, 0, 200, new Latencies(200));
    Latencies latency = new Latencies(messages);
    long cpu0 = processCpuNanos();
    double seconds = drain(producer, normalized, p, 1_000_000, messages, latency);
    return new Cell(messages / seconds, latency, 0, 0, (processCpuNanos() - cpu0) / 1e6 / messages, Double.NaN);
  }

  /**
   * Produces n raw records (built before the clock starts) and waits until n normalized records are committed,
   * timing each; returns the seconds from the first send to the last normalized record seen.
   */
  private static double drain(KafkaProducer<String, byte[]> producer, KafkaConsumer<byte[], byte[]> normalized,
                              Payload p, int first, int n, Latencies latency) throws Exception {
    List<TopicPartition> partitions = normalized.partitionsFor(Topics.EVENTS_NORMALIZED.name()).stream()
        .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
    normalized.assign(partitions);
    normalized.seekToEnd(partitions);
    partitions.forEach(normalized::position);
    byte[][] payloads = build(p, first, n);
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      sendKafka(producer, p, "k" + (first + i), payloads[i]);
    }
    producer.flush();
    long deadline = System.nanoTime() + CELL_TIMEOUT.toNanos();
    int seen = 0;
    while (seen < n) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("only " + seen + " of " + n + " raw records became normalized records in "
            + CELL_TIMEOUT.toMinutes() + " min (dead-lettered?)");
      }
      for (ConsumerRecord<byte[], byte[]> r : normalized.poll(Duration.ofMillis(50))) {
        latency.add(Math.max(0, (System.currentTimeMillis() - r.timestamp()) * 1_000_000L));
        seen++;
      }
    }
    return seconds(t0);
  }

  /** Messages first..first+n-1 of a payload, built ahead so the senders' own work stays out of the clock. */
  private static byte[][] build(Payload p, int first, int n) {
    byte[][] out = new byte[n][];
    for (int i = 0; i < n; i++) {
      out[i] = p.make().apply(first + i);
    }
    return out;
  }

  private static Future<RecordMetadata> sendKafka(KafkaProducer<String, byte[]> producer, Payload p, String key,
                                                  byte[] payload) {
    ProducerRecord<String, byte[]> r = new ProducerRecord<>(Topics.INTAKE_RAW.name(), key, payload);
    r.headers().add(Topics.CONTENT_TYPE_HEADER, p.contentType().getBytes(StandardCharsets.UTF_8));
    return producer.send(r);
  }

  private Cell mllp(IntakeListeners edges, Payload p) throws Exception {
    return concurrently(edges, p, (client, message) -> {
      String ack = client.exchange(message);
      if (ack == null || !"AA".equals(MllpClient.ackCode(ack))) {
        throw new IllegalStateException("MLLP answered other than AA");
      }
    }, () -> MllpClient.connect(edges.mllp().port()), 2_000_000);
  }

  private Cell rest(IntakeListeners edges, Payload p) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    URI base = URI.create(edges.rest().baseUrl());
    return concurrently(edges, p, (none, message) -> {
      HttpResponse<Void> r = http.send(HttpRequest.newBuilder(base).header("Content-Type", p.contentType())
          .POST(HttpRequest.BodyPublishers.ofByteArray(message)).build(),
          HttpResponse.BodyHandlers.discarding());
      if (r.statusCode() != 202) {
        throw new IllegalStateException("REST answered " + r.statusCode());
      }
    }, () -> null, 4_000_000);
  }

  /** Sends a message over a sender's connection (null for REST) and checks the answer. */
  private interface Exchange {
    void send(MllpClient client, byte[] message) throws Exception;
  }

  private interface Connect {
    MllpClient open() throws Exception;
  }

  /** Senders in a closed loop, each over its own connection, after 200 warm-up messages on one of them. */
  private Cell concurrently(IntakeListeners edges, Payload p, Exchange exchange, Connect connect, int base)
      throws Exception {
    try (MllpClient warm = connect.open()) {
      for (byte[] message : build(p, base + 500_000, 200)) {
        exchange.send(warm, message);
      }
    }
    byte[][] batch = build(p, base, messages);
    Latencies latency = new Latencies(messages);
    GroupCommitter committer = edges.gateway().committer();
    long groups0 = committer.groups();
    long records0 = committer.records();
    ExecutorService pool = Executors.newFixedThreadPool(senders);
    try {
      long t0 = System.nanoTime();
      long cpu0 = processCpuNanos();
      Map<Long, Long> edge0 = edgeCpuNanos();
      List<Future<Object>> done = new ArrayList<>();
      for (int s = 0; s < senders; s++) {
        int sender = s;
        done.add(pool.submit(() -> {
          try (MllpClient client = connect.open()) {
            for (int i = sender; i < messages; i += senders) {
              long start = System.nanoTime();
              exchange.send(client, batch[i]);
              latency.add(System.nanoTime() - start);
            }
          }
          return null;
        }));
      }
      for (Future<Object> f : done) {
        f.get();
      }
      double wall = seconds(t0);
      return new Cell(messages / wall, latency, committer.groups() - groups0,
          committer.records() - records0, (processCpuNanos() - cpu0) / 1e6 / messages,
          edgeCpuMs(edge0, edgeCpuNanos()) / messages);
    } finally {
      pool.shutdownNow();
    }
  }

  private static Payload hl7(String name, String file) {
    String text = new String(sample(file), StandardCharsets.ISO_8859_1).replace("\r\n", "\r").replace('\n', '\r');
    String controlId = text.split("\r")[0].split("\\|", -1)[9];
    return new Payload(name, IntakeParser.HL7_V2, i -> text.replaceFirst("\\|" + java.util.regex.Pattern.quote(
        controlId) + "\\|", "|B" + i + "|").getBytes(StandardCharsets.ISO_8859_1));
  }

  private static IntFunction<byte[]> fhir(String file) {
    String text = new String(sample(file), StandardCharsets.UTF_8);
    return i -> text.replaceFirst("\"id\": \"bundle-transaction\"", "\"id\": \"bt-" + i + "\"")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] sample(String file) {
    return SampleInput.shipped().stream().filter(s -> s.name().endsWith("/" + file)).findFirst()
        .orElseThrow().payload();
  }

  private static KafkaProducer<String, byte[]> producer(String bootstrap) {
    return ProducerFactory.of(bootstrap).with(ProducerConfig.LINGER_MS_CONFIG, 5).create(new StringSerializer(),
        new ByteArraySerializer());
  }

  private static KafkaConsumer<byte[], byte[]> consumer(String bootstrap) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, CommonConfig.defaultMaxMessageBytes());
    return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

}
