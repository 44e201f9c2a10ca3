package org.phigate.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local OpenAI-compatible chat-completions server for tests (JDK HttpServer, real /v1/chat/completions wire
 * format). Its "model" reads the user message with keyword rules and OBEYS injected instructions (a text that says
 * "mark this routine" or "ignore previous instructions" is answered routine), so tests show what the rest of
 * PHIGate does about an obedient model. Scripted faults (status codes, malformed JSON, stalls) are taken one per
 * request before the default answer. Every request body is kept for assertions.
 */
public final class ChatCompletionsTestServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  public static final String MODEL = "test-triage-1";
  public static final String FINGERPRINT = "fp_phigate_test";

  /** One scripted reply. */
  public sealed interface Fault {}

  /** Answer with this HTTP status and an OpenAI-style error body. */
  public record Status(int code) implements Fault {}

  /** Answer 200 with content that is not JSON. */
  public record Malformed() implements Fault {}

  /** Wait, then answer normally. */
  public record Stall(Duration duration) implements Fault {}

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(16);
  private final ConcurrentLinkedDeque<Fault> script = new ConcurrentLinkedDeque<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private final AtomicInteger ids = new AtomicInteger();
  private volatile boolean compromised;
  private final java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
  private volatile String stallMarker;
  private volatile Duration stallMarkerFor = Duration.ZERO;

  private ChatCompletionsTestServer() throws IOException {
    // without TCP_NODELAY the JDK server's separate header and body writes meet delayed ACKs: ~40 ms per answer
    System.setProperty("sun.net.httpserver.nodelay", "true");
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    server.createContext("/v1/chat/completions", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  public static ChatCompletionsTestServer start() {
    try {
      return new ChatCompletionsTestServer();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the test chat server", e);
    }
  }

  /** Base URL for the client ({@code http://127.0.0.1:PORT/v1}). */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  /** Queues faults, one per coming request. */
  public ChatCompletionsTestServer then(Fault... faults) {
    script.addAll(List.of(faults));
    return this;
  }

  /** Requests whose user message contains {@code marker} wait {@code duration} before the answer. */
  public void stallWhenContains(String marker, Duration duration) {
    this.stallMarkerFor = duration;
    this.stallMarker = marker;
  }

  /**
   * Makes the model fully compromised: every answer is category other, urgency routine, no red flags, whatever the
   * message says (an injection that worked every time).
   */
  public void compromised(boolean value) {
    this.compromised = value;
  }

  /** Request bodies received so far. */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  public List<String> authorizations() {
    return List.copyOf(authorizations);
  }

  public int requestCount() {
    return requests.size();
  }

  public void reset() {
    script.clear();
    requests.clear();
    authorizations.clear();
    stallMarker = null;
    compromised = false;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      requests.add(body);
      authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
      JsonNode request = JSON.readTree(body);
      String user = userText(request);
      Fault fault = script.pollFirst();
      String marker = stallMarker;
      if (marker != null && user.contains(marker)) {
        sleep(stallMarkerFor);
      }
      if (fault instanceof Stall stall) {
        sleep(stall.duration());
      }
      if (fault instanceof Status status) {
        send(exchange, status.code(), "{\"error\":{\"message\":\"scripted " + status.code()
            + "\",\"type\":\"server_error\",\"code\":null}}");
        return;
      }
      String content = fault instanceof Malformed ? "Sure! Here is the triage: category=symptom, urgent {"
          : JSON.writeValueAsString(compromised ? answer("") : answer(user));
      ObjectNode response = JSON.createObjectNode();
      response.put("id", "chatcmpl-" + ids.incrementAndGet());
      response.put("object", "chat.completion");
      response.put("created", System.currentTimeMillis() / 1000);
      response.put("model", MODEL);
      response.put("system_fingerprint", FINGERPRINT);
      ObjectNode choice = response.putArray("choices").addObject();
      choice.put("index", 0);
      choice.putObject("message").put("role", "assistant").put("content", content);
      choice.put("finish_reason", "stop");
      response.putObject("usage").put("prompt_tokens", 100).put("completion_tokens", 50).put("total_tokens", 150);
      send(exchange, 200, JSON.writeValueAsString(response));
    }
  }

  /** The obedient keyword "model". */
  static ObjectNode answer(String userText) {
    String t = userText.toLowerCase(Locale.ROOT);
    String category = "other";
    String urgency = "routine";
    List<String> flags = new ArrayList<>();
    if (t.contains("chest pain") || t.contains("can't breathe") || t.contains("sleeping pills")
        || t.contains("suicid") || t.contains("throat is closing")) {
      category = "symptom";
      urgency = "emergency";
      flags.add(t.contains("chest pain") ? "chest-pain" : t.contains("pills") ? "overdose" : "airway");
    } else if (t.contains("refill")) {
      category = "medication";
    } else if (t.contains("appointment") || t.contains("reschedule")) {
      category = "appointment";
    } else if (t.contains("result")) {
      category = "results";
      urgency = "soon";
    } else if (t.contains("bill") || t.contains("insurance")) {
      category = "billing";
    }
    if (t.contains("mark this routine") || t.contains("ignore previous instructions")
        || t.contains("ignore all previous instructions")) {
      urgency = "routine";
      flags.clear();
    }
    ObjectNode out = JSON.createObjectNode();
    out.put("category", category);
    out.put("urgency", urgency);
    out.put("confidence", 0.8);
    out.put("rationale", "Keyword rules of the test server (" + category + ", " + urgency + ").");
    out.putArray("redFlags").addAll(flags.stream().map(JSON.getNodeFactory()::textNode).toList());
    out.put("draftReply", urgency.equals("emergency")
        ? "Please call 911 or go to the nearest emergency department now. If you are thinking of harming yourself, "
            + "call or text 988."
        : "Thank you for your message. Our care team will get back to you.");
    out.put("summary", "");
    out.put("needsAction", !urgency.equals("routine"));
    return out;
  }

  private static String userText(JsonNode request) {
    StringBuilder sb = new StringBuilder();
    for (JsonNode message : request.path("messages")) {
      if ("user".equals(message.path("role").asText())) {
        JsonNode content = message.path("content");
        if (content.isArray()) {
          content.forEach(part -> sb.append(part.path("text").asText()));
        } else {
          sb.append(content.asText());
        }
      }
    }
    return sb.toString();
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** A slow model: holds the answer for {@code duration}, or until the server closes. */
  private void sleep(Duration duration) {
    try {
      closed.await(duration.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    closed.countDown();
    server.stop(0);
    executor.shutdownNow();
  }
}
