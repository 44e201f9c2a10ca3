package org.phigate.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Operations endpoint for SREs: {@code /health} (200 while every role is running or rebalancing, 503 otherwise,
 * with each role's state) and {@code /metrics} (Prometheus: PHIGate step counters by role, outcome and reason code,
 * PHI findings by category, Kafka Streams client metrics per role, JVM, CPU).
 * Metric tags are client ids, topics and partitions only: no record content can reach them.
 */
public final class OpsServer implements AutoCloseable {
  private final HttpServer server;
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final KafkaStreamsMetrics[] streamsMetrics;

  private OpsServer(HttpServer server, PipelineRuntime runtime) {
    this.server = server;
    // PHIGate's own counters (StageMetrics) live in the global registry
    io.micrometer.core.instrument.Metrics.addRegistry(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    this.streamsMetrics = runtime.streams().values().stream().map(KafkaStreamsMetrics::new)
        .toArray(KafkaStreamsMetrics[]::new);
    for (KafkaStreamsMetrics metrics : streamsMetrics) {
      metrics.bindTo(registry);
    }
    server.createContext("/health", exchange -> health(exchange, runtime));
    server.createContext("/metrics", exchange -> respond(exchange, 200, "text/plain; version=0.0.4",
        registry.scrape()));
  }

  /** Starts on host:port (port 0 picks a free port). */
  public static OpsServer start(String host, int port, PipelineRuntime runtime) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
      OpsServer ops = new OpsServer(server, runtime);
      server.start();
      return ops;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + host + ":" + port + " for /health and /metrics; "
          + "set ops.port to a free port or 0 to turn the endpoint off", e);
    }
  }

  public String url() {
    return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
  }

  private static void health(HttpExchange exchange, PipelineRuntime runtime) throws IOException {
    Map<Role, KafkaStreams.State> states = runtime.states();
    boolean healthy = states.values().stream().allMatch(KafkaStreams.State::isRunningOrRebalancing);
    String body = states.entrySet().stream().map(e -> "\"" + e.getKey().id() + "\":\"" + e.getValue() + "\"")
        .collect(Collectors.joining(",", "{\"status\":\"" + (healthy ? "UP" : "DOWN") + "\",\"roles\":{", "}}"));
    respond(exchange, healthy ? 200 : 503, "application/json", body);
  }

  private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    io.micrometer.core.instrument.Metrics.removeRegistry(registry);
    for (KafkaStreamsMetrics metrics : streamsMetrics) {
      metrics.close();
    }
    registry.close();
  }
}
