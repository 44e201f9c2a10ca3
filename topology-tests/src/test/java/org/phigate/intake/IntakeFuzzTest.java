package org.phigate.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.phigate.intake.mllp.Hl7Ack;
import org.phigate.intake.mllp.MllpClient;
import org.phigate.intake.mllp.MllpIntakeHandler;
import org.phigate.intake.mllp.MllpServer;
import org.phigate.intake.rest.FhirIntakeServer;
import org.phigate.schema.IntakeFailure;

/**
 * 10,000 malformed inputs, zero crashes, 10,000 dead letters or caller errors: 9,500 through the intake stage
 * directly, 300 over MLLP (each answered AE/AR and dead-lettered), 200 over FHIR REST (each 4xx and dead-lettered).
 */
class IntakeFuzzTest {
  private static final int MAX = 32 * 1024;

  @Test
  void shouldDeadLetterEveryMalformedInputThroughTheStageWithoutPhiInTheReason() {
    EdgeFixture fixture = new EdgeFixture(true, MAX);
    MalformedInputs inputs = new MalformedInputs(42, MAX + 1);
    Map<String, Integer> reasons = new TreeMap<>();
    int rejected = 0;
    for (int i = 0; i < 9_500; i++) {
      MalformedInputs.Input input = i % 2 == 0 ? inputs.hl7(i / 2) : inputs.fhir(i / 2);
      IntakeOutcome outcome = fixture.stage.process("fuzz-" + i, input.payload(), input.contentType(), Instant.now());
      assertThat(outcome.rejected()).as("input %d (%s) must be dead-lettered", i, input.kind()).isTrue();
      IntakeFailure failure = outcome.failure();
      String visible = failure.getReasonCode() + failure.getReasonMessage() + failure.getLocation()
          + outcome.audit();
      assertThat(visible).doesNotContain(MalformedInputs.PHI_NAME).doesNotContain(MalformedInputs.PHI_MRN);
      reasons.merge(input.kind() + " -> " + failure.getReasonCode(), 1, Integer::sum);
      rejected++;
    }
    assertThat(rejected).isEqualTo(9_500);
    assertThat(reasons.keySet()).anyMatch(k -> k.startsWith("hl7-huge-field -> PAYLOAD_TOO_LARGE"))
        .anyMatch(k -> k.startsWith("hl7-wrong-version -> HL7_UNSUPPORTED_VERSION"))
        .anyMatch(k -> k.startsWith("fhir-truncated-json -> FHIR_PARSE_ERROR"));
  }

  @Test
  void shouldAnswerEveryMalformedMllpMessageWithAeOrArAndDeadLetterIt() throws Exception {
    EdgeFixture fixture = new EdgeFixture(true, MAX);
    MalformedInputs inputs = new MalformedInputs(7, MAX + 1);
    try (MllpServer server = MllpServer.start(new MllpServer.Settings("127.0.0.1", 0, MAX, 30_000, 8, null,
        new char[0]), new MllpIntakeHandler(fixture.gateway, new Hl7Ack(Clock.systemUTC()), true, MAX));
         MllpClient client = MllpClient.connect(server.port())) {
      for (int i = 0; i < 300; i++) {
        MalformedInputs.Input input = inputs.hl7(i);
        client.send(input.payload());
        String ack = client.readAck();
        assertThat(ack).as("answer to %s", input.kind()).isNotNull();
        assertThat(MllpClient.ackCode(ack)).as(input.kind()).isIn("AE", "AR");
        assertThat(ack).doesNotContain(MalformedInputs.PHI_NAME).doesNotContain(MalformedInputs.PHI_MRN);
      }
    }
    assertThat(fixture.deadLetters()).hasSize(300);
    assertThat(fixture.sent(org.phigate.catalog.Topics.INTAKE_RAW.name())).isEmpty();
  }

  @Test
  void shouldAnswerEveryMalformedRestSubmissionWith4xxAndDeadLetterIt() throws Exception {
    EdgeFixture fixture = new EdgeFixture(true, MAX);
    MalformedInputs inputs = new MalformedInputs(11, MAX + 1);
    HttpClient http = HttpClient.newHttpClient();
    try (FhirIntakeServer server = FhirIntakeServer.start("127.0.0.1", 0, "/fhir", fixture.gateway, MAX)) {
      for (int i = 0; i < 200; i++) {
        MalformedInputs.Input input = inputs.fhir(i);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/Patient"))
            .header("Content-Type", input.contentType() == null ? "application/fhir+json" : input.contentType())
            .POST(HttpRequest.BodyPublishers.ofByteArray(input.payload())).build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(input.kind()).isBetween(400, 499);
        assertThat(response.body()).contains("OperationOutcome").doesNotContain(MalformedInputs.PHI_NAME)
            .doesNotContain(MalformedInputs.PHI_MRN);
      }
    }
    assertThat(fixture.deadLetters()).hasSize(200);
  }
}
