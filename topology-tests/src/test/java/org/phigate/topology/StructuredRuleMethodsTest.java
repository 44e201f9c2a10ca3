package org.phigate.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phigate.catalog.Topics;
import org.phigate.config.IntakeConfig;
import org.phigate.runtime.Role;
import org.phigate.schema.AuditEvent;
import org.phigate.schema.ClinicalEvent;
import org.phigate.schema.DeidField;
import org.phigate.schema.DeidentifiedEvent;

/** A site rule's method reaches redaction: intake carries the rule's action, deid applies the stricter one. */
class StructuredRuleMethodsTest {
  private static final String ADT = String.join("\r",
      "MSH|^~\\&|SEND|FAC|RCV|RFAC|20260101120000||ADT^A01|MSG-METHODS-1|P|2.5",
      "EVN|A01|20260101120000",
      "PID|1||MRN4711^^^HOSP^MR||Quixtrot^Zebulonia||19470823|F|||1 Main St^^Town^ST^12345||555-0100",
      "PV1|1|I", "");
  private static final String SITE = """
      {"hl7v2": {"rules": [
          {"field": "PID-7", "kind": "DATE", "category": "DATE", "party": "patient", "method": "redact"}]}}
      """;

  @TempDir
  Path dir;

  @Test
  void shouldDropTheBirthDateARedactRuleNamesWhereSafeHarborWouldKeepItsYear() throws IOException {
    Path site = Files.writeString(dir.resolve("site-rules.json"), SITE);

    Result shipped = run(new TestPipeline());
    Result redacted = run(new TestPipeline(Map.of(IntakeConfig.STRUCTURED_RULES_FILE.name(), site.toString())));

    // the shipped rule has no method: safe-harbor-v1 generalizes the birth date to its year
    assertThat(shipped.event().getPolicyId()).isEqualTo("safe-harbor-v1");
    assertThat(shipped.event().getFields()).extracting(DeidField::getPath, DeidField::getReplacement)
        .contains(tuple("PID-7", "1947"));
    assertThat(shipped.tightened()).isEqualTo("0");

    assertThat(redacted.event().getPolicyId()).isEqualTo("safe-harbor-v1");
    assertThat(redacted.event().getFields()).extracting(DeidField::getPath).doesNotContain("PID-7")
        .contains("PID-5", "PID-3");
    assertThat(redacted.event().toString()).doesNotContain("1947").doesNotContain("19470823");
    assertThat(redacted.tightened()).isEqualTo("1");
  }

  private record Result(DeidentifiedEvent event, String tightened) {}

  /** The ADT through the intake and deid topologies: its de-identified event and the audited tightened count. */
  private static Result run(TestPipeline pipeline) {
    ClinicalEvent normalized;
    try (TopologyTestDriver intake = pipeline.driver(Role.INTAKE)) {
      RecordHeaders headers = new RecordHeaders();
      headers.add(Topics.CONTENT_TYPE_HEADER, "application/hl7-v2".getBytes(StandardCharsets.UTF_8));
      pipeline.input(intake, Topics.INTAKE_RAW)
          .pipeInput(new TestRecord<>("adt", ADT.getBytes(StandardCharsets.UTF_8), headers));
      normalized = pipeline.output(intake, Topics.EVENTS_NORMALIZED).readValue();
    }
    try (TopologyTestDriver deid = pipeline.driver(Role.DEID)) {
      pipeline.input(deid, Topics.EVENTS_NORMALIZED).pipeInput(normalized.getEventId(), normalized);
      DeidentifiedEvent event = pipeline.output(deid, Topics.EVENTS_DEIDENTIFIED).readValue();
      List<AuditEvent> audit = pipeline.output(deid, Topics.AUDIT_EVENTS).readValuesToList();
      AuditEvent redact = audit.stream().filter(a -> "deid.redact".equals(a.getSubtype())).findFirst()
          .orElseThrow();
      return new Result(event, redact.getDetails().get("ruleTightenedFields"));
    }
  }
}
