package org.phigate.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.phigate.catalog.Topics;
import org.phigate.config.IntakeConfig;
import org.phigate.intake.IntakeGateway;
import org.phigate.intake.IntakeOutcome;
import org.phigate.intake.IntakeStage;
import org.phigate.intake.mllp.Hl7Ack;
import org.phigate.intake.mllp.MllpClient;
import org.phigate.intake.mllp.MllpIntakeHandler;
import org.phigate.intake.mllp.MllpServer;
import org.phigate.intake.rest.FhirIntakeServer;
import org.phigate.runtime.IntakeListeners;
import org.phigate.runtime.Role;
import org.phigate.runtime.RoleTopologies;
import org.phigate.schema.ClinicalEvent;
import org.phigate.streams.RecordLimit;
import org.phigate.schema.IntakeFailure;

/**
 * One size contract end to end: what an edge acknowledges fits every downstream topic (the normalized event within
 * intake.max.normalized.bytes, what deid makes of it within topics.max.message.bytes); what would not is refused at
 * the edge (AR / 413), never acknowledged and then dead-lettered RECORD_TOO_LARGE.
 */
class SizeContractTest {
  private static final String NAME = "Quixtrot^Zebulonia~";

  private static byte[] adtWithRepeatedNames(int repeats) {
    return ("MSH|^~\\&|ADT1|GH|PHIGATE|HOSP|20260101120000||ADT^A01^ADT_A01|BIG-1|P|2.5.1\rEVN|A01|20260101120000\r"
        + "PID|1||MRN-4711^^^GH^MR||" + NAME.repeat(repeats) + "||19610615|F\rPV1|1|I\r")
        .getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] patientBundle(int patients) {
    StringBuilder b = new StringBuilder("{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[");
    for (int i = 0; i < patients; i++) {
      b.append(i == 0 ? "" : ",").append("{\"resource\":{\"resourceType\":\"Patient\",\"id\":\"p").append(i)
          .append("\",\"name\":[{\"family\":\"Quixtrot").append(i).append("\",\"given\":[\"Zebulonia\"]}],")
          .append("\"birthDate\":\"1961-06-15\"}}");
    }
    return b.append("]}").toString().getBytes(StandardCharsets.UTF_8);
  }

  private record Edge(TestPipeline pipeline, IntakeConfig config, MockProducer<String, byte[]> producer,
                      IntakeGateway gateway) {
    static Edge of(Map<String, String> settings) {
      TestPipeline pipeline = new TestPipeline(settings);
      IntakeConfig config = (IntakeConfig) Role.INTAKE.config(pipeline.common);
      IntakeStage stage = RoleTopologies.intakeStage(config, IntakeListeners.audit(config, TestPipeline.CLOCK));
      MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(),
          new ByteArraySerializer());
      return new Edge(pipeline, config, producer, new IntakeGateway(producer, pipeline.serdes, stage,
          TestPipeline.CLOCK, Duration.ofSeconds(5), config.maxNormalizedBytes()));
    }

