package org.phigate.security.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phigate.audit.AuditEvents;
import org.phigate.catalog.TopicSerdes;
import org.phigate.config.CommonConfig;
import org.phigate.config.Settings;
import org.phigate.embedded.InMemorySchemaRegistry;
import org.phigate.embedded.LocalCa;
import org.phigate.embedded.LocalOidcIssuer;
import org.phigate.intake.EdgeFixture;
import org.phigate.intake.rest.FhirIntakeServer;
import org.phigate.review.api.ReasonCodes;
import org.phigate.review.api.ReviewApi;
import org.phigate.review.api.ReviewApiServer;
import org.phigate.review.auth.DecisionMac;
import org.phigate.review.auth.TokenValidator;
import org.phigate.runtime.OpsServer;
import org.phigate.runtime.PipelineRuntime;
import org.phigate.testing.ReviewApiStubs;
import org.phigate.writeback.EhrWriteException;
import org.phigate.writeback.fhir.FhirBundleWriter;
import org.phigate.writeback.fhir.WritebackSamples;

/**
 * TLS on every HTTP edge, with certificates from the testkit's local CA: the FHIR REST intake (with and without
 * client certificates), the reviewer API, /health and /metrics, and write-back's FHIR client. Each answers over
 * HTTPS to a client that trusts the CA, refuses plain HTTP on its TLS port, and a client that trusts another CA
 * cannot connect.
 */
class HttpsEdgesTest {
  private static final String PASSWORD = "test-store-password";
  @TempDir
  static Path dir;
  private static TlsSettings server;
  private static HttpClient trusting;
  private static HttpClient otherCa;
  private static HttpClient plain;
  private static HttpClient withClientCert;
  private static TlsSettings trustStoreOnly;

