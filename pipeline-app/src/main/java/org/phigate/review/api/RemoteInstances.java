package org.phigate.review.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Calls another review instance's API on behalf of the caller (same bearer token, {@code scope=local} so it answers
 * from its own store only). Ids travel in paths, PHI only in bodies.
 */
final class RemoteInstances {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private final HttpClient http;
  private final String scheme;

  /** Plain http without a TLS context, else https verified against it (host name included). */
  RemoteInstances(javax.net.ssl.SSLContext tls) {
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(TIMEOUT);
    if (tls != null) {
      builder.sslContext(tls);
    }
    this.http = builder.build();
    this.scheme = tls == null ? "http://" : "https://";
  }

  /** A remote answer: status and raw JSON body. */
  record Answer(int status, String body) {}

  Answer get(String hostPort, String path, String authorization) throws IOException, InterruptedException {
    return send(hostPort, path, authorization, HttpRequest.BodyPublishers.noBody(), "GET");
  }

  Answer post(String hostPort, String path, String authorization, String json)
      throws IOException, InterruptedException {
    return send(hostPort, path, authorization, HttpRequest.BodyPublishers.ofString(json), "POST");
  }

  private Answer send(String hostPort, String path, String authorization, HttpRequest.BodyPublisher body,
                      String method) throws IOException, InterruptedException {
    String separator = path.contains("?") ? "&" : "?";
    HttpRequest request = HttpRequest.newBuilder(URI.create(scheme + hostPort + path + separator + "scope=local"))
        .timeout(TIMEOUT).header("Authorization", authorization).header("Content-Type", "application/json")
        .method(method, body).build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    return new Answer(response.statusCode(), response.body());
  }
}
