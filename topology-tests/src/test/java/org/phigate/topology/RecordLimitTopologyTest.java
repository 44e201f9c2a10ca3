package org.phigate.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.phigate.catalog.Topics;
import org.phigate.config.CommonConfig;
import org.phigate.config.ConfigException;
import org.phigate.config.IntakeConfig;
import org.phigate.demo.SampleInput;
import org.phigate.runtime.Role;
import org.phigate.schema.AuditEvent;
import org.phigate.schema.AuditOutcome;
import org.phigate.schema.ClinicalEvent;
import org.phigate.schema.DeidentifiedEvent;
import org.phigate.schema.IntakeFailure;
import org.phigate.security.Keys;

/**
 * Records over a topic's limit never reach the producer: under exactly-once the broker's refusal would abort the
 * transaction and replay the input forever. Each stage dead-letters them with RECORD_TOO_LARGE and goes on.
 */
class RecordLimitTopologyTest {
  private static final int LIMIT = 300_000;
  private static final String NOTE = "Seen 03/20/2024 by Dr. Quillfeather, call 555-123-4567. ";
  private static final Map<String, String> KEYS = Map.of(CommonConfig.EVENT_KEY.name(), Keys.randomBase64(),
      CommonConfig.VAULT_KEY.name(), Keys.randomBase64(), CommonConfig.HMAC_KEY.name(), Keys.randomBase64());
  private final TestPipeline pipeline = new TestPipeline(with(Map.of(CommonConfig.MAX_MESSAGE_BYTES.name(),
      Integer.toString(LIMIT), IntakeConfig.MAX_PAYLOAD.name(), "230000")));
  /**
   * Intake with a topic limit three times larger and the same keys: it normalizes events that deid, under LIMIT,
   * must still refuse for size (its own safety net behind intake's normalized-size budget).
   */
  private final TestPipeline roomyIntake = new TestPipeline(with(Map.of(CommonConfig.MAX_MESSAGE_BYTES.name(),
      Integer.toString(3 * LIMIT), IntakeConfig.MAX_PAYLOAD.name(), "230000")));

  private static Map<String, String> with(Map<String, String> settings) {
    Map<String, String> all = new java.util.HashMap<>(KEYS);
    all.putAll(settings);
    return all;
  }

  private static SampleInput communication(int noteRepeats) {
    SampleInput sample = SampleInput.shipped().stream().filter(s -> s.name().endsWith("Communication-example.json"))
        .findFirst().orElseThrow();
    String json = new String(sample.payload(), StandardCharsets.UTF_8);
    String marker = "Patient 1 has a very high serum potassium value";
    assertThat(json).contains(marker);
    String big = json.replace(marker, NOTE.repeat(noteRepeats) + marker);
    return new SampleInput(sample.name(), big.getBytes(StandardCharsets.UTF_8), sample.contentType());
  }

