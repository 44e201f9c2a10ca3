package org.phigate.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.phigate.embedded.InMemorySchemaRegistry;
import org.phigate.registry.SchemaRegistryClient.RegisteredSchema;
import org.phigate.registry.SchemaRegistryException;

/**
 * The demo's in-process schema registry: the Confluent REST subset PHIGate uses, served on 127.0.0.1 by the JDK
 * HTTP server and backed by {@link InMemorySchemaRegistry} (global ids, BACKWARD compatibility, Confluent errors).
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {
  private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final InMemorySchemaRegistry registry;
  private final HttpServer server;
  private final ExecutorService executor;

  private EmbeddedSchemaRegistry(InMemorySchemaRegistry registry, HttpServer server, ExecutorService executor) {
    this.registry = registry;
    this.server = server;
    this.executor = executor;
  }

  /** Starts an empty registry on a free port. */
  public static EmbeddedSchemaRegistry start() {
    return start(new InMemorySchemaRegistry(), 0);
  }

  /** Serves registry on port (0 = a free port). */
  public static EmbeddedSchemaRegistry start(InMemorySchemaRegistry registry, int port) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
      ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "phigate-schema-registry");
        t.setDaemon(true);
        return t;
      });
      EmbeddedSchemaRegistry embedded = new EmbeddedSchemaRegistry(registry, server, executor);
      server.createContext("/", embedded::handle);
      server.setExecutor(executor);
      server.start();
      return embedded;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Base URL for Confluent-API clients, e.g. {@code http://127.0.0.1:PORT}. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The backing registry. */
  public InMemorySchemaRegistry registry() {
    return registry;
  }

  /** Stops the HTTP server. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      int status = 200;
      Object body;
      try {
        body = route(exchange.getRequestMethod(), segments(exchange), exchange);
      } catch (SchemaRegistryException e) {
        status = httpStatus(e.errorCode());
        body = error(e.errorCode(), e.getMessage());
      } catch (RuntimeException e) {
        status = 500;
        body = error(50001, "Error in the backend data store");
      }
      byte[] bytes = JSON.writeValueAsBytes(body);
      exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private Object route(String method, List<String> p, HttpExchange exchange) throws IOException {
    int n = p.size();
    if (n == 1 && p.get(0).equals("subjects") && method.equals("GET")) {
      return registry.subjects();
    }
    if (n == 3 && p.get(0).equals("subjects") && p.get(2).equals("versions")) {
      if (method.equals("GET")) {
        List<Integer> numbers = new ArrayList<>();
        for (int v = 1; v <= registry.versions(p.get(1)).size(); v++) {
          numbers.add(v);
        }
        return numbers;
      }
      if (method.equals("POST")) {
        return JSON.createObjectNode().put("id", registry.register(p.get(1), readSchema(exchange)));
      }
    }
    if (n == 4 && p.get(0).equals("subjects") && p.get(2).equals("versions") && method.equals("GET")) {
      return version(p.get(1), p.get(3));
    }
    if (n == 3 && p.get(0).equals("schemas") && p.get(1).equals("ids") && method.equals("GET")) {
      return JSON.createObjectNode().put("schema", registry.getById(parseInt(p.get(2), 40403)).toString());
    }
    if (n == 5 && p.get(0).equals("compatibility") && p.get(1).equals("subjects") && p.get(3).equals("versions")
        && p.get(4).equals("latest") && method.equals("POST")) {
      Schema schema = readSchema(exchange);
      registry.versions(p.get(2)); // 40401 for an unknown subject, as Confluent answers
      return JSON.createObjectNode().put("is_compatible", registry.isCompatible(p.get(2), schema));
    }
    throw new SchemaRegistryException("HTTP 404 Not Found", 404);
  }

  private ObjectNode version(String subject, String which) {
    RegisteredSchema latest = registry.latest(subject);
    int version = which.equals("latest") ? latest.version() : parseInt(which, 40402);
    List<Integer> ids = registry.versions(subject);
    if (version < 1 || version > ids.size()) {
      throw new SchemaRegistryException("Version " + which + " not found.", 40402);
    }
    int id = ids.get(version - 1);
    return JSON.createObjectNode().put("subject", subject).put("version", version).put("id", id)
        .put("schema", registry.getById(id).toString());
  }

  private static Schema readSchema(HttpExchange exchange) throws IOException {
    JsonNode request;
    try (InputStream in = exchange.getRequestBody()) {
      request = JSON.readTree(in);
    } catch (IOException e) {
      throw new SchemaRegistryException("Unrecognized request body", 42201);
    }
    if (request == null || !request.path("schema").isTextual()) {
      throw new SchemaRegistryException("Empty schema", 42201);
    }
    String type = request.path("schemaType").asText("AVRO");
    if (!type.equals("AVRO")) {
      throw new SchemaRegistryException("Unsupported schema type " + type, 42201);
    }
    try {
      return new Schema.Parser().parse(request.path("schema").asText());
    } catch (SchemaParseException e) {
      throw new SchemaRegistryException("Invalid schema: " + e.getMessage(), 42201);
    }
  }

  private static List<String> segments(HttpExchange exchange) {
    List<String> out = new ArrayList<>();
    for (String s : exchange.getRequestURI().getRawPath().split("/")) {
      if (!s.isEmpty()) {
        out.add(URLDecoder.decode(s, StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  private static int parseInt(String s, int errorCode) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      throw new SchemaRegistryException("Not found: " + s, errorCode);
    }
  }

  private static int httpStatus(int errorCode) {
    return errorCode >= 10000 ? errorCode / 100 : errorCode > 0 ? errorCode : 500;
  }

  private static ObjectNode error(int code, String message) {
    return JSON.createObjectNode().put("error_code", code).put("message", message);
  }
}
