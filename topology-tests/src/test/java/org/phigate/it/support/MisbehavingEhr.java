package org.phigate.it.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An EHR in front of a real FHIR server that answers some writes with a body HAPI's client cannot parse: a request
 * whose body contains a poisoned marker (a review id) gets 201 and a resource of an unknown type named after PHI, so
 * the client throws a DataFormatException whose message quotes it. It can also answer every request with an error
 * status for a while (an outage), or refuse writes containing a marker with a 4xx; both answers carry an
 * OperationOutcome whose diagnostics quote the planted PHI. Every other request is passed to the real server.
 */
public final class MisbehavingEhr implements AutoCloseable {
  private final HttpServer server;
  private final HttpClient client = HttpClient.newHttpClient();
  private final String target;
  private final Set<String> poisoned = ConcurrentHashMap.newKeySet();
  private final String plantedPhi;
  private volatile long latencyMs;
  private final java.util.Map<String, Integer> refused = new ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.AtomicInteger failing = new java.util.concurrent.atomic.AtomicInteger();
  private final java.util.concurrent.atomic.AtomicInteger errorsSent = new java.util.concurrent.atomic.AtomicInteger();

  private MisbehavingEhr(String targetBaseUrl, String plantedPhi) throws IOException {
    this.target = targetBaseUrl;
    this.plantedPhi = plantedPhi;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/fhir", this::handle);
    server.start();
  }

  /** Starts in front of {@code targetBaseUrl}; garbage answers name a resource type {@code plantedPhi}. */
  public static MisbehavingEhr start(String targetBaseUrl, String plantedPhi) throws IOException {
    return new MisbehavingEhr(targetBaseUrl, plantedPhi);
  }

  /** Writes whose body contains {@code marker} get the garbage answer. */
  public void poison(String marker) {
    poisoned.add(marker);
  }

  /**
   * Every answer is held back by {@code millis}, like a slow EHR; requests are handled one at a time, so this bounds
   * the EHR's throughput (a bounded wait on a delayed future, no sleep).
   */
  public void latency(long millis) {
    latencyMs = millis;
  }

  /** Every request gets {@code status} until {@link #recover()}. */
  public void failAll(int status) {
    failing.set(status);
  }

  public void recover() {
    failing.set(0);
  }

  /** Writes whose body contains {@code marker} get {@code status} until {@link #accept}. */
  public void refuse(String marker, int status) {
    refused.put(marker, status);
  }

  public void accept(String marker) {
    refused.remove(marker);
  }

  /** Error answers sent so far (outage and refusals). */
  public int errorsSent() {
    return errorsSent.get();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/fhir";
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      if (latencyMs > 0) {
        java.util.concurrent.CompletableFuture.runAsync(() -> { }, java.util.concurrent.CompletableFuture
            .delayedExecutor(latencyMs, java.util.concurrent.TimeUnit.MILLISECONDS)).join();
      }
      String text = new String(body, StandardCharsets.UTF_8);
      Integer refusal = refused.entrySet().stream().filter(e -> text.contains(e.getKey())).map(java.util.Map.Entry::getValue)
          .findFirst().orElse(null);
      int status = refusal != null ? refusal : failing.get();
      if (status != 0) {
        errorsSent.incrementAndGet();
        byte[] outcome = ("{\"resourceType\": \"OperationOutcome\", \"issue\": [{\"severity\": \"error\", "
            + "\"code\": \"" + (status >= 500 ? "exception" : "invalid") + "\", \"details\": {\"coding\": [{\"code\": "
            + "\"MSG_PARAM_INVALID\"}], \"text\": \"" + plantedPhi + "\"}, \"diagnostics\": \"patient " + plantedPhi
            + " rejected\"}]}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/fhir+json; charset=UTF-8");
        exchange.sendResponseHeaders(status, outcome.length);
        exchange.getResponseBody().write(outcome);
        return;
      }
      if (poisoned.stream().anyMatch(text::contains)) {
        byte[] garbage = ("{\"resourceType\": \"" + plantedPhi + "\", \"id\": \"1\"}")
            .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/fhir+json; charset=UTF-8");
        exchange.sendResponseHeaders(201, garbage.length);
        exchange.getResponseBody().write(garbage);
        return;
      }
      forward(exchange, body);
    }
  }

  private void forward(HttpExchange exchange, byte[] body) throws IOException {
    String path = exchange.getRequestURI().getRawPath().substring("/fhir".length());
    String query = exchange.getRequestURI().getRawQuery();
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + path + (query == null ? "" : "?"
        + query))).method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
    for (String header : List.of("Content-Type", "Accept", "If-None-Exist", "Prefer")) {
      String value = exchange.getRequestHeaders().getFirst(header);
      if (value != null) {
        request.header(header, value);
      }
    }
    HttpResponse<byte[]> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while forwarding", e);
    }
    response.headers().map().forEach((name, values) -> {
      if (!name.equalsIgnoreCase("content-length") && !name.equalsIgnoreCase("transfer-encoding")
          && !name.startsWith(":")) {
        values.forEach(v -> exchange.getResponseHeaders().add(name, v));
      }
    });
    byte[] answer = response.body();
    exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
    if (answer.length > 0) {
      exchange.getResponseBody().write(answer);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
