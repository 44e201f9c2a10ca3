package org.phigate.intake.mllp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.phigate.catalog.Topics;
import org.phigate.intake.EdgeFixture;
import org.phigate.schema.AuditEvent;
import org.phigate.schema.IntakeFailure;
import org.phigate.testing.CapturedOutput;

/** Some engines build MSH-10 from patient data: it goes back to the sender in MSA-2 and nowhere else in clear. */
class SenderIdPhiTest {
  private static final String NAME = "Quixtrotova";
  private static final String MRN = "00424242";
  private static final String PHI_ID = NAME.toUpperCase() + "-" + MRN + "-19800101";
  private static final String HEAD = "MSH|^~\\&|ADT1|GH|PHIGATE|HOSP|20260101120000||ADT^A01^ADT_A01|%s|P|%s\r";

  @Test
  void shouldEchoAPhiControlIdInMsa2AndKeepItOutOfDeadLettersAuditEventsMetricsAndLogs() throws Exception {
    EdgeFixture fixture = new EdgeFixture(true, 1 << 20);
    List<String> logs;
    try (CapturedOutput out = new CapturedOutput();
         MllpServer server = MllpServer.start(new MllpServer.Settings("127.0.0.1", 0, 1 << 20, 30_000, 8, null,
             new char[0]), new MllpIntakeHandler(fixture.gateway, new Hl7Ack(Clock.systemUTC()), true, 1 << 20));
         MllpClient client = MllpClient.connect(server.port())) {
      client.send(String.format(HEAD, PHI_ID + "-A", "9.9").getBytes(StandardCharsets.ISO_8859_1));
      String versionAck = client.readAck();
      client.send((String.format(HEAD, PHI_ID + "-B", "2.5.1") + "EVN|A01\r").getBytes(StandardCharsets.ISO_8859_1));
      String contentAck = client.readAck();
      client.send(("MSH|^~\\&|ADT1|GH|PHIGATE|HOSP|20260101||ADT^A01|" + PHI_ID + "-C|P|2.5.1\r"
          + "PID|1||" + MRN + "^^^GH^MR||" + NAME + "^Ann\r").getBytes(StandardCharsets.ISO_8859_1));
      String acceptedAck = client.readAck();

      assertThat(MllpClient.ackCode(versionAck)).isEqualTo("AR");
      assertThat(MllpClient.field(versionAck, "MSA", 2)).isEqualTo(PHI_ID + "-A");
      assertThat(MllpClient.ackCode(contentAck)).isEqualTo("AE");
      assertThat(MllpClient.field(contentAck, "MSA", 2)).isEqualTo(PHI_ID + "-B");
      assertThat(MllpClient.field(acceptedAck, "MSA", 2)).isEqualTo(PHI_ID + "-C");
      logs = out.logLines();
    }

    var deadLetters = fixture.sent(Topics.INTAKE_DLQ.name());
    assertThat(deadLetters).hasSize(2).allSatisfy(r -> assertThat(r.key()).startsWith("sid-").doesNotContain(MRN));
    assertThat(deadLetters).extracting(r -> r.key()).containsExactly(
        fixture.stage.sourceId(PHI_ID + "-A"), fixture.stage.sourceId(PHI_ID + "-B"));
    assertThat(fixture.deadLetters()).extracting(IntakeFailure::getSourceMessageId)
        .containsExactly(fixture.stage.sourceId(PHI_ID + "-A"), fixture.stage.sourceId(PHI_ID + "-B"));
    assertThat(fixture.deadLetters()).allSatisfy(f -> assertNoPhi(f.toString()));
    // the sealed original opens under the hashed id and still holds the message as sent
    IntakeFailure first = fixture.deadLetters().get(0);
    assertThat(new String(fixture.cipher.open(first.getOriginal(), first.getSourceMessageId()),
        StandardCharsets.ISO_8859_1)).contains(PHI_ID + "-A");

    List<AuditEvent> audit = fixture.sent(Topics.AUDIT_EVENTS.name()).stream()
        .map(r -> fixture.serdes.valueSerde(Topics.AUDIT_EVENTS).deserializer()
            .deserialize(Topics.AUDIT_EVENTS.name(), r.value())).toList();
    assertThat(audit).hasSize(2).allSatisfy(a -> assertNoPhi(a.toString()));
    assertThat(audit.get(0).getEntities().get(0).getWhat())
        .isEqualTo("phigate.intake.dlq/" + fixture.stage.sourceId(PHI_ID + "-A"));
    assertThat(fixture.sent(Topics.AUDIT_EVENTS.name())).allSatisfy(r -> assertNoPhi(r.key()));
    assertThat(logs).allSatisfy(SenderIdPhiTest::assertNoPhi);
    assertThat(CapturedOutput.metricIds()).isNotEmpty().allSatisfy(SenderIdPhiTest::assertNoPhi);
  }

  @Test
  void shouldHashTheSameSenderIdTheSameWayAndDifferentIdsDifferently() {
    EdgeFixture fixture = new EdgeFixture(true, 1 << 20);
    assertThat(fixture.stage.sourceId(PHI_ID)).isEqualTo(fixture.stage.sourceId(PHI_ID)).matches("sid-[0-9a-f]{32}")
        .isNotEqualTo(fixture.stage.sourceId(PHI_ID + "x"));
    assertThat(new EdgeFixture(true, 1 << 20).stage.sourceId(PHI_ID)).as("another key, another hash")
        .isNotEqualTo(fixture.stage.sourceId(PHI_ID));
  }

  private static void assertNoPhi(String text) {
    assertThat(text).doesNotContainIgnoringCase(NAME).doesNotContain(MRN);
  }
}
