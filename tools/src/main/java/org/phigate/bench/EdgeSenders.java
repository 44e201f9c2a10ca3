package org.phigate.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.phigate.intake.GroupCommitter;
import org.phigate.intake.mllp.MllpClient;
import org.phigate.runtime.IntakeListeners;

/**
 * The MLLP and REST rows of `bench intake`: edge in -> durable on phigate.intake.raw. Closed-loop senders, each on
 * its own connection sending its next message once the previous one's AA / 202 arrived; latency is send -> answer.
 */
final class EdgeSenders {
  private final IntakeListeners edges;
  private final int messages;
  private final int senders;
  /** Warm-up rounds the last row took. */
  private int warmRounds;

  EdgeSenders(IntakeListeners edges, int messages, int senders) {
    this.edges = edges;
    this.messages = messages;
    this.senders = senders;
  }

  /** HL7 v2 over MLLP; every answer must be AA. */
  IntakeCell mllp(IntakePayload p) throws Exception {
    return concurrently(p, (client, message) -> {
      String ack = client.exchange(message);
      if (ack == null || !"AA".equals(MllpClient.ackCode(ack))) {
        throw new IllegalStateException("MLLP answered other than AA");
      }
    }, () -> MllpClient.connect(edges.mllp().port()), 2_000_000);
  }

  /** FHIR over REST (POST [base]); every answer must be 202. */
  IntakeCell rest(IntakePayload p) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    URI base = URI.create(edges.rest().baseUrl());
    return concurrently(p, (none, message) -> {
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

  /** Warm-up rounds stop once the JIT compilers used less than this much CPU per message over the last one. */
  static final double WARM_JIT_MS = 0.05;
  /** At most this many warm-up rounds (each of as many messages as the measured round). */
  static final int MAX_WARM_ROUNDS = 12;

  /**
   * Senders in a closed loop, each over its own connection: first warm-up rounds of as many messages (other ids),
   * unmeasured, until the JIT compilers are nearly idle ({@link #WARM_JIT_MS}), as in an edge that has run for a
   * while (after one warm-up connection of 200 messages, HAPI's v2.6 model classes alone kept the compilers busy for
   * 0.4-0.8 ms of CPU per message during the measured round, more than connections, group commit and producer
   * together), then the measured round.
   */
  private IntakeCell concurrently(IntakePayload p, Exchange exchange, Connect connect, int base) throws Exception {
    double jitMs = Double.NaN;
    int rounds = 0;
    while (rounds < MAX_WARM_ROUNDS && !(jitMs < WARM_JIT_MS)) {
      long jit0 = EdgeCpu.nativeNanos().getOrDefault("jit", 0L);
      closedLoop(p.build(base + 500_000 + rounds * messages, messages), exchange, connect, new Latencies(messages));
      jitMs = (EdgeCpu.nativeNanos().getOrDefault("jit", 0L) - jit0) / 1e6 / messages;
      rounds++;
    }
    warmRounds = rounds;
    byte[][] batch = p.build(base, messages);
    Latencies latency = new Latencies(messages);
    GroupCommitter committer = edges.gateway().committer();
    long groups0 = committer.groups();
    long records0 = committer.records();
    long t0 = System.nanoTime();
    long cpu0 = EdgeCpu.processNanos();
    Map<Long, EdgeCpu.ThreadCpu> edge0 = EdgeCpu.edgeNanos();
    Map<Long, EdgeCpu.ThreadCpu> all0 = EdgeCpu.allNanos();
    Map<String, Long> native0 = EdgeCpu.nativeNanos();
    long sendersNanos = closedLoop(batch, exchange, connect, latency);
    double wall = (System.nanoTime() - t0) / 1e9;
    Map<Long, EdgeCpu.ThreadCpu> edge1 = EdgeCpu.edgeNanos();
    Map<Long, EdgeCpu.ThreadCpu> all1 = EdgeCpu.allNanos();
    Map<String, Long> native1 = EdgeCpu.nativeNanos();
    long process = EdgeCpu.processNanos() - cpu0;
    Map<String, Double> split = EdgeCpu.byGroup(edge0, edge1);
    split.replaceAll((group, ms) -> ms / messages);
    double edgeMs = split.values().stream().mapToDouble(Double::doubleValue).sum();
    EdgeCpu.byGroup(edge0, edge1, true).forEach((group, ms) -> split.put(group + " kernel", ms / messages));
    Map<String, Double> whole = EdgeCpu.wholeByGroup(all0, all1);
    whole.merge("senders", sendersNanos / 1e6, Double::sum); // their threads ended before the snapshot
    double java = whole.values().stream().mapToDouble(Double::doubleValue).sum();
    double gc = (native1.getOrDefault("gc", 0L) - native0.getOrDefault("gc", 0L)) / 1e6;
    double jit = (native1.getOrDefault("jit", 0L) - native0.getOrDefault("jit", 0L)) / 1e6;
    whole.put("gc", gc);
    whole.put("jit", jit);
    whole.put("other native", process / 1e6 - java - gc - jit);
    whole.replaceAll((group, ms) -> ms / messages);
    whole.put("warm-up rounds", (double) warmRounds);
    return new IntakeCell(messages / wall, latency, committer.groups() - groups0, committer.records() - records0,
        process / 1e6 / messages, edgeMs, split, whole);
  }

  /**
   * Sends every message of the batch, each sender over its own connection, and waits for every answer; returns the
   * CPU nanoseconds of the sender threads (not of the HTTP client's own threads, which outlive them).
   */
  private long closedLoop(byte[][] batch, Exchange exchange, Connect connect, Latencies latency) throws Exception {
    java.util.concurrent.atomic.AtomicInteger named = new java.util.concurrent.atomic.AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(senders,
        r -> new Thread(r, EdgeCpu.SENDER_THREAD + named.incrementAndGet()));
    try {
      List<Future<Long>> done = new ArrayList<>();
      for (int s = 0; s < senders; s++) {
        int sender = s;
        done.add(pool.submit(() -> {
          java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
          long cpu0 = mx.getCurrentThreadCpuTime();
          try (MllpClient client = connect.open()) {
            for (int i = sender; i < batch.length; i += senders) {
              long start = System.nanoTime();
              exchange.send(client, batch[i]);
              latency.add(System.nanoTime() - start);
            }
          }
          return mx.getCurrentThreadCpuTime() - cpu0;
        }));
      }
      long cpu = 0;
      for (Future<Long> f : done) {
        cpu += f.get();
      }
      return cpu;
    } finally {
      pool.shutdownNow();
    }
  }
}
