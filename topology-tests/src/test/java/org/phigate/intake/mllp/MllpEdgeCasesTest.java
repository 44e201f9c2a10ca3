package org.phigate.intake.mllp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.phigate.catalog.Topics;
import org.phigate.intake.EdgeFixture;
import org.phigate.intake.Hl7VersionRange;
import org.phigate.schema.IntakeFailure;

/** The HL7 edge's promises on odd but real traffic: long MSH, bad delimiters, NUL, versions, unframed bytes. */
class MllpEdgeCasesTest {
  private static final String ADT = "MSH|^~\\&|ADT1|GH|PHIGATE|HOSP|20260101120000||ADT^A01^ADT_A01|%s|P|%s\r"
      + "EVN|A01|20260101120000\rPID|1||MRN-4711^^^GH^MR||Quixtrot^Zebulonia^Q||19610615|F\rPV1|1|I\r";
  private EdgeFixture fixture;
  private MllpServer server;

  private void start(Hl7VersionRange versions, int maxConnections, int perClient, int firstFrameMs) {
    fixture = new EdgeFixture(true, 4 * 1024 * 1024);
    server = MllpServer.start(new MllpServer.Settings("127.0.0.1", 0, 1 << 20, 30_000, maxConnections, null,
            new char[0], 64 << 20, 5_000, firstFrameMs, perClient),
        new MllpIntakeHandler(fixture.gateway, new Hl7Ack(Clock.systemUTC()), true, 1 << 20, versions));
  }

