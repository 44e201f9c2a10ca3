package org.phigate.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * {@link SchemaRegistryClient} over the Confluent Schema Registry REST API (Confluent, Apicurio's ccompat API,
 * Karapace, Redpanda). Caches id to schema and (subject, schema) to id, since both never change once registered.
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {
  static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String baseUrl;
  private final HttpClient http;
  private final Duration requestTimeout;
  private final Map<Integer, Schema> schemaById = new ConcurrentHashMap<>();
  private final Map<SubjectSchema, Integer> idBySubjectSchema = new ConcurrentHashMap<>();

  /** Client for baseUrl ({@code http://host:port} or {@code http://host:port/apis/ccompat/v7}), 10 s timeouts. */
  public RestSchemaRegistryClient(String baseUrl) {
    this(baseUrl, Duration.ofSeconds(5), Duration.ofSeconds(10));
  }

  /** Client for baseUrl with the given connect and per-request timeouts. */
  public RestSchemaRegistryClient(String baseUrl, Duration connectTimeout, Duration requestTimeout) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.requestTimeout = requestTimeout;
    this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
  }

  /** The registry base URL this client talks to. */
  public String baseUrl() {
    return baseUrl;
  }

  @Override
  public int register(String subject, Schema schema) {
    SubjectSchema key = new SubjectSchema(subject, schema);
    Integer cached = idBySubjectSchema.get(key);
    if (cached != null) {
      return cached;
    }
    JsonNode body = send("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema));
    int id = body.path("id").asInt(-1);
    if (id < 0) {
      throw new SchemaRegistryException("Registry answered register without an id", -1);
    }
    idBySubjectSchema.put(key, id);
    schemaById.putIfAbsent(id, schema);
    return id;
  }

  @Override
  public Schema getById(int id) {
    Schema cached = schemaById.get(id);
    if (cached != null) {
      return cached;
    }
    JsonNode body = send("GET", "/schemas/ids/" + id, null);
    Schema schema = parse(body.path("schema").asText(), "schema " + id);
    Schema previous = schemaById.putIfAbsent(id, schema);
    return previous != null ? previous : schema;
  }

  @Override
  public boolean isCompatible(String subject, Schema schema) {
    try {
      JsonNode body = send("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest",
          schemaBody(schema));
      return body.path("is_compatible").asBoolean(false);
    } catch (SchemaRegistryException e) {
      if (e.errorCode() == 40401 || e.errorCode() == 40402) {
        return true; // nothing registered yet: anything is compatible
      }
      throw e;
    }
  }

  @Override
  public RegisteredSchema latest(String subject) {
    JsonNode body = send("GET", "/subjects/" + encode(subject) + "/versions/latest", null);
    int id = body.path("id").asInt();
    Schema schema = parse(body.path("schema").asText(), "latest of " + subject);
    schemaById.putIfAbsent(id, schema);
    return new RegisteredSchema(body.path("subject").asText(subject), body.path("version").asInt(), id, schema);
  }

  private JsonNode send(String method, String path, String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
        .timeout(requestTimeout)
        .header("Accept", CONTENT_TYPE + ", application/json");
    if (body != null) {
      request.header("Content-Type", CONTENT_TYPE).method(method, HttpRequest.BodyPublishers.ofString(body));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new SchemaRegistryException(method + " " + path + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SchemaRegistryException(method + " " + path + " interrupted", e);
    }
    JsonNode json = readJson(response.body());
    if (response.statusCode() / 100 != 2) {
      int code = json.path("error_code").asInt(response.statusCode());
      String message = json.path("message").asText("HTTP " + response.statusCode() + " from " + method + " " + path);
      throw new SchemaRegistryException(message, code);
    }
    return json;
  }

  private static JsonNode readJson(String text) {
    if (text == null || text.isBlank()) {
      return JSON.createObjectNode();
    }
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      return JSON.createObjectNode(); // not JSON (e.g. a proxy's HTML error page): fall back to the status code
    }
  }

  private static String schemaBody(Schema schema) {
    ObjectNode node = JSON.createObjectNode();
    node.put("schema", schema.toString());
    node.put("schemaType", "AVRO");
    return node.toString();
  }

  private static Schema parse(String text, String what) {
    try {
      return new Schema.Parser().parse(text);
    } catch (SchemaParseException e) {
      throw new SchemaRegistryException("Registry returned an unparseable " + what + ": " + e.getMessage(), e);
    }
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private record SubjectSchema(String subject, Schema schema) {}
}
