package org.phigate.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.apache.avro.Schema;

/** Assertions every Confluent-API registry must pass through {@link RestSchemaRegistryClient}. */
public final class RegistryContract {
  private RegistryContract() {}

  /** Runs the shared assertions against client, using subjects prefixed with prefix. */
  public static void verify(SchemaRegistryClient client, String prefix) {
    String subject = prefix + "-value";
    Schema v1 = record("Contract" + Math.abs(prefix.hashCode()), "");
    int id = client.register(subject, v1);
    assertThat(client.register(subject, v1)).isEqualTo(id);
    assertThat(client.getById(id)).isEqualTo(v1);

    SchemaRegistryClient fresh = new RestSchemaRegistryClient(urlOf(client));
    assertThat(fresh.getById(id)).isEqualTo(v1);
    assertThat(fresh.register(subject, v1)).isEqualTo(id);
    assertThat(fresh.latest(subject).id()).isEqualTo(id);
    assertThat(fresh.latest(subject).schema()).isEqualTo(v1);
    assertThat(fresh.isCompatible(prefix + "-unknown-subject", v1)).isTrue();

    Schema compatible = record(v1.getName(), ",{\"name\":\"note\",\"type\":\"string\",\"default\":\"\"}");
    assertThat(fresh.isCompatible(subject, compatible)).isTrue();
    Schema incompatible = record(v1.getName(), ",{\"name\":\"required\",\"type\":\"int\"}");
    assertThat(fresh.isCompatible(subject, incompatible)).isFalse();
    assertThatThrownBy(() -> fresh.register(subject, incompatible))
        .isInstanceOf(SchemaRegistryException.class)
        .satisfies(e -> assertThat(((SchemaRegistryException) e).errorCode()).isEqualTo(409));

    assertThatThrownBy(() -> fresh.getById(987_654))
        .isInstanceOf(SchemaRegistryException.class)
        .satisfies(e -> assertThat(((SchemaRegistryException) e).errorCode()).isEqualTo(40403));
    assertThatThrownBy(() -> fresh.latest(prefix + "-missing"))
        .isInstanceOf(SchemaRegistryException.class)
        .satisfies(e -> assertThat(((SchemaRegistryException) e).errorCode()).isEqualTo(40401));
  }

  /** A one-field record schema plus extraFields (a JSON fragment starting with a comma). */
  public static Schema record(String name, String extraFields) {
    return new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"" + name + "\",\"namespace\":\"org.phigate.test\","
        + "\"fields\":[{\"name\":\"id\",\"type\":\"string\"}" + extraFields + "]}");
  }

  static String get(String baseUrl, String path) {
    return call(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET().build());
  }

  static String postRaw(String baseUrl, String subject, String body) {
    return call(HttpRequest.newBuilder(URI.create(baseUrl + "/subjects/" + subject + "/versions"))
        .header("Content-Type", RestSchemaRegistryClient.CONTENT_TYPE)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  private static String call(HttpRequest request) {
    try {
      HttpResponse<String> r = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        int code = Integer.parseInt(r.body().replaceAll(".*\"error_code\":(\\d+).*", "$1"));
        throw new SchemaRegistryException(r.body(), code);
      }
      return r.body();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String urlOf(SchemaRegistryClient client) {
    return ((RestSchemaRegistryClient) client).baseUrl();
  }
}