  private void start() {
    start(Hl7VersionRange.defaults(), 256, 256, 30_000);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private String exchange(String message) throws IOException {
    try (MllpClient client = MllpClient.connect(server.port())) {
      return client.exchange(message.getBytes(StandardCharsets.ISO_8859_1));
    }
  }

  @Test
  void shouldAcceptAValidMessageWithA4050CharacterControlIdAndEchoItWhole() throws Exception {
    start();
    String controlId = "C".repeat(4_050);
    String ack = exchange(String.format(ADT, controlId, "2.5.1"));
    assertThat(MllpClient.ackCode(ack)).isEqualTo("AA");
    assertThat(MllpClient.field(ack, "MSA", 2)).isEqualTo(controlId);
  }

  @Test
  void shouldEchoMsh10OnArForBadEncodingCharactersWheneverItCanBeRead() throws Exception {
    start();
    for (String enc : List.of("^~\\^", "^~\\", "^~\u0001&", "^~ &", "^~\\&&&")) {
      String ack = exchange(String.format(ADT, "ENC-1", "2.5.1").replace("^~\\&", enc));
      assertThat(MllpClient.ackCode(ack)).as(enc).isEqualTo("AR");
      assertThat(MllpClient.field(ack, "MSA", 2)).as(enc).isEqualTo("ENC-1");
      assertThat(ack).contains("HL7_BAD_ENCODING_CHARACTERS");
    }
    assertThat(fixture.deadLetters()).hasSize(5).extracting(IntakeFailure::getReasonCode)
        .containsOnly("HL7_BAD_ENCODING_CHARACTERS");
  }

  @Test
  void shouldRefuseANulByteWithArAndEchoMsh10() throws Exception {
    start();
    String ack = exchange(String.format(ADT, "NUL-1", "2.5.1").replace("Zebulonia", "Zebu\u0000lonia"));
    assertThat(MllpClient.ackCode(ack)).isEqualTo("AR");
    assertThat(MllpClient.field(ack, "MSA", 2)).isEqualTo("NUL-1");
    assertThat(ack).contains("HL7_ILLEGAL_CHARACTER").doesNotContain("Zebu");
    assertThat(fixture.deadLetters()).extracting(IntakeFailure::getReasonCode).containsExactly("HL7_ILLEGAL_CHARACTER");
    assertThat(fixture.sent(Topics.INTAKE_RAW.name())).isEmpty();
  }

  @Test
  void shouldAcceptEveryPatchLevelInTheRangeAndRefuseVersionsOutsideIt() throws Exception {
    start();
    assertThat(MllpClient.ackCode(exchange(String.format(ADT, "V-1", "2.8.3")))).isEqualTo("AA");
    assertThat(MllpClient.ackCode(exchange(String.format(ADT, "V-2", "2.3")))).isEqualTo("AA");
    String refused = exchange(String.format(ADT, "V-3", "2.9"));
    assertThat(MllpClient.ackCode(refused)).isEqualTo("AR");
    assertThat(MllpClient.field(refused, "MSA", 2)).isEqualTo("V-3");
    assertThat(refused).contains("HL7_UNSUPPORTED_VERSION");
  }

  @Test
  void shouldRefuseVersionsOutsideAConfiguredRange() throws Exception {
    start(Hl7VersionRange.parse("2.5-2.6"), 256, 256, 30_000);
    assertThat(MllpClient.ackCode(exchange(String.format(ADT, "R-1", "2.5.1")))).isEqualTo("AA");
    assertThat(MllpClient.ackCode(exchange(String.format(ADT, "R-2", "2.3")))).isEqualTo("AR");
    assertThat(MllpClient.ackCode(exchange(String.format(ADT, "R-3", "2.8.3")))).isEqualTo("AR");
  }

  @Test
  void shouldDeadLetterAndAnswerAFrameWithoutAStartBlock() throws Exception {
    start();
    try (MllpClient client = MllpClient.connect(server.port())) {
      byte[] body = String.format(ADT, "NOSTART-1", "2.5.1").getBytes(StandardCharsets.ISO_8859_1);
      byte[] unframed = new byte[body.length + 2];
      System.arraycopy(body, 0, unframed, 0, body.length);
      unframed[body.length] = 0x1C;
      unframed[body.length + 1] = 0x0D;
      client.sendRaw(unframed);
      String ack = client.readAck();
      assertThat(MllpClient.ackCode(ack)).isEqualTo("AR");
      assertThat(MllpClient.field(ack, "MSA", 2)).isEqualTo("NOSTART-1");
      // the connection still serves framed messages afterwards
      assertThat(MllpClient.ackCode(client.exchange(String.format(ADT, "AFTER-1", "2.5.1")
          .getBytes(StandardCharsets.ISO_8859_1)))).isEqualTo("AA");
    }
    assertThat(fixture.deadLetters()).singleElement().satisfies(f -> {
      assertThat(f.getReasonCode()).isEqualTo(MllpIntakeHandler.MISSING_START_BLOCK);
      assertThat(f.getOriginalTruncated()).isFalse();
    });
  }

  @Test
  void shouldKeepServingSendersWhile256IdleConnectionsAreOpen() throws Exception {
    start(Hl7VersionRange.defaults(), 256, 32, 30_000);
    List<Socket> idle = new ArrayList<>();
    try {
      for (int i = 0; i < 256; i++) {
        idle.add(new Socket("127.0.0.1", server.port()));
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> server.openConnections() + server.evictedConnections()
          >= 256);
      for (int i = 0; i < 5; i++) {
        assertThat(MllpClient.ackCode(exchange(String.format(ADT, "BUSY-" + i, "2.5.1")))).isEqualTo("AA");
      }
      assertThat(server.openConnections()).isLessThanOrEqualTo(256);
      assertThat(server.evictedConnections()).isGreaterThan(0);
    } finally {
      for (Socket s : idle) {
        s.close();
      }
    }
  }

  @Test
  void shouldCloseAConnectionThatNeverSendsAFrameAfterTheFirstFrameTimeout() throws Exception {
    start(Hl7VersionRange.defaults(), 256, 256, 300);
    try (Socket silent = new Socket("127.0.0.1", server.port());
         MllpClient talking = MllpClient.connect(server.port())) {
      talking.exchange(String.format(ADT, "T-1", "2.5.1").getBytes(StandardCharsets.ISO_8859_1));
      silent.setSoTimeout(20_000);
      InputStream in = silent.getInputStream();
      assertThat(in.read()).as("closed by the listener, not by the client's 20 s timeout").isEqualTo(-1);
      await().atMost(Duration.ofSeconds(5)).until(() -> server.openConnections() == 1);
      // the connection that spoke is still served: its idle timeout is 30 s
      assertThat(MllpClient.ackCode(talking.exchange(String.format(ADT, "T-2", "2.5.1")
          .getBytes(StandardCharsets.ISO_8859_1)))).isEqualTo("AA");
    }
  }
}
