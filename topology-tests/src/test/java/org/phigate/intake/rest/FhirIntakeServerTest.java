package org.phigate.intake.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.phigate.catalog.Topics;
import org.phigate.intake.EdgeFixture;
import org.phigate.intake.IntakeStage;
import org.phigate.schema.IntakeFailure;

class FhirIntakeServerTest {
  static final String PATIENT = "{\"resourceType\":\"Patient\",\"id\":\"p-1\",\"meta\":{\"versionId\":\"3\"},"
      + "\"identifier\":[{\"system\":\"urn:mrn\",\"value\":\"MRN-4711\"}],"
      + "\"name\":[{\"family\":\"Quixtrot\",\"given\":[\"Zebulonia\"]}],\"birthDate\":\"1961-06-15\"}";
  static final String PATIENT_XML = "<Patient xmlns=\"http://hl7.org/fhir\"><id value=\"p-2\"/><identifier>"
      + "<value value=\"MRN-4712\"/></identifier><name><family value=\"Quixtrot\"/></name></Patient>";
  private final HttpClient http = HttpClient.newHttpClient();
  private EdgeFixture fixture;
  private FhirIntakeServer server;

  @BeforeEach
  void start() {
    fixture = new EdgeFixture(true, 64 * 1024);
    server = FhirIntakeServer.start("127.0.0.1", 0, "/fhir", fixture.gateway, 64 * 1024);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> post(String path, String contentType, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void shouldAcceptJsonAndXmlResourcesWith202AndTheEventId() throws Exception {
    HttpResponse<String> json = post("/Patient", "application/fhir+json; charset=utf-8", PATIENT);
    assertThat(json.statusCode()).isEqualTo(202);
    assertThat(json.headers().firstValue("X-PHIGate-Event-Id")).hasValueSatisfying(id -> assertThat(id).startsWith("ev-"));
    assertThat(json.body()).contains("OperationOutcome").contains("information");

    HttpResponse<String> xml = post("/Patient", "application/fhir+xml", PATIENT_XML);
    assertThat(xml.statusCode()).isEqualTo(202);
    assertThat(xml.body()).startsWith("<OperationOutcome");

    var raw = fixture.sent(Topics.INTAKE_RAW.name());
    assertThat(raw).extracting(r -> r.key()).containsExactly("p-1", "p-2");
    assertThat(new String(raw.get(0).value(), StandardCharsets.UTF_8)).isEqualTo(PATIENT);
    assertThat(new String(raw.get(1).headers().lastHeader(Topics.CONTENT_TYPE_HEADER).value()))
        .isEqualTo("application/fhir+xml");
  }

  @Test
  void shouldAcceptABundleAtTheBase() throws Exception {
    String bundle;
    try (var in = getClass().getResourceAsStream("/samples/fhir/r4-spec-examples/Bundle-bundle-transaction.json")) {
      bundle = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    HttpResponse<String> response = post("", "application/fhir+json", bundle);
    assertThat(response.statusCode()).isEqualTo(202);
  }

  @Test
  void shouldAnswerBadInputWithAnOperationOutcomeWithoutPhiAndDeadLetterIt() throws Exception {
    HttpResponse<String> broken = post("/Patient", "application/fhir+json", PATIENT.substring(0, 80));
    assertThat(broken.statusCode()).isEqualTo(400);
    assertThat(broken.body()).contains("FHIR_PARSE_ERROR").contains("\"severity\":\"error\"");

    HttpResponse<String> mismatch = post("/Observation", "application/fhir+json", PATIENT);
    assertThat(mismatch.statusCode()).isEqualTo(422);
    assertThat(mismatch.body()).contains("REST_RESOURCE_TYPE_MISMATCH");

    HttpResponse<String> notBundle = post("", "application/fhir+json", PATIENT);
    assertThat(notBundle.statusCode()).isEqualTo(422);
    assertThat(notBundle.body()).contains("REST_BUNDLE_REQUIRED");

    HttpResponse<String> hl7 = post("/Patient", "application/hl7-v2", "MSH|^~\\&|Zebulonia");
    assertThat(hl7.statusCode()).isEqualTo(415);

    HttpResponse<String> unknown = post("/Zebulonia", "application/fhir+json", PATIENT);
    assertThat(unknown.statusCode()).isEqualTo(404);

    String hugeBody = PATIENT.replace("Quixtrot", "Q".repeat(70 * 1024));
    HttpResponse<String> huge = post("/Patient", "application/fhir+json", hugeBody);
    assertThat(huge.statusCode()).isEqualTo(413);

    HttpResponse<String> notAResource = post("/Patient", "application/json", "{\"name\":\"Zebulonia Quixtrot\"}");
    assertThat(notAResource.statusCode()).isEqualTo(400);

    for (HttpResponse<String> r : List.of(broken, mismatch, notBundle, hl7, unknown, huge, notAResource)) {
      assertThat(r.body()).contains("OperationOutcome").doesNotContain("Quixtrot").doesNotContain("Zebulonia")
          .doesNotContain("MRN-4711");
    }
    List<IntakeFailure> dlq = fixture.deadLetters();
    assertThat(dlq).extracting(IntakeFailure::getReasonCode).containsExactly("FHIR_PARSE_ERROR",
        "REST_RESOURCE_TYPE_MISMATCH", "REST_BUNDLE_REQUIRED", "REST_UNSUPPORTED_MEDIA_TYPE",
        "REST_UNKNOWN_RESOURCE_TYPE", "PAYLOAD_TOO_LARGE", "FHIR_NOT_A_RESOURCE");
    assertThat(dlq.toString()).doesNotContain("Quixtrot").doesNotContain("Zebulonia");
    assertThat(fixture.sent(Topics.INTAKE_RAW.name())).isEmpty();
    // only the oversized body's dead letter is cut, and it says so with the declared size
    assertThat(dlq).filteredOn(IntakeFailure::getOriginalTruncated).singleElement().satisfies(f -> {
      assertThat(f.getReasonCode()).isEqualTo("PAYLOAD_TOO_LARGE");
      assertThat(f.getOriginalSize()).isEqualTo((long) hugeBody.getBytes(StandardCharsets.UTF_8).length);
      assertThat(fixture.cipher.open(f.getOriginal(), f.getSourceMessageId()))
          .hasSize(IntakeStage.DEAD_LETTER_HEAD_BYTES);
    });
    assertThat(dlq).filteredOn(f -> !f.getOriginalTruncated()).allSatisfy(f ->
        assertThat(f.getOriginalSize()).isNull());
  }

  @Test
  void shouldServeACapabilityStatement() throws Exception {
    HttpResponse<String> json = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/metadata")).GET()
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(json.statusCode()).isEqualTo(200);
    assertThat(json.body()).contains("\"resourceType\":\"CapabilityStatement\"").contains("\"fhirVersion\":\"4.0.1\"")
        .contains("\"code\":\"create\"").contains("\"code\":\"transaction\"");
    HttpResponse<String> xml = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/metadata?_format=xml"))
        .GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(xml.body()).startsWith("<CapabilityStatement");
  }

  @Test
  void shouldAnswerInTheFormatTheQueryStringAsks() throws Exception {
    HttpResponse<String> xml = post("/Patient?_format=xml", "application/fhir+json", PATIENT);
    assertThat(xml.statusCode()).isEqualTo(202);
    assertThat(xml.body()).startsWith("<OperationOutcome");
    HttpResponse<String> json = post("/Patient?x=1&_format=application%2Ffhir%2Bjson", "application/fhir+xml",
        PATIENT_XML);
    assertThat(json.statusCode()).isEqualTo(202);
    assertThat(json.body()).contains("\"resourceType\":\"OperationOutcome\"");
    assertThat(FhirIntakeServlet.formatParameter("a=%zz&_format=xml")).isNull();
    assertThat(FhirIntakeServlet.formatParameter(null)).isNull();
  }

  @Test
  void shouldAnswer503WhenTheBrokerFails() throws Exception {
    fixture.producer.close();
    HttpResponse<String> response = post("/Patient", "application/fhir+json", PATIENT);
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).isPresent();
    assertThat(response.body()).contains("transient");
  }
}
