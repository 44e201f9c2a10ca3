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

  /** Senders in a closed loop, each over its own connection, after 200 warm-up messages on one of them. */
  private IntakeCell concurrently(IntakePayload p, Exchange exchange, Connect connect, int base) throws Exception {
    try (MllpClient warm = connect.open()) {
      for (byte[] message : p.build(base + 500_000, 200)) {
        exchange.send(warm, message);
      }
    }
    byte[][] batch = p.build(base, messages);
    Latencies latency = new Latencies(messages);
    GroupCommitter committer = edges.gateway().committer();
    long groups0 = committer.groups();
    long records0 = committer.records();
    ExecutorService pool = Executors.newFixedThreadPool(senders);
    try {
      long t0 = System.nanoTime();
      long cpu0 = EdgeCpu.processNanos();
      Map<Long, EdgeCpu.ThreadCpu> edge0 = EdgeCpu.edgeNanos();
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
      double wall = (System.nanoTime() - t0) / 1e9;
      Map<Long, EdgeCpu.ThreadCpu> edge1 = EdgeCpu.edgeNanos();
      Map<String, Double> split = EdgeCpu.byGroup(edge0, edge1);
      split.replaceAll((group, ms) -> ms / messages);
      double edgeMs = split.values().stream().mapToDouble(Double::doubleValue).sum();
      EdgeCpu.byGroup(edge0, edge1, true).forEach((group, ms) -> split.put(group + " kernel", ms / messages));
      return new IntakeCell(messages / wall, latency, committer.groups() - groups0, committer.records() - records0,
          (EdgeCpu.processNanos() - cpu0) / 1e6 / messages, edgeMs, split);
    } finally {
      pool.shutdownNow();
    }
  }
}
