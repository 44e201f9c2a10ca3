package org.phigate.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.phigate.catalog.Topics;
import org.phigate.runtime.Role;
import org.phigate.schema.AuditEvent;
import org.phigate.schema.IntakeFailure;
import org.phigate.testing.CapturedOutput;

/** A Kafka producer may key intake.raw records with patient data: the key never reaches a dead letter in clear. */
class SenderKeyPhiTopologyTest {
  private static final String PHI_KEY = "mrn-00737373-ZEBULONIA-QUIXTROT";

  @Test
  void shouldKeyDeadLettersAndAuditEventsByTheKeyedHashOfAPhiRecordKey() {
    TestPipeline pipeline = new TestPipeline();
    List<TestRecord<String, IntakeFailure>> dead;
    List<TestRecord<String, AuditEvent>> audit;
    List<String> logs;
    try (CapturedOutput out = new CapturedOutput(); TopologyTestDriver driver = pipeline.driver(Role.INTAKE)) {
      RecordHeaders headers = new RecordHeaders();
      headers.add(Topics.CONTENT_TYPE_HEADER, "application/hl7-v2".getBytes(StandardCharsets.UTF_8));
      pipeline.input(driver, Topics.INTAKE_RAW).pipeInput(new TestRecord<>(PHI_KEY,
          "MSH|^~\\&|X|Y|||20260101||ADT^A01|1|P|9.9\r".getBytes(StandardCharsets.UTF_8), headers));
      dead = pipeline.output(driver, Topics.INTAKE_DLQ).readRecordsToList();
      audit = pipeline.output(driver, Topics.AUDIT_EVENTS).readRecordsToList();
      logs = out.logLines();
    }
    String hashed = pipeline.common.sourceIds().of("test-hospital", PHI_KEY);
    assertThat(dead).singleElement().satisfies(r -> {
      assertThat(r.key()).isEqualTo(hashed);
      assertThat(r.value().getSourceMessageId()).isEqualTo(hashed);
      assertThat(r.value().toString()).doesNotContain("00737373").doesNotContainIgnoringCase("quixtrot");
    });
    assertThat(audit).singleElement().satisfies(r -> {
      assertThat(r.key() + r.value()).doesNotContain("00737373").doesNotContainIgnoringCase("quixtrot");
      assertThat(r.value().getEntities().get(0).getWhat()).isEqualTo("phigate.intake.dlq/" + hashed);
    });
    assertThat(logs).noneMatch(l -> l.contains("00737373"));
    assertThat(CapturedOutput.metricIds()).noneMatch(m -> m.contains("00737373"));
  }
}
