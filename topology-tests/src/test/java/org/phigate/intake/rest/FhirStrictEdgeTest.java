package org.phigate.intake.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.phigate.catalog.Topics;
import org.phigate.intake.EdgeFixture;

/** The REST edge refuses malformed FHIR with 4xx and answers every error status with an OperationOutcome. */
class FhirStrictEdgeTest {
  private static final String OK = "{\"resourceType\":\"Patient\",\"id\":\"p-1\",\"name\":[{\"family\":\"Quixtrot\"}],"
      + "\"birthDate\":\"1961-06-15\"}";
  private EdgeFixture fixture;
  private FhirIntakeServer server;

  @BeforeEach
  void start() {
    fixture = new EdgeFixture(true, 64 * 1024);
    // the default request timeout (10 s): the listener's idle timeout also closes a fresh connection whose request
    // has not arrived yet, and a loaded machine can take longer than a short test timeout between connect and write
    // (the client then reads "header parser received no bytes"); only the 408 test shortens it
    server = FhirIntakeServer.start("127.0.0.1", 0, "/fhir", fixture.gateway, 64 * 1024);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> send(String method, String path, String contentType, byte[] body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    // a fresh client per request: the edge closes the connection after an error answer, and a pooled connection
    // closed under a reused client shows up as "header parser received no bytes"
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void shouldRefuseMalformedFhirWith4xxAndAnOperationOutcome() throws Exception {
    byte[] invalidUtf8 = OK.replace("Quixtrot", "Qu\u00ffxtrot").getBytes(StandardCharsets.ISO_8859_1);
    Map<String, byte[]> json = new LinkedHashMap<>();
    json.put("single quotes", utf8(OK.replace('"', '\'')));
    json.put("invalid UTF-8", invalidUtf8);
    json.put("lone surrogate escape", utf8(OK.replace("Quixtrot", "Qui\\ud800xtrot")));
    json.put("CESU surrogate bytes", new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80,
        '"', '}'});
    json.put("unknown element", utf8(OK.replace("\"id\"", "\"nickname\":\"Q\",\"id\"")));
    json.put("birthDate as a number", utf8(OK.replace("\"1961-06-15\"", "19610615")));
    json.put("name as a string", utf8(OK.replace("[{\"family\":\"Quixtrot\"}]", "\"Quixtrot\"")));
    json.put("trailing comma", utf8(OK.replace("}]", "},]")));
    json.put("duplicate key", utf8(OK.replace("\"id\":\"p-1\"", "\"id\":\"p-1\",\"id\":\"p-2\"")));
    for (Map.Entry<String, byte[]> e : json.entrySet()) {
      HttpResponse<String> r = send("POST", "/Patient", "application/fhir+json", e.getValue());
      assertThat(r.statusCode()).as(e.getKey()).isBetween(400, 499);
      assertThat(r.body()).as(e.getKey()).contains("OperationOutcome").doesNotContain("Quixtrot");
    }
    HttpResponse<String> notFhir = send("POST", "/Patient", "application/fhir+xml",
        utf8("<Patient><id value=\"p-1\"/></Patient>"));
    assertThat(notFhir.statusCode()).isBetween(400, 499);
    assertThat(notFhir.body()).contains("OperationOutcome");
    HttpResponse<String> stu3 = send("POST", "/Patient", "application/fhir+json; fhirVersion=3.0", utf8(OK));
    assertThat(stu3.statusCode()).isEqualTo(415);
    assertThat(stu3.body()).contains("OperationOutcome", "fhirVersion");
    assertThat(send("POST", "/Patient", "application/fhir+json; fhirVersion=4.0", utf8(OK)).statusCode())
        .isEqualTo(202);
    assertThat(fixture.sent(Topics.INTAKE_RAW.name())).hasSize(1);
    assertThat(fixture.deadLetters()).hasSize(json.size() + 2);
  }

  @Test
  void shouldAnswerEveryErrorStatusWithAnOperationOutcome() throws Exception {
    for (String method : new String[] {"PUT", "DELETE", "PATCH"}) {
      HttpResponse<String> r = send(method, "/Patient/p-1", "application/fhir+json", utf8(OK));
      assertThat(r.statusCode()).as(method).isEqualTo(405);
      assertThat(r.headers().firstValue("Allow")).hasValue("GET, POST");
      assertThat(r.body()).as(method).contains("OperationOutcome");
    }
    assertThat(send("POST", "/Patient", "text/plain", utf8(OK)).statusCode()).isEqualTo(415);
    HttpResponse<String> outside = send("GET", "/../x", null, null);
    assertOutcome(rawRequest("GET /nothing-here HTTP/1.1\r\nHost: x\r\n\r\n"), 404);
    assertOutcome(rawRequest("GET /fhir/" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n"), 414);
    assertOutcome(rawRequest("GET /fhir/%2e%2e/%2e%2e/etc HTTP/1.1\r\nHost: x\r\n\r\n"), 400);
    assertOutcome(rawRequest("BREW /fhir HTTP/1.1\r\nHost: x\r\n\r\n"), 405);
    assertOutcome(rawRequest("GARBAGE\r\n\r\n"), 400);
    assertThat(outside.body()).contains("OperationOutcome");
    byte[] big = new byte[70 * 1024];
    java.util.Arrays.fill(big, (byte) ' ');
    HttpResponse<String> tooLarge = send("POST", "/Patient", "application/fhir+json", big);
    assertThat(tooLarge.statusCode()).isEqualTo(413);
    assertThat(tooLarge.body()).contains("OperationOutcome");
  }

  @Test
  void shouldAnswer408WithAnOperationOutcomeWhenTheBodyIsShorterThanItsContentLength() throws Exception {
    server.close();
    server = FhirIntakeServer.start("127.0.0.1", 0, "/fhir", fixture.gateway, 64 * 1024, 700);
    String response = rawRequest("POST /fhir/Patient HTTP/1.1\r\nHost: x\r\nContent-Type: application/fhir+json\r\n"
        + "Content-Length: 500\r\n\r\n{\"resourceType\":", false);
    // the connection stays open: the listener's request timeout (700 ms here), not the client, ends the wait
    assertOutcome(response, 408);
    assertThat(fixture.sent(Topics.INTAKE_RAW.name())).isEmpty();
  }

  private static void assertOutcome(String response, int status) {
    assertThat(response).as(response).startsWith("HTTP/1.1 " + status);
    assertThat(response).contains("OperationOutcome").doesNotContain("<html");
  }

  /** Writes bytes as they are (no client normalization) and reads the answer until the server closes or 10 s. */
  private String rawRequest(String request) throws Exception {
    return rawRequest(request, true);
  }

  private String rawRequest(String request, boolean endInput) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      if (endInput) {
        socket.shutdownOutput();
      }
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      int n;
      try {
        while ((n = in.read(buf)) > 0) {
          got.write(buf, 0, n);
        }
      } catch (java.net.SocketTimeoutException e) {
        // keep what arrived
      }
      return got.toString(StandardCharsets.ISO_8859_1);
    }
  }
}
