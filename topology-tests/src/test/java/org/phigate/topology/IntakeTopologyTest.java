package org.phigate.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.phigate.catalog.Topics;
import org.phigate.catalog.PhiContentCodec;
import org.phigate.demo.SampleInput;
import org.phigate.runtime.Role;
import org.phigate.schema.AuditEvent;
import org.phigate.schema.ClinicalEvent;
import org.phigate.schema.IntakeFailure;
import org.phigate.schema.PhiContent;

class IntakeTopologyTest {
  private final TestPipeline pipeline = new TestPipeline();
  private final TopologyTestDriver driver = pipeline.driver(Role.INTAKE);

  @AfterEach
  void close() {
    driver.close();
  }

  private void send(String key, byte[] payload, String contentType) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(Topics.CONTENT_TYPE_HEADER, contentType.getBytes(StandardCharsets.UTF_8));
    pipeline.input(driver, Topics.INTAKE_RAW).pipeInput(new TestRecord<>(key, payload, headers));
  }

  private static SampleInput sample(String suffix) {
    return SampleInput.shipped().stream().filter(s -> s.name().endsWith(suffix)).findFirst().orElseThrow();
  }

  @Test
  void shouldNormalizeAnAdtMessageIntoASealedClinicalEventWithAnAuditEvent() {
    SampleInput adt = sample("ADT-A01-01.hl7");
    send(adt.name(), adt.payload(), adt.contentType());

    List<TestRecord<String, ClinicalEvent>> events = pipeline.output(driver, Topics.EVENTS_NORMALIZED)
        .readRecordsToList();
    assertThat(events).hasSize(1);
    ClinicalEvent event = events.get(0).value();
    assertThat(events.get(0).key()).isEqualTo(event.getEventId());
    assertThat(event.getMessageType()).isEqualTo("ADT^A01");
    assertThat(event.getWorkflow()).isEqualTo("registration");
    assertThat(event.getFieldCount()).isPositive();

    PhiContent phi = new PhiContentCodec(pipeline.common.eventCipher()).open(event);
    assertThat(phi.getFields()).isNotEmpty();
    String sealed = event.getPhi().toString();
    phi.getFields().stream().filter(f -> f.getValue().length() >= 4)
        .forEach(f -> assertThat(sealed).doesNotContain(f.getValue()));

    List<AuditEvent> audit = pipeline.output(driver, Topics.AUDIT_EVENTS).readValuesToList();
    assertThat(audit).singleElement().satisfies(a -> {
      assertThat(a.getSubtype()).isEqualTo("intake.normalize");
      assertThat(a.getSubjectEventId()).isEqualTo(event.getEventId());
      assertThat(a.getAgents().get(0).getWho()).isEqualTo("service:phigate-intake");
      assertThat(a.getAgents().get(0).getNetwork()).isEqualTo("192.0.2.10");
    });
    assertThat(pipeline.output(driver, Topics.INTAKE_DLQ).isEmpty()).isTrue();
  }

  @Test
  void shouldDeadLetterMalformedHl7AndFhirWithAReasonAndNoPhi() {
    String phiName = "Zebulonia Quixtrot";
    send("bad-hl7", ("MSH|^~\\&|X\rPID|1||123^^^MRN||" + phiName + "|\r").getBytes(StandardCharsets.UTF_8),
        "application/hl7-v2");
    send("bad-fhir", ("{\"resourceType\":\"Patient\",\"name\":[{\"text\":\"" + phiName + "\"}")
        .getBytes(StandardCharsets.UTF_8), "application/fhir+json");

    List<TestRecord<String, IntakeFailure>> dlq = pipeline.output(driver, Topics.INTAKE_DLQ).readRecordsToList();
    String badFhir = pipeline.common.sourceIds().of("test-hospital", "bad-fhir");
    assertThat(dlq).extracting(TestRecord::key)
        .containsExactly(pipeline.common.sourceIds().of("test-hospital", "bad-hl7"), badFhir);
    assertThat(dlq).allSatisfy(r -> {
      assertThat(r.value().getReasonCode()).isNotBlank();
      assertThat(r.value().toString()).doesNotContain("Zebulonia").doesNotContain("Quixtrot");
    });
    byte[] original = pipeline.common.eventCipher().open(dlq.get(1).value().getOriginal(), badFhir);
    assertThat(new String(original, StandardCharsets.UTF_8)).contains(phiName);
    assertThat(pipeline.output(driver, Topics.EVENTS_NORMALIZED).isEmpty()).isTrue();
    assertThat(pipeline.output(driver, Topics.AUDIT_EVENTS).readValuesToList())
        .extracting(AuditEvent::getSubtype).containsExactly("intake.reject", "intake.reject");
  }

  @Test
  void shouldSuppressAReplayedFhirResourceWithAnAuditEventAndNoSecondEvent() {
    SampleInput portal = sample("Communication-example.json");
    send("first", portal.payload(), portal.contentType());
    send("again", portal.payload(), portal.contentType());
    List<ClinicalEvent> events = pipeline.output(driver, Topics.EVENTS_NORMALIZED).readValuesToList();
    assertThat(events).singleElement().satisfies(e -> assertThat(e.getWorkflow()).isEqualTo("message-triage"));
    List<AuditEvent> audit = pipeline.output(driver, Topics.AUDIT_EVENTS).readValuesToList();
    assertThat(audit).extracting(AuditEvent::getSubtype).containsExactly("intake.normalize", "intake.duplicate");
    assertThat(audit.get(1).getSubjectEventId()).isEqualTo(events.get(0).getEventId());
    assertThat(audit.get(1).getEntities()).anySatisfy(e -> assertThat(e.getWhat()).isEqualTo(events.get(0).getEventId()));
  }

  @Test
  void shouldSuppressAReSentHl7MessageEvenWithANewMsh7ButKeepADifferentMessageReusingTheControlId() {
    String msh = "MSH|^~\\&|LAB|GENHOSP|PHIGATE|HOSP|%s||ORU^R01|CTRL-77|P|2.5.1\r";
    String body = "PID|1||MRN-123^^^GENHOSP^MR||Quixtrot^Zebulonia||19700101|F\r"
        + "OBR|1|||GLU^Glucose\rOBX|1|TX|GLU^Glucose||%s||||||F\r";
    send("CTRL-77", (String.format(msh, "20260101120000") + String.format(body, "high")).getBytes(StandardCharsets.UTF_8),
        "application/hl7-v2");
    send("CTRL-77", (String.format(msh, "20260101120500") + String.format(body, "high")).getBytes(StandardCharsets.UTF_8),
        "application/hl7-v2");
    send("CTRL-77", (String.format(msh, "20260101121000") + String.format(body, "low")).getBytes(StandardCharsets.UTF_8),
        "application/hl7-v2");

    List<ClinicalEvent> events = pipeline.output(driver, Topics.EVENTS_NORMALIZED).readValuesToList();
    assertThat(events).hasSize(2);
    // a different message reusing the control id is a different event: it must not share a review downstream
    assertThat(events.get(0).getEventId()).isNotEqualTo(events.get(1).getEventId());
    List<AuditEvent> audit = pipeline.output(driver, Topics.AUDIT_EVENTS).readValuesToList();
    assertThat(audit).extracting(AuditEvent::getSubtype)
        .containsExactly("intake.normalize", "intake.duplicate", "intake.normalize");
    assertThat(audit.toString()).doesNotContain("Quixtrot").doesNotContain("MRN-123");
    assertThat(pipeline.output(driver, Topics.INTAKE_DLQ).isEmpty()).isTrue();
  }

  @Test
  void shouldTreatANewFhirVersionAsANewEventAndTheSameVersionAsADuplicate() {
    String v1 = "{\"resourceType\":\"Patient\",\"id\":\"p1\",\"meta\":{\"versionId\":\"1\"},"
        + "\"identifier\":[{\"value\":\"MRN-9\"}],\"name\":[{\"family\":\"Quixtrot\"}]}";
    String v1Reformatted = v1.replace(",", ", ");
    String v2 = v1.replace("\"versionId\":\"1\"", "\"versionId\":\"2\"");
    send("Patient/p1", v1.getBytes(StandardCharsets.UTF_8), "application/fhir+json");
    send("Patient/p1", v1Reformatted.getBytes(StandardCharsets.UTF_8), "application/fhir+json");
    send("Patient/p1", v2.getBytes(StandardCharsets.UTF_8), "application/fhir+json");
    List<ClinicalEvent> events = pipeline.output(driver, Topics.EVENTS_NORMALIZED).readValuesToList();
    assertThat(events).hasSize(2).extracting(ClinicalEvent::getEventId).doesNotHaveDuplicates();
    assertThat(pipeline.output(driver, Topics.AUDIT_EVENTS).readValuesToList()).extracting(AuditEvent::getSubtype)
        .containsExactly("intake.normalize", "intake.duplicate", "intake.normalize");
  }

  @Test
  void shouldKeepTheDedupStoreFreeOfMessageContent() {
    SampleInput adt = sample("ADT-A01-01.hl7");
    send(adt.name(), adt.payload(), adt.contentType());
    org.apache.kafka.streams.state.WindowStore<String, String> store = driver.getWindowStore(
        org.phigate.intake.IntakeDedupProcessor.STORE);
    try (var all = store.all()) {
      assertThat(all).toIterable().singleElement().satisfies(kv -> {
        assertThat(kv.key.key()).startsWith("dd-").hasSize(35);
        assertThat(kv.value).startsWith("ev-");
      });
    }
  }
}
