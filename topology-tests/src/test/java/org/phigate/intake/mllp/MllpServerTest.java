package org.phigate.intake.mllp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.phigate.catalog.Topics;
import org.phigate.intake.EdgeFixture;
import org.phigate.intake.IntakeGateway;
import org.phigate.schema.IntakeFailure;

class MllpServerTest {
  static final String ADT = "MSH|^~\\&|ADT1|GOOD HEALTH|PHIGATE|HOSP|20260101120000||ADT^A01^ADT_A01|%s|P|2.5.1\r"
      + "EVN|A01|20260101120000\rPID|1||MRN-4711^^^GH^MR||Quixtrot^Zebulonia^Q||19610615|F\r"
      + "PV1|1|I|2000^2012^01\r";
  private EdgeFixture fixture;
  private MllpServer server;

  private MllpServer start(boolean autoComplete, int maxFrame, int idleMs) {
    fixture = new EdgeFixture(autoComplete, 4 * 1024 * 1024);
    server = MllpServer.start(new MllpServer.Settings("127.0.0.1", 0, maxFrame, idleMs, 64, null, new char[0]),
        new MllpIntakeHandler(fixture.gateway, new Hl7Ack(Clock.systemUTC()), true, maxFrame));
    return server;
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  static String adt(String controlId) {
    return String.format(ADT, controlId);
  }

  @Test
  void shouldAcknowledgeOnlyAfterTheBrokerAcknowledged() throws Exception {
    start(false, 1 << 20, 30_000);
    try (MllpClient client = MllpClient.connect(server.port())) {
      client.send(adt("CTRL-1").getBytes(StandardCharsets.ISO_8859_1));
      CompletableFuture<String> ack = CompletableFuture.supplyAsync(() -> {
        try {
          return client.readAck();
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      });
      await().atMost(Duration.ofSeconds(10)).until(() -> fixture.producer.history().size() == 1);
      assertThat(ack).as("no ACK before the broker acknowledged").isNotDone();
      fixture.producer.completeNext();
      String answer = ack.get();
      assertThat(MllpClient.ackCode(answer)).isEqualTo("AA");
      assertThat(MllpClient.field(answer, "MSA", 2)).isEqualTo("CTRL-1");
      assertThat(MllpClient.field(answer, "MSH", 3)).isEqualTo("PHIGATE");
      assertThat(MllpClient.field(answer, "MSH", 5)).isEqualTo("ADT1");
      assertThat(MllpClient.field(answer, "MSH", 9)).isEqualTo("ACK^A01^ACK");
      assertThat(MllpClient.field(answer, "MSH", 12)).isEqualTo("2.5.1");
    }
    var raw = fixture.sent(Topics.INTAKE_RAW.name());
    assertThat(raw).singleElement().satisfies(r -> {
      assertThat(r.key()).isEqualTo("CTRL-1");
      assertThat(new String(r.headers().lastHeader(Topics.CONTENT_TYPE_HEADER).value())).isEqualTo("application/hl7-v2");
      assertThat(new String(r.headers().lastHeader(IntakeGateway.CHANNEL_HEADER).value())).isEqualTo("mllp");
    });
  }

  @Test
  void shouldAnswerAeWhenTheBrokerFails() throws Exception {
    start(false, 1 << 20, 30_000);
    try (MllpClient client = MllpClient.connect(server.port())) {
      client.send(adt("CTRL-2").getBytes(StandardCharsets.ISO_8859_1));
      await().atMost(Duration.ofSeconds(10)).until(() -> fixture.producer.history().size() == 1);
      fixture.producer.errorNext(new org.apache.kafka.common.errors.TimeoutException("broker down"));
      String ack = client.readAck();
      assertThat(MllpClient.ackCode(ack)).isEqualTo("AE");
      assertThat(MllpClient.field(ack, "MSA", 2)).isEqualTo("CTRL-2");
      assertThat(MllpClient.field(ack, "ERR", 3)).startsWith("207^");
      assertThat(MllpClient.field(ack, "ERR", 8)).contains("resend");
    }
  }

  @Test
  void shouldRejectBadMessagesWithAnErrSegmentWithoutPhiAndDeadLetterThem() throws Exception {
    start(true, 1 << 20, 30_000);
    try (MllpClient client = MllpClient.connect(server.port())) {
      String notHl7 = client.exchange("Zebulonia Quixtrot was here");
      assertThat(MllpClient.ackCode(notHl7)).isEqualTo("AR");
      assertThat(MllpClient.field(notHl7, "ERR", 3)).startsWith("100^");

      String badVersion = client.exchange(adt("CTRL-3").replace("|2.5.1\r", "|3.0\r"));
      assertThat(MllpClient.ackCode(badVersion)).isEqualTo("AR");
      assertThat(MllpClient.field(badVersion, "MSA", 2)).isEqualTo("CTRL-3");
      assertThat(MllpClient.field(badVersion, "ERR", 2)).isEqualTo("MSH^1^12");
      assertThat(MllpClient.field(badVersion, "ERR", 3)).startsWith("203^");

      String noControlId = client.exchange(adt(""));
      assertThat(MllpClient.ackCode(noControlId)).isEqualTo("AE");
      assertThat(MllpClient.field(noControlId, "ERR", 2)).isEqualTo("MSH^1^10");

      String noPatient = client.exchange("MSH|^~\\&|LAB|GH|PHIGATE|HOSP|20260101||ORU^R01|CTRL-4|P|2.4\r"
          + "OBR|1\rOBX|1|TX|X||Zebulonia Quixtrot is unwell||||||F\r");
      assertThat(MllpClient.ackCode(noPatient)).isEqualTo("AE");
      assertThat(MllpClient.field(noPatient, "ERR", 8)).startsWith("MISSING_PATIENT");

      for (String ack : List.of(notHl7, badVersion, noControlId, noPatient)) {
        assertThat(ack).doesNotContain("Zebulonia").doesNotContain("Quixtrot").doesNotContain("MRN-4711");
      }
    }
    List<IntakeFailure> dlq = fixture.deadLetters();
    assertThat(dlq).extracting(IntakeFailure::getReasonCode).containsExactly("HL7_MISSING_MSH",
        "HL7_UNSUPPORTED_VERSION", MshHeader.MISSING_CONTROL_ID, "MISSING_PATIENT");
    assertThat(dlq.toString()).doesNotContain("Zebulonia").doesNotContain("Quixtrot");
    assertThat(fixture.sent(Topics.INTAKE_RAW.name())).isEmpty();
    assertThat(fixture.sent(Topics.AUDIT_EVENTS.name())).hasSize(4);
  }

  @Test
  void shouldReassemblePartialFramesAndHandleSeveralMessagesPerRead() throws Exception {
    start(true, 1 << 20, 30_000);
    try (MllpClient client = MllpClient.connect(server.port())) {
      byte[] framed = frame(adt("CTRL-P1"));
      for (byte b : framed) {
        client.sendRaw(new byte[] {b});
      }
      assertThat(MllpClient.field(client.readAck(), "MSA", 2)).isEqualTo("CTRL-P1");
      byte[] two = concat(frame(adt("CTRL-P2")), frame(adt("CTRL-P3")));
      client.sendRaw(two);
      assertThat(MllpClient.field(client.readAck(), "MSA", 2)).isEqualTo("CTRL-P2");
      assertThat(MllpClient.field(client.readAck(), "MSA", 2)).isEqualTo("CTRL-P3");
    }
    assertThat(fixture.sent(Topics.INTAKE_RAW.name())).extracting(r -> r.key())
        .containsExactly("CTRL-P1", "CTRL-P2", "CTRL-P3");
  }

  @Test
  void shouldAnswerArForAnOversizedFrameAndKeepTheConnection() throws Exception {
    start(true, 2048, 30_000);
    try (MllpClient client = MllpClient.connect(server.port())) {
      String huge = adt("CTRL-BIG").replace("PV1|1|I|", "PV1|1|I|" + "X".repeat(10_000));
      String ack = client.exchange(huge);
      assertThat(MllpClient.ackCode(ack)).isEqualTo("AR");
      assertThat(MllpClient.field(ack, "MSA", 2)).isEqualTo("CTRL-BIG");
      assertThat(MllpClient.field(ack, "ERR", 8)).startsWith("FRAME_TOO_LARGE");
      assertThat(MllpClient.ackCode(client.exchange(adt("CTRL-NEXT")))).isEqualTo("AA");
    }
    assertThat(fixture.deadLetters()).singleElement().satisfies(f -> {
      assertThat(f.getReasonCode()).isEqualTo("FRAME_TOO_LARGE");
      assertThat(f.getOriginalTruncated()).isTrue();
      assertThat(f.getOriginalSize()).isEqualTo(adt("CTRL-BIG").length() + 10_000L);
      assertThat(fixture.cipher.open(f.getOriginal(), f.getSourceMessageId()).length).isLessThan(10_000);
    });
  }

  @Test
  void shouldCloseAnIdleConnection() throws Exception {
    start(true, 1 << 20, 300);
    try (MllpClient client = MllpClient.connect(server.port())) {
      assertThat(MllpClient.ackCode(client.exchange(adt("CTRL-I1")))).isEqualTo("AA");
      assertThat(client.readAck()).as("server closed the idle connection").isNull();
    }
  }

  @Test
  void shouldServeManyConcurrentSenders() throws Exception {
    start(true, 1 << 20, 30_000);
    ExecutorService senders = Executors.newFixedThreadPool(16);
    try {
      List<Future<List<String>>> results = new ArrayList<>();
      for (int s = 0; s < 16; s++) {
        int sender = s;
        results.add(senders.submit(() -> {
          List<String> codes = new ArrayList<>();
          try (MllpClient client = MllpClient.connect(server.port())) {
            for (int m = 0; m < 20; m++) {
              String ack = client.exchange(adt("S" + sender + "-M" + m));
              codes.add(MllpClient.ackCode(ack) + ":" + MllpClient.field(ack, "MSA", 2));
            }
          }
          return codes;
        }));
      }
      for (int s = 0; s < 16; s++) {
        List<String> codes = results.get(s).get();
        for (int m = 0; m < 20; m++) {
          assertThat(codes.get(m)).isEqualTo("AA:S" + s + "-M" + m);
        }
      }
    } finally {
      senders.shutdownNow();
    }
    assertThat(fixture.sent(Topics.INTAKE_RAW.name())).hasSize(320);
  }

  @Test
  void shouldServeMllpOverTlsWithAPkcs12Keystore(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path keystore = dir.resolve("mllp.p12");
    Process keytool = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "keytool")
        .toString(), "-genkeypair", "-alias", "mllp", "-keyalg", "RSA", "-keysize", "2048", "-storetype", "PKCS12",
        "-keystore", keystore.toString(), "-storepass", "changeit", "-dname", "CN=localhost", "-validity", "2",
        "-ext", "SAN=ip:127.0.0.1").redirectErrorStream(true).start();
    keytool.getInputStream().readAllBytes();
    assertThat(keytool.waitFor()).isZero();
    fixture = new EdgeFixture(true, 1 << 20);
    server = MllpServer.start(new MllpServer.Settings("127.0.0.1", 0, 1 << 20, 30_000, 8, keystore.toString(),
        "changeit".toCharArray()), new MllpIntakeHandler(fixture.gateway, new Hl7Ack(Clock.systemUTC()), true,
        1 << 20));
    java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
    try (var in = java.nio.file.Files.newInputStream(keystore)) {
      trust.load(in, "changeit".toCharArray());
    }
    javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(
        javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    javax.net.ssl.SSLContext tls = javax.net.ssl.SSLContext.getInstance("TLS");
    tls.init(null, tmf.getTrustManagers(), null);
    try (MllpClient client = new MllpClient(tls.getSocketFactory().createSocket("127.0.0.1", server.port()))) {
      String ack = client.exchange(adt("CTRL-TLS"));
      assertThat(MllpClient.ackCode(ack)).isEqualTo("AA");
      assertThat(MllpClient.field(ack, "MSA", 2)).isEqualTo("CTRL-TLS");
    }
  }

  static byte[] frame(String message) {
    return concat(new byte[] {0x0B}, message.getBytes(StandardCharsets.ISO_8859_1), new byte[] {0x1C, 0x0D});
  }

  static byte[] concat(byte[]... parts) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
