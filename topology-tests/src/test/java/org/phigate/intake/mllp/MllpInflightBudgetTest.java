package org.phigate.intake.mllp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.phigate.catalog.Topics;
import org.phigate.intake.EdgeFixture;

/** The MLLP connections' shared in-flight byte budget, over real sockets. */
class MllpInflightBudgetTest {
  private static final int MAX_FRAME = 200_000;
  private static final int BUDGET = 256 * 1024;
  private final ExecutorService senders = Executors.newCachedThreadPool();
  private EdgeFixture fixture;
  private MllpServer server;

  private void start(long waitMs) {
    fixture = new EdgeFixture(true, 4 * 1024 * 1024);
    server = MllpServer.start(new MllpServer.Settings("127.0.0.1", 0, MAX_FRAME, 30_000, 8, null, new char[0],
        BUDGET, waitMs), new MllpIntakeHandler(fixture.gateway, new Hl7Ack(Clock.systemUTC()), true, MAX_FRAME));
  }

  @AfterEach
  void stop() {
    senders.shutdownNow();
    if (server != null) {
      server.close();
    }
  }

  private static byte[] adt(String controlId, int noteChars) {
    return (String.format(MllpServerTest.ADT, controlId) + "NTE|1||" + "x".repeat(noteChars) + "\r")
        .getBytes(StandardCharsets.ISO_8859_1);
  }

  private CompletableFuture<String> exchangeAsync(MllpClient client, byte[] message) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return client.exchange(message);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }, senders);
  }

  /** Starts a frame of a large message and sends all but its end block: the listener holds it, charged. */
  private static void sendAllButTheEnd(MllpClient client, byte[] message) throws IOException {
    client.sendRaw(MllpServerTest.concat(new byte[] {MllpFrameReader.START}, message));
  }

  private static void sendTheEnd(MllpClient client) throws IOException {
    client.sendRaw(new byte[] {MllpFrameReader.END, MllpFrameReader.CR});
  }

  @Test
  void shouldStopReadingAConnectionWhileTheBudgetIsUsedUpAndGoOnOnceItIsFree() throws Exception {
    start(20_000);
    try (MllpClient first = MllpClient.connect(server.port());
         MllpClient second = MllpClient.connect(server.port())) {
      byte[] big = adt("CTRL-A", 150_000);
      sendAllButTheEnd(first, big);
      await().atMost(Duration.ofSeconds(10)).until(() -> server.inflightBytes() > 150_000);

      CompletableFuture<String> waiting = exchangeAsync(second, adt("CTRL-B", 100_000));
      await().atMost(Duration.ofSeconds(10)).until(() -> server.waitingForBudget() == 1);
      assertThat(waiting).as("no answer while the budget is used up").isNotDone();
      assertThat(server.inflightBytes()).isLessThanOrEqualTo(BUDGET);
      assertThat(fixture.sent(Topics.INTAKE_RAW.name())).isEmpty();

      sendTheEnd(first);
      assertThat(MllpClient.ackCode(first.readAck())).isEqualTo("AA");
      String ack = waiting.get();
      assertThat(MllpClient.ackCode(ack)).isEqualTo("AA");
      assertThat(MllpClient.field(ack, "MSA", 2)).isEqualTo("CTRL-B");
    }
    assertThat(fixture.sent(Topics.INTAKE_RAW.name())).extracting(r -> r.key()).containsExactly("CTRL-A", "CTRL-B");
    assertThat(server.busyFrames()).isZero();
    await().atMost(Duration.ofSeconds(10)).until(() -> server.inflightBytes() == 0);
  }

  @Test
  void shouldAnswerAeResendWithoutADeadLetterWhenNoRoomFreesUpInTime() throws Exception {
    start(300);
    try (MllpClient first = MllpClient.connect(server.port());
         MllpClient second = MllpClient.connect(server.port())) {
      sendAllButTheEnd(first, adt("CTRL-A", 150_000));
      await().atMost(Duration.ofSeconds(10)).until(() -> server.inflightBytes() > 150_000);

      String busy = exchangeAsync(second, adt("CTRL-B", 100_000)).get();
      assertThat(MllpClient.ackCode(busy)).isEqualTo("AE");
      assertThat(MllpClient.field(busy, "MSA", 2)).isEqualTo("CTRL-B");
      assertThat(MllpClient.field(busy, "ERR", 3)).startsWith("207^");
      assertThat(MllpClient.field(busy, "ERR", 8)).startsWith(MllpIntakeHandler.BUSY).contains("resend")
          .doesNotContain("Quixtrot");
      assertThat(server.busyFrames()).isEqualTo(1);

      // the busy connection stays usable; a small message needs no room from the budget
      assertThat(MllpClient.ackCode(second.exchange(adt("CTRL-C", 10)))).isEqualTo("AA");
      sendTheEnd(first);
      assertThat(MllpClient.ackCode(first.readAck())).isEqualTo("AA");
    }
    assertThat(fixture.deadLetters()).as("nothing for an operator to fix").isEmpty();
    assertThat(fixture.sent(Topics.INTAKE_RAW.name())).extracting(r -> r.key()).containsExactly("CTRL-C", "CTRL-A");
    await().atMost(Duration.ofSeconds(10)).until(() -> server.inflightBytes() == 0);
  }
}