  private TestRecord<String, byte[]> raw(SampleInput input) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(Topics.CONTENT_TYPE_HEADER, input.contentType().getBytes(StandardCharsets.UTF_8));
    return new TestRecord<>(input.name() + "-" + input.payload().length, input.payload(), headers);
  }

  private ClinicalEvent normalized(SampleInput input) {
    try (TopologyTestDriver intake = roomyIntake.driver(Role.INTAKE)) {
      roomyIntake.input(intake, Topics.INTAKE_RAW).pipeInput(raw(input));
      return roomyIntake.output(intake, Topics.EVENTS_NORMALIZED).readValue();
    }
  }

  private int serializedSize(ClinicalEvent event) {
    return pipeline.serdes.valueSerde(Topics.EVENTS_NORMALIZED).serializer()
        .serialize(Topics.EVENTS_NORMALIZED.name(), event).length;
  }

  @Test
  void shouldDeadLetterADetectedEventOverTheLimitAndKeepProcessing() {
    ClinicalEvent big = normalized(communication(2_500));
    ClinicalEvent small = normalized(communication(0));
    assertThat(serializedSize(big)).as("the normalized event fits its topic").isBetween(100_000, LIMIT - 1024);

    try (TopologyTestDriver deid = pipeline.driver(Role.DEID)) {
      pipeline.input(deid, Topics.EVENTS_NORMALIZED).pipeInput(big.getEventId(), big);
      assertThat(pipeline.output(deid, Topics.PHI_DETECTED).isEmpty()).isTrue();
      assertThat(pipeline.output(deid, Topics.EVENTS_DEIDENTIFIED).isEmpty()).isTrue();
      List<IntakeFailure> dlq = pipeline.output(deid, Topics.INTAKE_DLQ).readValuesToList();
      assertThat(dlq).singleElement().satisfies(f -> {
        assertThat(f.getReasonCode()).isEqualTo("RECORD_TOO_LARGE");
        assertThat(f.getLocation()).isEqualTo(big.getEventId());
        assertThat(f.getReasonMessage()).contains(Topics.PHI_DETECTED.name(), "max.message.bytes=" + LIMIT,
            "topics.max.message.bytes").doesNotContain("Quillfeather", "555-123-4567", "03/20/2024");
        assertThat(pipeline.serdes.valueSerde(Topics.INTAKE_DLQ).serializer()
            .serialize(Topics.INTAKE_DLQ.name(), f).length).as("dead letter size").isLessThan(4096);
      });
      List<AuditEvent> audit = pipeline.output(deid, Topics.AUDIT_EVENTS).readValuesToList();
      assertThat(audit).singleElement().satisfies(a -> {
        assertThat(a.getSubtype()).isEqualTo("deid.detect");
        assertThat(a.getOutcome()).isEqualTo(AuditOutcome.SERIOUS_FAILURE);
        assertThat(a.toString()).contains("RECORD_TOO_LARGE").doesNotContain("Quillfeather");
      });

      // the same stream thread goes on with the next event
      pipeline.input(deid, Topics.EVENTS_NORMALIZED).pipeInput(small.getEventId(), small);
      DeidentifiedEvent next = pipeline.output(deid, Topics.EVENTS_DEIDENTIFIED).readValue();
      assertThat(next.getEventId()).isEqualTo(small.getEventId());
      assertThat(pipeline.output(deid, Topics.INTAKE_DLQ).isEmpty()).isTrue();
    }
  }

  @Test
  void shouldDeadLetterAnOversizedPayloadWithItsHeadOnlySoTheDeadLetterFitsToo() {
    SampleInput tooBig = communication(5_000);
    assertThat(tooBig.payload().length).isGreaterThan(230_000);
    try (TopologyTestDriver intake = pipeline.driver(Role.INTAKE)) {
      pipeline.input(intake, Topics.INTAKE_RAW).pipeInput(raw(tooBig));
      assertThat(pipeline.output(intake, Topics.EVENTS_NORMALIZED).isEmpty()).isTrue();
      IntakeFailure failure = pipeline.output(intake, Topics.INTAKE_DLQ).readValue();
      assertThat(failure.getReasonCode()).isEqualTo("PAYLOAD_TOO_LARGE");
      assertThat(failure.getReasonMessage()).contains("intake.max.payload.bytes=230000", "first 65536 bytes");
      assertThat(failure.getOriginalTruncated()).as("marked, so dlq replay refuses the cut copy").isTrue();
      assertThat(failure.getOriginalSize()).isEqualTo((long) tooBig.payload().length);
      assertThat(pipeline.serdes.valueSerde(Topics.INTAKE_DLQ).serializer()
          .serialize(Topics.INTAKE_DLQ.name(), failure).length).isLessThan(LIMIT / 4);
    }
  }

  @Test
  void shouldRefuseIntakeLimitsThatLeaveNoRoomForTheRecordEnvelope() {
    for (var key : List.of(IntakeConfig.MAX_PAYLOAD, IntakeConfig.MLLP_MAX_FRAME)) {
      IntakeConfig config = (IntakeConfig) Role.INTAKE.config(new TestPipeline(Map.of(
          CommonConfig.MAX_MESSAGE_BYTES.name(), Integer.toString(LIMIT), key.name(), "250000")).common);
      assertThatThrownBy(key == IntakeConfig.MAX_PAYLOAD ? config::maxPayloadBytes : config::maxFrameBytes)
          .isInstanceOf(ConfigException.class).hasMessageContaining(key.name())
          .hasMessageContaining("topics.max.message.bytes=" + LIMIT);
    }
    IntakeConfig defaults = (IntakeConfig) Role.INTAKE.config(new TestPipeline().common);
    assertThat(defaults.maxPayloadBytes() + IntakeConfig.RECORD_ENVELOPE_BYTES)
        .isEqualTo(defaults.common().maxMessageBytes());
    assertThat(defaults.maxFrameBytes()).isEqualTo(defaults.maxPayloadBytes());
  }
}
