package org.phigate.intake.mllp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.phigate.catalog.Topics;
import org.phigate.intake.EdgeFixture;
import org.phigate.intake.GroupCommitter;

/**
 * Group commit over MLLP: messages that arrive on several connections while a write is in flight share the next
 * group, each AA comes only once its group is acknowledged, and each connection's messages reach the broker in the
 * order it sent them. The broker is a MockProducer the test acknowledges.
 */
class MllpGroupCommitTest {
  private static final int CONNECTIONS = 8;
  private EdgeFixture fixture;
  private MllpServer server;
  private final ExecutorService senders = Executors.newFixedThreadPool(CONNECTIONS);

  @BeforeEach
  void start() {
    fixture = new EdgeFixture(false, 4 * 1024 * 1024);
    server = MllpServer.start(new MllpServer.Settings("127.0.0.1", 0, 1 << 20, 30_000, 64, null, new char[0]),
        new MllpIntakeHandler(fixture.gateway, new Hl7Ack(Clock.systemUTC()), true, 1 << 20));
  }

  @AfterEach
  void stop() {
    senders.shutdownNow();
    fixture.producer.flush();
    server.close();
  }

  private static byte[] adt(String controlId) {
    return MllpServerTest.adt(controlId).getBytes(StandardCharsets.ISO_8859_1);
  }

  private List<String> rawKeys() {
    return fixture.sent(Topics.INTAKE_RAW.name()).stream().map(ProducerRecord::key).toList();
  }

  @Test
  void shouldSendMessagesOfConcurrentConnectionsInOneGroupAndAckEachOnlyWhenItsGroupIs() throws Exception {
    GroupCommitter committer = fixture.gateway.committer();
    List<MllpClient> clients = new ArrayList<>();
    try (MllpClient holder = MllpClient.connect(server.port())) {
      holder.send(adt("HOLD-1"));
      await().atMost(Duration.ofSeconds(10)).until(() -> fixture.producer.history().size() == 1);
      for (int c = 0; c < CONNECTIONS; c++) {
        MllpClient client = MllpClient.connect(server.port());
        clients.add(client);
        client.send(adt("C" + c + "-0"));
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> committer.waiting() == CONNECTIONS);
      assertThat(fixture.producer.history()).as("nothing more is written while the first group is in flight")
          .hasSize(1);

      fixture.producer.completeNext();
      assertThat(MllpClient.ackCode(holder.readAck())).isEqualTo("AA");
      await().atMost(Duration.ofSeconds(10)).until(() -> fixture.producer.history().size() == 1 + CONNECTIONS);
      List<CompletableFuture<String>> acks = new ArrayList<>();
      for (MllpClient client : clients) {
        acks.add(CompletableFuture.supplyAsync(() -> readAck(client), senders));
      }
      assertThat(acks).as("no AA before the second group is acknowledged").noneMatch(CompletableFuture::isDone);
      fixture.producer.flush();
      for (int c = 0; c < CONNECTIONS; c++) {
        String ack = acks.get(c).get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(MllpClient.ackCode(ack)).isEqualTo("AA");
        assertThat(MllpClient.field(ack, "MSA", 2)).isEqualTo("C" + c + "-0");
      }
      assertThat(committer.groups()).as("one group for the first message, one for the eight").isEqualTo(2);
      assertThat(committer.largestGroup()).isEqualTo(CONNECTIONS);
    } finally {
      for (MllpClient client : clients) {
        client.close();
      }
    }
  }

  @Test
  void shouldKeepEachConnectionsOrderWhileConnectionsShareGroups() throws Exception {
    int perConnection = 12;
    List<CompletableFuture<List<String>>> runs = new ArrayList<>();
    for (int c = 0; c < CONNECTIONS; c++) {
      int conn = c;
      runs.add(CompletableFuture.supplyAsync(() -> {
        List<String> codes = new ArrayList<>();
        try (MllpClient client = MllpClient.connect(server.port())) {
          for (int m = 0; m < perConnection; m++) {
            codes.add(MllpClient.ackCode(client.exchange(adt("C" + conn + "-" + m))));
          }
        } catch (java.io.IOException e) {
          throw new IllegalStateException(e);
        }
        return codes;
      }, senders));
    }
    // the test is the broker: it acknowledges whatever has been written, until every sender has all its answers
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(2)).until(() -> {
      fixture.producer.flush();
      return runs.stream().allMatch(CompletableFuture::isDone);
    });
    for (CompletableFuture<List<String>> run : runs) {
      assertThat(run.get()).hasSize(perConnection).containsOnly("AA");
    }
    List<String> keys = rawKeys();
    assertThat(keys).hasSize(CONNECTIONS * perConnection).doesNotHaveDuplicates();
    for (int c = 0; c < CONNECTIONS; c++) {
      String prefix = "C" + c + "-";
      assertThat(keys.stream().filter(k -> k.startsWith(prefix)).map(k -> Integer.parseInt(k.substring(
          prefix.length()))).toList()).as("connection %d's messages in the order sent", c).isSorted();
    }
    assertThat(fixture.gateway.committer().groups()).as("connections shared groups")
        .isLessThan(CONNECTIONS * perConnection);
  }

  private static String readAck(MllpClient client) {
    try {
      return client.readAck();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
