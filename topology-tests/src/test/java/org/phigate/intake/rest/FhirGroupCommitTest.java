package org.phigate.intake.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.phigate.intake.EdgeFixture;
import org.phigate.intake.GroupCommitter;

/** Group commit over REST: concurrent POSTs arriving while a write is in flight share the next group; 202 after it. */
class FhirGroupCommitTest {
  private final HttpClient http = HttpClient.newHttpClient();
  private EdgeFixture fixture;
  private FhirIntakeServer server;

  @BeforeEach
  void start() {
    fixture = new EdgeFixture(false, 64 * 1024);
    server = FhirIntakeServer.start("127.0.0.1", 0, "/fhir", fixture.gateway, 64 * 1024);
  }

  @AfterEach
  void stop() {
    fixture.producer.flush();
    server.close();
  }

  private CompletableFuture<HttpResponse<String>> post(String id) {
    String body = FhirIntakeServerTest.PATIENT.replace("\"p-1\"", "\"" + id + "\"");
    return http.sendAsync(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/Patient"))
        .header("Content-Type", "application/fhir+json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void shouldSendPostsArrivingWhileAGroupIsInFlightTogetherAndAnswer202WhenItIsAcknowledged() throws Exception {
    GroupCommitter committer = fixture.gateway.committer();
    CompletableFuture<HttpResponse<String>> holder = post("hold");
    await().atMost(Duration.ofSeconds(10)).until(() -> fixture.producer.history().size() == 1);
    List<CompletableFuture<HttpResponse<String>>> later = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      later.add(post("p-" + i));
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> committer.waiting() == 8);
    assertThat(holder).isNotDone();

    fixture.producer.completeNext();
    assertThat(holder.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(10)).until(() -> fixture.producer.history().size() == 9);
    assertThat(later).as("no 202 before the group is acknowledged").noneMatch(CompletableFuture::isDone);
    fixture.producer.flush();
    for (CompletableFuture<HttpResponse<String>> response : later) {
      assertThat(response.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(202);
    }
    assertThat(committer.groups()).isEqualTo(2);
    assertThat(committer.largestGroup()).isEqualTo(8);
  }
}
