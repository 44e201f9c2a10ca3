package org.phigate.runtime;

import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.phigate.security.tls.HttpsConnectors;
import org.phigate.security.tls.TlsSettings;

/**
 * Operations endpoint for SREs: {@code /health} (200 while every role is running or rebalancing, 503 otherwise,
 * with each role's state) and {@code /metrics} (Prometheus: PHIGate step counters by role, outcome and reason code,
 * PHI findings by category, Kafka Streams client metrics per role, JVM, CPU).
 * Metric tags are client ids, topics and partitions only: no record content can reach them. Served over HTTPS when
 * {@code ops.tls.keystore} is set (Prometheus {@code scheme: https}, optionally with a client certificate).
 */
public final class OpsServer implements AutoCloseable {
  private static final byte[] NOT_FOUND = "not found: /health or /metrics\n".getBytes(StandardCharsets.UTF_8);
  private final Server jetty;
  private final TlsSettings tls;
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final KafkaStreamsMetrics[] streamsMetrics;

  private OpsServer(Server jetty, TlsSettings tls, PipelineRuntime runtime) {
    this.jetty = jetty;
    this.tls = tls;
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
    jetty.setHandler(new Handler.Abstract() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) {
        switch (Request.getPathInContext(request)) {
          case "/health" -> health(response, callback, runtime);
          case "/metrics" -> respond(response, callback, 200, "text/plain; version=0.0.4",
              registry.scrape().getBytes(StandardCharsets.UTF_8));
          default -> respond(response, callback, 404, "text/plain", NOT_FOUND);
        }
        return true;
      }
    });
  }

  /** Starts on host:port (port 0 picks a free port), plain HTTP. */
  public static OpsServer start(String host, int port, PipelineRuntime runtime) {
    return start(host, port, TlsSettings.none(), runtime);
  }

  /** Starts on host:port (port 0 picks a free port), over HTTPS when {@code tls} has a keystore. */
  public static OpsServer start(String host, int port, TlsSettings tls, PipelineRuntime runtime) {
    Server jetty = new Server();
    ServerConnector connector = HttpsConnectors.create(jetty, host, port, tls);
    jetty.addConnector(connector);
    ErrorHandler errors = new ErrorHandler();
    errors.setShowStacks(false);
    errors.setShowMessageInTitle(false);
    jetty.setErrorHandler(errors);
    OpsServer ops = new OpsServer(jetty, tls, runtime);
    try {
      jetty.start();
      return ops;
    } catch (Exception e) {
      ops.close();
      throw new IllegalStateException("cannot listen on " + host + ":" + port + " for /health and /metrics ("
          + e.getClass().getSimpleName() + "); set ops.port to a free port or 0 to turn the endpoint off, and check "
          + "ops.host and ops.tls.*");
    }
  }

  /** The endpoint's base URL, e.g. {@code https://127.0.0.1:9464}. */
  public String url() {
    ServerConnector connector = (ServerConnector) jetty.getConnectors()[0];
    return HttpsConnectors.scheme(tls) + "://" + connector.getHost() + ":" + connector.getLocalPort();
  }

  private static void health(Response response, Callback callback, PipelineRuntime runtime) {
    Map<Role, KafkaStreams.State> states = runtime.states();
    boolean healthy = states.values().stream().allMatch(KafkaStreams.State::isRunningOrRebalancing);
    String body = states.entrySet().stream().map(e -> "\"" + e.getKey().id() + "\":\"" + e.getValue() + "\"")
        .collect(Collectors.joining(",", "{\"status\":\"" + (healthy ? "UP" : "DOWN") + "\",\"roles\":{", "}}"));
    respond(response, callback, healthy ? 200 : 503, "application/json", body.getBytes(StandardCharsets.UTF_8));
  }

  private static void respond(Response response, Callback callback, int status, String type, byte[] body) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
    response.write(true, ByteBuffer.wrap(body), callback);
  }

  @Override
  public void close() {
    try {
      jetty.stop();
    } catch (Exception e) {
      // already stopped
    }
    io.micrometer.core.instrument.Metrics.removeRegistry(registry);
    for (KafkaStreamsMetrics metrics : streamsMetrics) {
      metrics.close();
    }
    registry.close();
  }
}
