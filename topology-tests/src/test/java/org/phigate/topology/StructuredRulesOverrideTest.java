package org.phigate.topology;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.phigate.catalog.PhiContentCodec;
import org.phigate.catalog.Topics;
import org.phigate.config.IntakeConfig;
import org.phigate.runtime.Role;
import org.phigate.schema.ClinicalEvent;
import org.phigate.schema.StructuredField;

/** A site rule file named by intake.structured.rules.file changes what the intake topology extracts. */
class StructuredRulesOverrideTest {
  private static final String ADT = String.join("\r",
      "MSH|^~\\&|SEND|FAC|RCV|RFAC|20260101120000||ADT^A01|MSG-RULES-1|P|2.5",
      "EVN|A01|20260101120000",
      "PID|1||MRN4711^^^HOSP^MR||Quixtrot^Zebulonia||19800101|F|||1 Main St^^Town^ST^12345||555-0100"
          + "||||||123-45-6789",
      "PV1|1|I",
      "ZPI|1||Vantablack^Orsolya", "");
  private static final String OBSERVATION = "{\"resourceType\":\"Observation\",\"id\":\"obs-rules-1\","
      + "\"status\":\"final\",\"code\":{\"text\":\"weight\"},\"subject\":{\"reference\":\"Patient/p1\"},"
      + "\"effectiveDateTime\":\"2026-01-02T10:00:00Z\"}";
  private static final String SITE = """
      {"hl7v2": {"rules": [
          {"field": "ZPI-3", "kind": "NAME", "category": "NAME", "party": "relative", "note": "site: next of kin"},
          {"field": "PID-7", "kind": "DATE", "category": "DATE", "party": "patient", "method": "keep"},
          {"field": "PID-19", "drop": true}]},
       "fhir": {"rules": [
          {"path": "Observation.effective", "category": "DATE", "party": "patient", "method": "dateShift"}]}}
      """;

  @TempDir
  Path dir;

  @Test
  void shouldApplyTheSiteRulesOverTheShippedOnes() throws IOException {
    Path site = Files.writeString(dir.resolve("site-rules.json"), SITE);
    Map<String, String> shipped = fields(new TestPipeline());
    Map<String, String> merged = fields(new TestPipeline(
        Map.of(IntakeConfig.STRUCTURED_RULES_FILE.name(), site.toString())));

    assertThat(shipped).containsEntry("PID-7", "DATE").containsEntry("PID-19", "SSN")
        .doesNotContainKey("ZPI-3").doesNotContainKey("Observation.effectiveDateTime");
    assertThat(merged).containsEntry("ZPI-3", "NAME").containsEntry("Observation.effectiveDateTime", "DATE")
        .doesNotContainKey("PID-7").doesNotContainKey("PID-19")
        .containsEntry("PID-5", "NAME").containsEntry("PID-3", "MRN");
  }

  /** Path to category of every field the intake topology extracted from the ADT and the Observation. */
  private static Map<String, String> fields(TestPipeline pipeline) {
    try (TopologyTestDriver driver = pipeline.driver(Role.INTAKE)) {
      send(pipeline, driver, "adt", ADT, "application/hl7-v2");
      send(pipeline, driver, "obs", OBSERVATION, "application/fhir+json");
      List<ClinicalEvent> events = pipeline.output(driver, Topics.EVENTS_NORMALIZED).readValuesToList();
      assertThat(events).hasSize(2);
      PhiContentCodec codec = new PhiContentCodec(pipeline.common.eventCipher());
      Map<String, String> out = new java.util.TreeMap<>();
      for (ClinicalEvent e : events) {
        for (StructuredField f : codec.open(e).getFields()) {
          out.put(f.getPath(), f.getCategory().name());
        }
      }
      return out;
    }
  }

  private static void send(TestPipeline pipeline, TopologyTestDriver driver, String key, String payload,
      String contentType) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(Topics.CONTENT_TYPE_HEADER, contentType.getBytes(StandardCharsets.UTF_8));
    pipeline.input(driver, Topics.INTAKE_RAW)
        .pipeInput(new TestRecord<>(key, payload.getBytes(StandardCharsets.UTF_8), headers));
  }
}
