package org.phigate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.phigate.intake.EdgeFixture;
import org.phigate.intake.IntakeParser;
import org.phigate.intake.IntakeStage;
import org.phigate.intake.ParseResult;
import org.phigate.schema.IntakeFailure;

/** `dlq replay` re-publishes a stored original only when it is the whole message. */
class DeadLetterPayloadTest {
  private final EdgeFixture fixture = new EdgeFixture(true, 100_000);
  private final Instant now = Instant.parse("2026-01-01T00:00:00Z");

  private static byte[] adt(int padding) {
    return ("MSH|^~\\&|ADT1|GH|PHIGATE|HOSP|20260101||ADT^A01|C-9|P|2.5.1\rPID|1||MRN-1||Quixtrot^Zebulonia\r"
        + "NTE|1||" + "x".repeat(padding) + "\r").getBytes(StandardCharsets.UTF_8);
  }

  private IntakeFailure badVersion() {
    return fixture.stage.process("C-9", new String(adt(10), StandardCharsets.UTF_8).replace("|2.5.1\r", "|9.9\r")
        .getBytes(StandardCharsets.UTF_8), IntakeParser.HL7_V2, now).failure();
  }

  @Test
  void shouldRefuseToReplayTheHeadOfAnOversizedMessageAndSayWhatToDo() {
    byte[] big = adt(200_000);
    IntakeFailure failure = fixture.stage.process("C-9", big, IntakeParser.HL7_V2, now).failure();
    assertThat(failure.getReasonCode()).isEqualTo("PAYLOAD_TOO_LARGE");
    assertThat(fixture.cipher.open(failure.getOriginal(), failure.getSourceMessageId()))
        .hasSize(IntakeStage.DEAD_LETTER_HEAD_BYTES);

    DeadLetterPayload kept = DeadLetterPayload.of(failure);
    assertThat(kept.kind()).isEqualTo(DeadLetterPayload.Kind.TRUNCATED);
    assertThat(kept.label()).isEqualTo("truncated/" + big.length);
    assertThat(kept.describe()).contains("TRUNCATED", big.length + " bytes", "--file FULL_COPY");
    assertThat(kept.replayRefusal("0:7")).hasValueSatisfying(m -> assertThat(m)
        .contains("phigate dlq replay 0:7 --file FULL_COPY", "Nothing was published", big.length + " bytes")
        .doesNotContain("Quixtrot"));
  }

  @Test
  void shouldMarkEveryKindOfSizeRefusalAndNoOtherRefusal() {
    IntakeFailure tooLargeEvent = fixture.stage.tooLarge("C-9", adt(70_000), IntakeParser.HL7_V2, now,
        "phigate.events.normalized", 9_000_000, 8_454_144).failure();
    assertThat(tooLargeEvent.getOriginalTruncated()).isTrue();
    assertThat(tooLargeEvent.getOriginalSize()).isEqualTo((long) adt(70_000).length);

    IntakeFailure edge = fixture.stage.rejectOversized(null, adt(10), -1, IntakeParser.HL7_V2, now,
        new ParseResult.Rejected("PAYLOAD_TOO_LARGE", "", "request body exceeds the limit")).failure();
    assertThat(edge.getOriginalTruncated()).isTrue();
    assertThat(edge.getOriginalSize()).as("a chunked body's size is unknown").isNull();
    assertThat(DeadLetterPayload.of(edge).label()).isEqualTo("truncated/?");

    IntakeFailure badVersion = badVersion();
    assertThat(badVersion.getReasonCode()).isEqualTo("HL7_UNSUPPORTED_VERSION");
    assertThat(badVersion.getOriginalTruncated()).isFalse();
    assertThat(DeadLetterPayload.of(badVersion).kind()).isEqualTo(DeadLetterPayload.Kind.WHOLE);
    assertThat(DeadLetterPayload.of(badVersion).replayRefusal("0:1")).isEmpty();
  }

  @Test
  void shouldTreatSizeRefusalsWrittenBeforeTheMarkerAsTruncatedAndDeidDeadLettersAsNoMessage() {
    IntakeFailure whole = badVersion();
    IntakeFailure legacy = IntakeFailure.newBuilder(whole).setReasonCode("FRAME_TOO_LARGE").build();
    assertThat(legacy.getOriginalTruncated()).isFalse();
    assertThat(DeadLetterPayload.of(legacy).kind()).isEqualTo(DeadLetterPayload.Kind.TRUNCATED);
    assertThat(DeadLetterPayload.of(legacy).replayRefusal("1:2")).hasValueSatisfying(m -> assertThat(m)
        .contains("unknown size", "--file FULL_COPY"));

    IntakeFailure deid = IntakeFailure.newBuilder(whole).setStage("deid").setReasonCode("RECORD_TOO_LARGE").build();
    assertThat(DeadLetterPayload.of(deid).kind()).isEqualTo(DeadLetterPayload.Kind.NOT_A_MESSAGE);
    assertThat(DeadLetterPayload.of(deid).replayRefusal("1:3")).hasValueSatisfying(m -> assertThat(m)
        .contains("holds no raw message", "--file FULL_COPY"));
  }
}