    List<ProducerRecord<String, byte[]>> sent(String topic) {
      return producer.history().stream().filter(r -> r.topic().equals(topic)).toList();
    }
  }

  @Test
  void shouldRefuseWithArAnAdtWhosePid5Repeats200000Times() throws Exception {
    Edge edge = Edge.of(Map.of());
    byte[] adt = adtWithRepeatedNames(200_000);
    assertThat(adt.length).as("3.8 MB, under the 8 MiB payload limit").isBetween(3_700_000, 3_900_000);
    int maxFrame = edge.config().maxFrameBytes();
    String ack;
    try (MllpServer server = MllpServer.start(new MllpServer.Settings("127.0.0.1", 0, maxFrame, 60_000, 4, null,
        new char[0]), new MllpIntakeHandler(edge.gateway(), new Hl7Ack(TestPipeline.CLOCK), true, maxFrame));
         MllpClient client = MllpClient.connect(server.port())) {
      ack = client.exchange(adt);
    }
    assertThat(MllpClient.ackCode(ack)).isEqualTo("AR");
    assertThat(MllpClient.field(ack, "MSA", 2)).isEqualTo("BIG-1");
    assertThat(ack).contains(IntakeStage.NORMALIZED_TOO_LARGE).contains("intake.max.normalized.bytes")
        .doesNotContain("Quixtrot");
    assertThat(edge.sent(Topics.INTAKE_RAW.name())).as("never acknowledged, never on the raw topic").isEmpty();
    assertThat(edge.sent(Topics.INTAKE_DLQ.name())).singleElement().satisfies(r -> {
      IntakeFailure f = edge.pipeline().serdes.valueSerde(Topics.INTAKE_DLQ).deserializer()
          .deserialize(Topics.INTAKE_DLQ.name(), r.value());
      assertThat(f.getReasonCode()).isEqualTo(IntakeStage.NORMALIZED_TOO_LARGE);
      assertThat(f.getOriginalTruncated()).isTrue();
      assertThat(r.value().length).isLessThan(edge.config().common().maxMessageBytes());
    });
  }

  @Test
  void shouldCarryAnAccepted10000PatientBundleThroughDeidWithoutASizeDeadLetter() throws Exception {
    Edge edge = Edge.of(Map.of());
    byte[] bundle = patientBundle(10_000);
    int status;
    try (FhirIntakeServer server = FhirIntakeServer.start("127.0.0.1", 0, "/fhir", edge.gateway(),
        edge.config().maxPayloadBytes())) {
      status = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.baseUrl()))
          .header("Content-Type", "application/fhir+json").POST(HttpRequest.BodyPublishers.ofByteArray(bundle))
          .build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }
    assertThat(status).isEqualTo(202);
    ProducerRecord<String, byte[]> raw = edge.sent(Topics.INTAKE_RAW.name()).get(0);
    TestPipeline pipeline = edge.pipeline();
    ClinicalEvent event;
    try (TopologyTestDriver intake = pipeline.driver(Role.INTAKE)) {
      pipeline.input(intake, Topics.INTAKE_RAW).pipeInput(new TestRecord<>(raw.key(), raw.value(), raw.headers()));
      assertThat(pipeline.output(intake, Topics.INTAKE_DLQ).isEmpty()).isTrue();
      event = pipeline.output(intake, Topics.EVENTS_NORMALIZED).readValue();
    }
    try (TopologyTestDriver deid = pipeline.driver(Role.DEID)) {
      pipeline.input(deid, Topics.EVENTS_NORMALIZED).pipeInput(event.getEventId(), event);
      assertThat(pipeline.output(deid, Topics.INTAKE_DLQ).readValuesToList()).as("no RECORD_TOO_LARGE").isEmpty();
      assertThat(pipeline.output(deid, Topics.EVENTS_DEIDENTIFIED).readValuesToList()).hasSize(1);
    }
  }

  @Test
  void shouldRefuseWith413AndAnOperationOutcomeABundleOverTheNormalizedBudget() throws Exception {
    Edge edge = Edge.of(Map.of(IntakeConfig.MAX_NORMALIZED.name(), "1000000"));
    HttpResponse<String> response;
    try (FhirIntakeServer server = FhirIntakeServer.start("127.0.0.1", 0, "/fhir", edge.gateway(),
        edge.config().maxPayloadBytes())) {
      response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.baseUrl()))
          .header("Content-Type", "application/fhir+json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(patientBundle(10_000))).build(),
          HttpResponse.BodyHandlers.ofString());
    }
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body()).contains("OperationOutcome", IntakeStage.NORMALIZED_TOO_LARGE, "too-costly")
        .doesNotContain("Quixtrot");
    assertThat(edge.sent(Topics.INTAKE_RAW.name())).isEmpty();
    assertThat(edge.sent(Topics.INTAKE_DLQ.name())).hasSize(1);
  }

  @Test
  void shouldDecideTheBudgetAtTheEdgeExactlyAsTheSealedEventMeasures() {
    Edge edge = Edge.of(Map.of());
    IntakeConfig config = edge.config();
    IntakeStage stage = RoleTopologies.intakeStage(config, IntakeListeners.audit(config, TestPipeline.CLOCK));
    int budget = 200_000;
    RecordLimit<ClinicalEvent> limit = RecordLimit.budget(edge.pipeline().serdes, Topics.EVENTS_NORMALIZED, budget);
    int refused = 0;
    for (int repeats = 2_000; repeats <= 14_000; repeats += 500) {
      byte[] adt = adtWithRepeatedNames(repeats);
      boolean tooLarge = limit.excess(stage.process("k", adt, "application/hl7-v2", TestPipeline.CLOCK.instant())
          .event()) >= 0;
      IntakeOutcome screened = stage.screen("k", adt, "application/hl7-v2", TestPipeline.CLOCK.instant(), false,
          limit);
      assertThat(screened.rejected()).as("PID-5 x %d", repeats).isEqualTo(tooLarge);
      if (tooLarge) {
        refused++;
        assertThat(screened.failure().getReasonCode()).isEqualTo(IntakeStage.NORMALIZED_TOO_LARGE);
      } else {
        assertThat(screened.audit()).as("the topology audits the event, not the edge").isNull();
      }
    }
    assertThat(refused).as("the series crosses the budget").isBetween(1, 24);
  }
}
