package org.phigate.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.phigate.catalog.Topic;
import org.phigate.catalog.Topics;
import org.phigate.runtime.Role;
import org.phigate.schema.ApprovedResult;
import org.phigate.schema.AuditEvent;
import org.phigate.schema.AuditOutcome;
import org.phigate.schema.IntakeFailure;
import org.phigate.schema.WritebackOutcome;
import org.phigate.schema.WritebackStatus;
import org.phigate.security.CryptoException;

/**
 * The processing and production exception handlers of every zone, on small topologies whose processor or sink fails
 * on purpose with PHI in the exception message: the record is dead-lettered in its zone with our reason code and an
 * audit event, nothing of the message travels, and the next record goes through.
 */
class ExceptionHandlersTest {
  private static final String PHI = "Zebulonia Quixtrot";
  private static final String OUT = "test.out";
  private final TestPipeline pipeline = new TestPipeline();

  /** source ─▶ node that throws (message quoting PHI) for values matching {@code fails} ─▶ test.out. */
  private <V> Topology failingAt(Topic<String, V> source, Predicate<V> fails, RuntimeException error) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(source.name(), pipeline.serdes.consumed(source, "test-source"))
        .mapValues(v -> {
          if (fails.test(v)) {
            throw error;
          }
          return v.toString();
        }, Named.as("test-explode"))
        .to(OUT, Produced.with(Serdes.String(), Serdes.String()).withName("test-sink"));
    return builder.build();
  }

  @Test
  void shouldDeadLetterAPhiZoneRecordSealedWithItsSourceAndCarryOn() {
    Topology topology = failingAt(Topics.INTAKE_RAW, v -> new String(v, StandardCharsets.UTF_8).contains("boom"),
        new IllegalStateException("cannot parse " + PHI));
    try (TopologyTestDriver driver = pipeline.driver(Role.INTAKE, topology)) {
      var raw = pipeline.input(driver, Topics.INTAKE_RAW);
      byte[] payload = ("MSH|boom|" + PHI).getBytes(StandardCharsets.UTF_8);
      raw.pipeInput("msg-1", payload);
      raw.pipeInput("msg-2", "fine".getBytes(StandardCharsets.UTF_8));

      TestRecord<String, IntakeFailure> dead = pipeline.output(driver, Topics.INTAKE_DLQ).readRecord();
      IntakeFailure failure = dead.value();
      String hashed = pipeline.common.sourceIds().of("test-hospital", "msg-1");
      assertThat(dead.key()).isEqualTo(hashed).startsWith("sid-");
      assertThat(failure.getSourceMessageId()).isEqualTo(hashed);
      assertThat(failure.getReasonCode()).isEqualTo("PROCESSING_FAILED");
      assertThat(failure.getStage()).isEqualTo("intake");
      assertThat(failure.getLocation()).isEqualTo("test-explode phigate.intake.raw-0@0");
      assertThat(failure.toString()).doesNotContain("Zebulonia").doesNotContain("cannot parse");
      assertThat(pipeline.common.eventCipher().open(failure.getOriginal(), hashed)).isEqualTo(payload);

      AuditEvent audit = pipeline.output(driver, Topics.AUDIT_EVENTS).readValue();
      assertThat(audit.getSubtype()).isEqualTo("intake.dead-letter");
      assertThat(audit.getOutcome()).isEqualTo(AuditOutcome.SERIOUS_FAILURE);
      assertThat(audit.getOutcomeDesc()).isEqualTo("PROCESSING_FAILED");
      assertThat(audit.getDetails()).containsEntry("sourceTopic", "phigate.intake.raw")
          .containsEntry("sourceOffset", "0").containsEntry("processorNode", "test-explode")
          .containsEntry("errorClass", IllegalStateException.class.getName());
      assertThat(audit.toString()).doesNotContain("Zebulonia");

      assertThat(driver.createOutputTopic(OUT, new StringDeserializer(), new StringDeserializer()).readValuesToList())
          .hasSize(1);
    }
  }

  @Test
  void shouldDeadLetterAWritebackCryptoFailureNamedByItsReview() {
    Topology topology = failingAt(Topics.REVIEW_APPROVED, a -> a.getItem().getReviewId().equals("rv-bad"),
        new CryptoException("cannot open " + PHI, null));
    try (TopologyTestDriver driver = pipeline.driver(Role.WRITEBACK, topology)) {
      var approved = pipeline.input(driver, Topics.REVIEW_APPROVED);
      approved.pipeInput("rv-bad", approved("rv-bad"));
      approved.pipeInput("rv-good", approved("rv-good"));

      TestRecord<String, WritebackOutcome> dead = pipeline.output(driver, Topics.EHR_DLQ).readRecord();
      assertThat(dead.key()).isEqualTo("ev-rv-bad");
      assertThat(dead.value().getReviewId()).isEqualTo("rv-bad");
      assertThat(dead.value().getStatus()).isEqualTo(WritebackStatus.FAILED);
      assertThat(dead.value().getReason()).isEqualTo("CRYPTO_FAILED");
      AuditEvent audit = pipeline.output(driver, Topics.AUDIT_EVENTS).readValue();
      assertThat(audit.getSubtype()).isEqualTo("writeback.dead-letter");
      assertThat(audit.getSubjectEventId()).isEqualTo("ev-rv-bad");
      assertThat(audit.getPatientToken()).isEqualTo("PT-aabbccddeeff");
      assertThat(audit.getOutcomeDesc()).isEqualTo("CRYPTO_FAILED");
      assertThat(driver.createOutputTopic(OUT, new StringDeserializer(), new StringDeserializer()).readValuesToList())
          .hasSize(1);
    }
  }

  @Test
  void shouldDeadLetterAnInferenceRecordAsItWasWithCodesInItsHeaders() {
    Topology topology = failingAt(Topics.EVENTS_DEIDENTIFIED, e -> e.getEventId().equals("ev-bad"),
        new IllegalArgumentException(PHI));
    try (TopologyTestDriver driver = pipeline.driver(Role.INFERENCE, topology)) {
      var events = pipeline.input(driver, Topics.EVENTS_DEIDENTIFIED);
      var bad = InferenceTopologyTest.event("ev-bad", "registration", "n/a");
      events.pipeInput("ev-bad", bad);
      events.pipeInput("ev-ok", InferenceTopologyTest.event("ev-ok", "registration", "n/a"));

      TestRecord<String, byte[]> dead = driver.createOutputTopic(Topics.POISON_DLQ.name(), new StringDeserializer(),
          new ByteArrayDeserializer()).readRecord();
      assertThat(dead.key()).isEqualTo("ev-bad");
      assertThat(pipeline.serdes.valueSerde(Topics.EVENTS_DEIDENTIFIED).deserializer()
          .deserialize(Topics.EVENTS_DEIDENTIFIED.name(), dead.value())).isEqualTo(bad);
      assertThat(header(dead, "phigate.reason.code")).isEqualTo("PROCESSING_FAILED");
      assertThat(header(dead, "phigate.processor.node")).isEqualTo("test-explode");
      assertThat(header(dead, "phigate.source.topic")).isEqualTo(Topics.EVENTS_DEIDENTIFIED.name());
      assertThat(dead.headers().toArray()).noneMatch(h -> new String(h.value(), StandardCharsets.UTF_8)
          .contains("Zebulonia"));
      assertThat(pipeline.output(driver, Topics.AUDIT_EVENTS).readValue().getSubtype())
          .isEqualTo("inference.dead-letter");
      assertThat(driver.createOutputTopic(OUT, new StringDeserializer(), new StringDeserializer()).readValuesToList())
          .hasSize(1);
    }
  }

  @Test
  void shouldDeadLetterAnUnserializableOutputButFailOnAnUnreachableRegistry() {
    Serde<WritebackOutcome> outcomes = pipeline.serdes.valueSerde(Topics.EHR_OUTCOMES);
    Serde<WritebackOutcome> failing = Serdes.serdeFrom((topic, outcome) -> {
      if (outcome.getReviewId().equals("rv-unserializable")) {
        throw new SerializationException("bad value " + PHI);
      }
      if (outcome.getReviewId().equals("rv-registry-down")) {
        throw new SerializationException("registry", new UncheckedIOException(new java.io.IOException("down")));
      }
      return outcomes.serializer().serialize(topic, outcome);
    }, outcomes.deserializer());
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(Topics.REVIEW_APPROVED.name(), pipeline.serdes.consumed(Topics.REVIEW_APPROVED, "test-source"))
        .mapValues(a -> WritebackOutcome.newBuilder().setEventId(a.getItem().getEventId())
            .setReviewId(a.getItem().getReviewId()).setTenant("t").setStatus(WritebackStatus.WRITTEN)
            .setResourceType("Task").setAttempts(1).setAt(TestPipeline.CLOCK.instant()).build(),
            Named.as("test-outcome"))
        .to(Topics.EHR_OUTCOMES.name(), Produced.with(Serdes.String(), failing).withName("test-outcomes-sink"));
    try (TopologyTestDriver driver = pipeline.driver(Role.WRITEBACK, builder.build())) {
      var approved = pipeline.input(driver, Topics.REVIEW_APPROVED);
      approved.pipeInput("rv-unserializable", approved("rv-unserializable"));
      approved.pipeInput("rv-fine", approved("rv-fine"));

      WritebackOutcome dead = pipeline.output(driver, Topics.EHR_DLQ).readValue();
      assertThat(dead.getReviewId()).isEqualTo("rv-unserializable");
      assertThat(dead.getReason()).isEqualTo("SERIALIZATION_FAILED");
      assertThat(pipeline.output(driver, Topics.AUDIT_EVENTS).readValue().getOutcomeDesc())
          .isEqualTo("SERIALIZATION_FAILED");
      assertThat(pipeline.output(driver, Topics.EHR_OUTCOMES).readValue().getReviewId()).isEqualTo("rv-fine");

      // the same record succeeds once the registry is back: failing (and retrying) is right, a dead letter is not
      assertThatThrownBy(() -> approved.pipeInput("rv-registry-down", approved("rv-registry-down")))
          .isInstanceOf(StreamsException.class);
      assertThat(pipeline.output(driver, Topics.EHR_DLQ).isEmpty()).isTrue();
    }
  }

  private static String header(TestRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static ApprovedResult approved(String reviewId) {
    return WritebackTopologyTest.approved(reviewId);
  }
}
