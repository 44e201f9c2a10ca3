package org.phigate.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phigate.catalog.Topics;
import org.phigate.config.DeidConfig;
import org.phigate.config.IntakeConfig;
import org.phigate.runtime.Role;
import org.phigate.schema.AuditEvent;
import org.phigate.schema.ClinicalEvent;
import org.phigate.schema.DeidentifiedEvent;
import org.phigate.schema.TextPart;

/**
 * A birth date whose structured rule redacts it (method redact: DROP) is dropped wherever the note repeats it, in any
 * rendering, not reduced to its year as the DATE policy alone would: in the same message (HL7 v2 and FHIR) and in a
 * later note of the same patient that only the known-identifier store links to it.
 */
class KnownIdentifierActionTest {
  private static final String NOTE = "Pt states DOB 03/04/1961. Daughter confirms born March 4, 1961; lives alone.";
  private static final String HL7_SITE = """
      {"hl7v2": {"rules": [
          {"field": "PID-7", "kind": "DATE", "category": "DATE", "party": "patient", "method": "redact"}]}}
      """;
  private static final String FHIR_SITE = """
      {"fhir": {"rules": [
          {"path": "Patient.birthDate", "category": "DATE", "party": "patient", "method": "redact"}]}}
      """;

  @TempDir
  Path dir;

  private static String msh(String type, String controlId) {
    return "MSH|^~\\&|EHR|GENHOSP|PHIGATE|GENHOSP|20261120083000||" + type + "|" + controlId + "|P|2.5\r";
  }

  private static String noteWithBirthDate() {
    return msh("ORU^R01", "KA-1") + "PID|1||800111^^^GENHOSP^MR||Okonkwo^Chidubem||19610304|M\r"
        + "OBR|1|||NOTE^Nursing note\rOBX|1|TX|NOTE^Nursing note||" + NOTE + "||||||F\r";
  }

  private static String registration() {
    return msh("ADT^A01", "KA-2") + "EVN|A01|20261120083000\r"
        + "PID|1||800111^^^GENHOSP^MR||Okonkwo^Chidubem||19610304|M\rPV1|1|I\r";
  }

  /** A later note whose structured part is only the MRN: the birth date is linked through the store alone. */
  private static String cuelessNote() {
    return msh("ORU^R01", "KA-3") + "PID|1||800111^^^GENHOSP^MR\r"
        + "OBR|1|||NOTE^Nursing note\rOBX|1|TX|NOTE^Nursing note||" + NOTE + "||||||F\r";
  }

  private static String fhirBundle() {
    return """
        {"resourceType": "Bundle", "type": "collection", "entry": [
          {"resource": {"resourceType": "Patient", "id": "p-800111",
            "identifier": [{"system": "urn:genhosp:mrn", "value": "800111"}],
            "name": [{"family": "Okonkwo", "given": ["Chidubem"]}], "birthDate": "1961-03-04"}},
          {"resource": {"resourceType": "Observation", "id": "o-1", "status": "final",
            "code": {"text": "Nursing note"}, "subject": {"reference": "Patient/p-800111"},
            "valueString": "%s"}}]}
        """.formatted(NOTE);
  }

  @Test
  void shouldDropTheHl7BirthDateEverywhereTheNoteRepeatsItWhenItsRuleRedactsIt() throws IOException {
    Result redacted = run(pipeline(HL7_SITE, false), "application/hl7-v2", noteWithBirthDate());

    assertThat(redacted.text()).doesNotContain("1961").doesNotContain("03/04").doesNotContain("March 4")
        .contains("DOB [DATE].").contains("born [DATE];");
    assertThat(redacted.event().toString()).doesNotContain("1961");
    assertThat(redacted.detail("ruleTightenedSpans")).isEqualTo("2");
    assertThat(redacted.detail("ruleTightenedFields")).isEqualTo("1");
  }

  @Test
  void shouldLeaveThePolicysYearWithoutARedactRule() {
    Result shipped = run(new TestPipeline(), "application/hl7-v2", noteWithBirthDate());

    assertThat(shipped.text()).isEqualTo("Pt states DOB 1961. Daughter confirms born 1961; lives alone.");
    assertThat(shipped.detail("ruleTightenedSpans")).isEqualTo("0");
  }