  @BeforeAll
  static void certificates() {
    LocalCa ca = LocalCa.create("phigate-edge-ca");
    ca.writeKeystore(dir.resolve("server.p12"), "localhost", PASSWORD.toCharArray());
    ca.writeKeystore(dir.resolve("engine.p12"), "interface-engine", PASSWORD.toCharArray());
    ca.writeTruststore(dir.resolve("ca.p12"), PASSWORD.toCharArray());
    LocalCa other = LocalCa.create("some-other-ca");
    other.writeTruststore(dir.resolve("other-ca.p12"), PASSWORD.toCharArray());
    other.writeKeystore(dir.resolve("stranger.p12"), "stranger", PASSWORD.toCharArray());
    server = new TlsSettings(dir.resolve("server.p12").toString(), PASSWORD, "", "", TlsSettings.ClientAuth.NONE);
    trustStoreOnly = new TlsSettings("", "", dir.resolve("ca.p12").toString(), PASSWORD, TlsSettings.ClientAuth.NONE);
    trusting = client(trustStoreOnly);
    otherCa = client(new TlsSettings("", "", dir.resolve("other-ca.p12").toString(), PASSWORD,
        TlsSettings.ClientAuth.NONE));
    withClientCert = client(new TlsSettings(dir.resolve("engine.p12").toString(), PASSWORD,
        dir.resolve("ca.p12").toString(), PASSWORD, TlsSettings.ClientAuth.NONE));
    plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  private static HttpClient client(TlsSettings tls) {
    return HttpClient.newBuilder().sslContext(TlsContexts.client(tls)).connectTimeout(Duration.ofSeconds(5)).build();
  }

  private static HttpResponse<String> get(HttpClient client, String url) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static void assertOnlyTrustedHttps(String httpsUrl) {
    String httpUrl = httpsUrl.replaceFirst("^https:", "http:");
    assertThatThrownBy(() -> get(plain, httpUrl)).as("plain HTTP to the TLS port").isInstanceOf(IOException.class);
    assertThatThrownBy(() -> get(otherCa, httpsUrl)).as("a client that trusts another CA")
        .isInstanceOf(IOException.class);
  }

  @Test
  void shouldServeTheFhirIntakeOverHttpsOnly() throws Exception {
    EdgeFixture fixture = new EdgeFixture(true, 64 * 1024);
    try (FhirIntakeServer rest = FhirIntakeServer.start("127.0.0.1", 0, "/fhir", fixture.gateway, 64 * 1024,
        10_000, server)) {
      assertThat(rest.baseUrl()).startsWith("https://127.0.0.1:");
      HttpResponse<String> metadata = get(trusting, rest.baseUrl() + "/metadata");
      assertThat(metadata.statusCode()).isEqualTo(200);
      assertThat(metadata.body()).contains("CapabilityStatement");
      assertOnlyTrustedHttps(rest.baseUrl() + "/metadata");
    }
  }

  @Test
  void shouldAcceptOnlyInterfaceEnginesWithACertificateFromTheCaWhenClientAuthIsNeeded() throws Exception {
    EdgeFixture fixture = new EdgeFixture(true, 64 * 1024);
    TlsSettings mutual = new TlsSettings(server.keystore(), PASSWORD, dir.resolve("ca.p12").toString(), PASSWORD,
        TlsSettings.ClientAuth.NEED);
    HttpClient stranger = client(new TlsSettings(dir.resolve("stranger.p12").toString(), PASSWORD,
        dir.resolve("ca.p12").toString(), PASSWORD, TlsSettings.ClientAuth.NONE));
    try (FhirIntakeServer rest = FhirIntakeServer.start("127.0.0.1", 0, "/fhir", fixture.gateway, 64 * 1024,
        10_000, mutual)) {
      String url = rest.baseUrl() + "/metadata";
      assertThat(get(withClientCert, url).statusCode()).isEqualTo(200);
      assertThatThrownBy(() -> get(trusting, url)).as("no client certificate").isInstanceOf(IOException.class);
      assertThatThrownBy(() -> get(stranger, url)).as("a client certificate from another CA")
          .isInstanceOf(IOException.class);
      assertOnlyTrustedHttps(url);
    }
  }

  @Test
  void shouldServeTheReviewerApiOverHttpsOnly() throws Exception {
    try (LocalOidcIssuer issuer = LocalOidcIssuer.start()) {
      TokenValidator tokens = ReviewApiStubs.tokens(issuer);
      ReviewApi api = new ReviewApi(ReviewApiStubs.noItems(), ReviewApiStubs.noDecisions(),
          new DecisionMac(new byte[32]), null, null, new AuditEvents("review", "service:test", "test/review-api",
          Clock.systemUTC()), ReasonCodes.shipped(), Clock.systemUTC());
      try (ReviewApiServer review = ReviewApiServer.start("127.0.0.1", 0, api, tokens, null, server)) {
        assertThat(review.baseUrl()).startsWith("https://");
        String token = issuer.token("nurse-7", List.of("reviewer"), Duration.ofMinutes(5));
        HttpResponse<String> queue = trusting.send(HttpRequest.newBuilder(URI.create(review.baseUrl() + "/queue"))
            .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(queue.statusCode()).isEqualTo(200);
        assertThat(get(trusting, review.baseUrl() + "/queue").statusCode()).isEqualTo(401);
        assertOnlyTrustedHttps(review.baseUrl() + "/queue");
      }
    }
  }

  @Test
  void shouldServeHealthAndMetricsOverHttpsOnly() throws Exception {
    CommonConfig common = new CommonConfig(Settings.of(Map.of()));
    try (PipelineRuntime none = PipelineRuntime.start(List.of(), common, new TopicSerdes(new InMemorySchemaRegistry()),
        Clock.systemUTC());
         OpsServer ops = OpsServer.start("127.0.0.1", 0, server, none)) {
      assertThat(ops.url()).startsWith("https://127.0.0.1:");
      assertThat(get(trusting, ops.url() + "/health").statusCode()).isEqualTo(200);
      HttpResponse<String> metrics = get(trusting, ops.url() + "/metrics");
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.body()).contains("jvm_memory_used_bytes");
      assertThat(get(trusting, ops.url() + "/elsewhere").statusCode()).isEqualTo(404);
      assertOnlyTrustedHttps(ops.url() + "/metrics");
    }
  }

  @Test
  void shouldVerifyTheEhrCertificateAndSendTheBearerToken() throws Exception {
    List<String> authorizations = new CopyOnWriteArrayList<>();
    try (HttpsEhr ehr = HttpsEhr.start(server, authorizations)) {
      var approved = WritebackSamples.request("message-triage", "rv-tls-1", "MRN-TLS-1", false).approved();
      FhirBundleWriter verified = FhirBundleWriter.create(ehr.baseUrl(), 5000, trustStoreOnly, "tok.en-123",
          WritebackSamples.settings(), Clock.systemUTC());
      assertThat(verified.find(approved)).isEqualTo(Optional.empty());
      assertThat(authorizations).containsExactly("Bearer tok.en-123");

      FhirBundleWriter jvmDefaultCas = FhirBundleWriter.create(ehr.baseUrl(), 5000, TlsSettings.none(), "",
          WritebackSamples.settings(), Clock.systemUTC());
      assertThatThrownBy(() -> jvmDefaultCas.find(approved)).as("the EHR's CA is not among the JVM's")
          .isInstanceOf(EhrWriteException.class);
      FhirBundleWriter wrongCa = FhirBundleWriter.create(ehr.baseUrl(), 5000, new TlsSettings("", "",
              dir.resolve("other-ca.p12").toString(), PASSWORD, TlsSettings.ClientAuth.NONE), "",
          WritebackSamples.settings(), Clock.systemUTC());
      assertThatThrownBy(() -> wrongCa.find(approved)).isInstanceOf(EhrWriteException.class);
      assertThat(authorizations).as("nothing reached the EHR without a verified handshake").hasSize(1);
    }
  }

  /** An HTTPS stand-in EHR that answers every search with an empty Bundle and records the Authorization header. */
  private static final class HttpsEhr implements AutoCloseable {
    private final Server jetty;

    private HttpsEhr(Server jetty) {
      this.jetty = jetty;
    }

    static HttpsEhr start(TlsSettings tls, List<String> authorizations) throws Exception {
      Server jetty = new Server();
      jetty.addConnector(HttpsConnectors.create(jetty, "127.0.0.1", 0, tls));
      jetty.setHandler(new Handler.Abstract() {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
          authorizations.add(String.valueOf(request.getHeaders().get(HttpHeader.AUTHORIZATION)));
          response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/fhir+json");
          response.write(true, ByteBuffer.wrap("{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"total\":0}"
              .getBytes(StandardCharsets.UTF_8)), callback);
          return true;
        }
      });
      jetty.start();
      return new HttpsEhr(jetty);
    }

    String baseUrl() {
      return "https://127.0.0.1:" + ((org.eclipse.jetty.server.ServerConnector) jetty.getConnectors()[0])
          .getLocalPort() + "/fhir";
    }

    @Override
    public void close() throws Exception {
      jetty.stop();
    }
  }
}
