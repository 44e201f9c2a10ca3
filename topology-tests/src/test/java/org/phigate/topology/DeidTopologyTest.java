package org.phigate.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.phigate.catalog.PhiContentCodec;
import org.phigate.catalog.Topics;
import org.phigate.demo.SampleInput;
import org.phigate.runtime.Role;
import org.phigate.schema.AuditEvent;
import org.phigate.schema.ClinicalEvent;
import org.phigate.schema.DeidentifiedEvent;
import org.phigate.schema.DetectedEvent;
import org.phigate.schema.PhiCategory;
import org.phigate.schema.StructuredField;
import org.phigate.schema.VaultEntry;
import org.phigate.schema.VaultEntryKind;
import org.phigate.security.VaultKeys;

class DeidTopologyTest {
  private final TestPipeline pipeline = new TestPipeline();

  /** Runs the shipped sample through the real intake topology and returns its normalized event. */
  private ClinicalEvent normalized(String suffix) {
    SampleInput input = SampleInput.shipped().stream().filter(s -> s.name().endsWith(suffix)).findFirst()
        .orElseThrow();
    try (TopologyTestDriver intake = pipeline.driver(Role.INTAKE)) {
      RecordHeaders headers = new RecordHeaders();
      headers.add(Topics.CONTENT_TYPE_HEADER, input.contentType().getBytes(StandardCharsets.UTF_8));
      pipeline.input(intake, Topics.INTAKE_RAW).pipeInput(new TestRecord<>(input.name(), input.payload(), headers));
      return pipeline.output(intake, Topics.EVENTS_NORMALIZED).readValue();
    }
  }

  /** PHI values of the event long enough to be identifying on their own (not a bare sex code or year). */
  private Set<String> phiValues(ClinicalEvent event) {
    return new PhiContentCodec(pipeline.common.eventCipher()).open(event).getFields().stream()
        .map(StructuredField::getValue).map(String::trim).filter(v -> v.length() >= 5)
        .collect(Collectors.toSet());
  }

  @Test
  void shouldDetectRedactAndVaultEveryStructuredIdentifierOfAnAdtMessage() {
    ClinicalEvent event = normalized("ADT-A01-01.hl7");
    Set<String> phi = phiValues(event);
    assertThat(phi).isNotEmpty();

    try (TopologyTestDriver deid = pipeline.driver(Role.DEID)) {
      pipeline.input(deid, Topics.EVENTS_NORMALIZED).pipeInput(event.getEventId(), event);
      DetectedEvent detected = pipeline.output(deid, Topics.PHI_DETECTED).readValue();
      assertThat(detected.getFindings()).extracting(f -> f.getCategory())
          .contains(PhiCategory.NAME, PhiCategory.MRN, PhiCategory.DATE);

      // the test driver feeds phigate.phi.detected straight into the redact sub-topology
      DeidentifiedEvent deidentified = pipeline.output(deid, Topics.EVENTS_DEIDENTIFIED).readValue();
      String visible = deidentified.toString();
      phi.forEach(value -> assertThat(visible).as("de-identified event").doesNotContain(value));
      assertThat(deidentified.getPatientToken()).startsWith("PT-");

      List<VaultEntry> vault = pipeline.output(deid, Topics.PHI_VAULT).readValuesToList();
      assertThat(vault).filteredOn(v -> v.getKind() == VaultEntryKind.PATIENT).singleElement()
          .satisfies(v -> assertThat(VaultKeys.standsFor(v.getToken(), "test-hospital",
              deidentified.getPatientToken())).isTrue());
      assertThat(vault).extracting(VaultEntry::getToken)
          .contains(VaultKeys.event("test-hospital", deidentified.getEventId()));
      vault.forEach(v -> phi.forEach(value -> assertThat(v.toString()).doesNotContain(value)));

      List<AuditEvent> audit = pipeline.output(deid, Topics.AUDIT_EVENTS).readValuesToList();
      assertThat(audit).extracting(AuditEvent::getSubtype).containsExactly("deid.detect", "deid.redact");
      audit.forEach(a -> phi.forEach(value -> assertThat(a.toString()).doesNotContain(value)));
    }
  }

  @Test
  void shouldRemoveThePatientsNameFromFreeTextOfAPortalMessage() {
    ClinicalEvent event = normalized("Communication-example.json");
    try (TopologyTestDriver deid = pipeline.driver(Role.DEID)) {
      pipeline.input(deid, Topics.EVENTS_NORMALIZED).pipeInput(event.getEventId(), event);
      DeidentifiedEvent deidentified = pipeline.output(deid, Topics.EVENTS_DEIDENTIFIED).readValue();
      assertThat(deidentified.getWorkflow()).isEqualTo("message-triage");
      phiValues(event).forEach(value -> assertThat(deidentified.toString()).doesNotContain(value));
    }
  }

  @Test
  void shouldDeadLetterAnEventSealedWithAnotherKeyAndKeepItSealed() {
    ClinicalEvent foreign = normalizedWithOtherKeys();
    try (TopologyTestDriver deid = pipeline.driver(Role.DEID)) {
      pipeline.input(deid, Topics.EVENTS_NORMALIZED).pipeInput(foreign.getEventId(), foreign);
      assertThat(pipeline.output(deid, Topics.PHI_DETECTED).isEmpty()).isTrue();
      var failure = pipeline.output(deid, Topics.INTAKE_DLQ).readValue();
      assertThat(failure.getReasonCode()).isEqualTo("DEID_DETECT_FAILED");
      assertThat(failure.getOriginal()).isEqualTo(foreign.getPhi());
    }
  }

  private ClinicalEvent normalizedWithOtherKeys() {
    TestPipeline other = new TestPipeline();
    SampleInput input = SampleInput.shipped().stream().filter(s -> s.name().endsWith("ADT-A01-01.hl7"))
        .findFirst().orElseThrow();
    try (TopologyTestDriver intake = other.driver(Role.INTAKE)) {
      RecordHeaders headers = new RecordHeaders();
      headers.add(Topics.CONTENT_TYPE_HEADER, input.contentType().getBytes(StandardCharsets.UTF_8));
      other.input(intake, Topics.INTAKE_RAW).pipeInput(new TestRecord<>(input.name(), input.payload(), headers));
      return other.output(intake, Topics.EVENTS_NORMALIZED).readValue();
    }
  }
}