  @Test
  void shouldDropTheFhirBirthDateEverywhereTheNoteRepeatsItWhenItsRuleRedactsIt() throws IOException {
    Result shipped = run(new TestPipeline(), "application/fhir+json", fhirBundle());
    Result redacted = run(pipeline(FHIR_SITE, false), "application/fhir+json", fhirBundle());

    assertThat(shipped.text()).contains("DOB 1961.").contains("born 1961;");
    assertThat(redacted.text()).doesNotContain("1961").doesNotContain("03/04").doesNotContain("March 4")
        .contains("DOB [DATE].").contains("born [DATE];");
    assertThat(redacted.detail("ruleTightenedSpans")).isEqualTo("2");
  }

  @Test
  void shouldDropTheRememberedBirthDateInTheSamePatientsLaterNote() throws IOException {
    TestPipeline pipeline = pipeline(HL7_SITE, true);
    List<ClinicalEvent> events = normalize(pipeline, "application/hl7-v2", registration(), cuelessNote());
    try (TopologyTestDriver deid = pipeline.driver(Role.DEID)) {
      events.forEach(e -> pipeline.input(deid, Topics.EVENTS_NORMALIZED).pipeInput(e.getEventId(), e));
      Map<String, DeidentifiedEvent> out = pipeline.output(deid, Topics.EVENTS_DEIDENTIFIED).readValuesToList()
          .stream().collect(Collectors.toMap(DeidentifiedEvent::getEventId, e -> e));
      String note = text(out.get(events.get(1).getEventId()));

      assertThat(note).doesNotContain("1961").contains("DOB [DATE].").contains("born [DATE];");
      List<AuditEvent> audit = pipeline.output(deid, Topics.AUDIT_EVENTS).readValuesToList();
      assertThat(audit).filteredOn(a -> a.getSubtype().equals("deid.redact")
              && a.getSubjectEventId().equals(events.get(1).getEventId())).singleElement()
          .satisfies(a -> assertThat(a.getDetails()).containsEntry("ruleTightenedSpans", "2")
              .containsEntry("ruleTightenedFields", "0"));
      assertThat(audit).allSatisfy(a -> assertThat(a.toString()).doesNotContain("1961"));
    }
  }

  /** With a site rule file; {@code rememberDates} adds DATE to the store's categories (off by default). */
  private TestPipeline pipeline(String siteRules, boolean rememberDates) throws IOException {
    Path site = Files.writeString(dir.resolve("site-rules.json"), siteRules);
    Map<String, String> settings = new HashMap<>(Map.of(IntakeConfig.STRUCTURED_RULES_FILE.name(), site.toString()));
    if (rememberDates) {
      settings.put(DeidConfig.KNOWN_CATEGORIES.name(), "NAME,MRN,DATE");
    }
    return new TestPipeline(settings);
  }

  private record Result(DeidentifiedEvent event, Map<String, String> audit) {
    String text() {
      return KnownIdentifierActionTest.text(event);
    }

    String detail(String key) {
      return audit.get(key);
    }
  }

  private static String text(DeidentifiedEvent event) {
    return event.getTextParts().stream().map(TextPart::getText).collect(Collectors.joining("\n"));
  }

  private static List<ClinicalEvent> normalize(TestPipeline pipeline, String contentType, String... messages) {
    try (TopologyTestDriver intake = pipeline.driver(Role.INTAKE)) {
      for (int i = 0; i < messages.length; i++) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(Topics.CONTENT_TYPE_HEADER, contentType.getBytes(StandardCharsets.UTF_8));
        pipeline.input(intake, Topics.INTAKE_RAW)
            .pipeInput(new TestRecord<>("m" + i, messages[i].getBytes(StandardCharsets.UTF_8), headers));
      }
      List<ClinicalEvent> events = pipeline.output(intake, Topics.EVENTS_NORMALIZED).readValuesToList();
      assertThat(events).hasSize(messages.length);
      return events;
    }
  }

  /** One message through the intake and deid topologies: its de-identified event and its deid.redact details. */
  private static Result run(TestPipeline pipeline, String contentType, String message) {
    ClinicalEvent normalized = normalize(pipeline, contentType, message).get(0);
    try (TopologyTestDriver deid = pipeline.driver(Role.DEID)) {
      pipeline.input(deid, Topics.EVENTS_NORMALIZED).pipeInput(normalized.getEventId(), normalized);
      DeidentifiedEvent event = pipeline.output(deid, Topics.EVENTS_DEIDENTIFIED).readValue();
      AuditEvent redact = pipeline.output(deid, Topics.AUDIT_EVENTS).readValuesToList().stream()
          .filter(a -> "deid.redact".equals(a.getSubtype())).findFirst().orElseThrow();
      return new Result(event, redact.getDetails());
    }
  }
}
