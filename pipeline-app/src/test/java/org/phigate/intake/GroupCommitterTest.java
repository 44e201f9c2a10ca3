package org.phigate.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupCommitterTest {
  private final MockProducer<String, byte[]> broker = new MockProducer<>(false, null, new StringSerializer(),
      new ByteArraySerializer());
  private GroupCommitter committer;

  @AfterEach
  void close() {
    if (committer != null) {
      broker.flush();
      committer.close();
    }
  }

  private static List<ProducerRecord<String, byte[]>> record(String key) {
    return List.of(new ProducerRecord<>("phigate.intake.raw", key, key.getBytes()));
  }

  private static long inTenSeconds() {
    return System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
  }

  @Test
  void shouldSendWhatArrivesWhileAGroupIsInFlightTogetherAndAckEachWhenItsGroupIs() throws Exception {
    committer = new GroupCommitter(broker, 1000, 1 << 20);
    CompletableFuture<Long> first = committer.submit(record("first"), inTenSeconds());
    await().atMost(Duration.ofSeconds(10)).until(() -> broker.history().size() == 1);

    List<CompletableFuture<Long>> later = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      later.add(committer.submit(record("conn-" + i), inTenSeconds()));
    }
    assertThat(committer.waiting()).as("queued behind the group in flight, not sent").isEqualTo(8);
    assertThat(broker.history()).hasSize(1);
    assertThat(first).isNotDone();

    broker.completeNext();
    assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(1L);
    await().atMost(Duration.ofSeconds(10)).until(() -> broker.history().size() == 9);
    assertThat(later).noneMatch(CompletableFuture::isDone);
    broker.flush();
    for (CompletableFuture<Long> f : later) {
      assertThat(f.get(10, TimeUnit.SECONDS)).as("all eight in the second group").isEqualTo(2L);
    }
    assertThat(committer.groups()).isEqualTo(2);
    assertThat(committer.largestGroup()).isEqualTo(8);
    assertThat(broker.history().stream().skip(1).map(ProducerRecord::key).toList())
        .as("in the order they arrived").containsExactly("conn-0", "conn-1", "conn-2", "conn-3", "conn-4", "conn-5",
            "conn-6", "conn-7");
  }

  @Test
  void shouldFailOnlyTheSubmissionWhoseRecordTheBrokerRefused() throws Exception {
    committer = new GroupCommitter(broker, 1000, 1 << 20);
    CompletableFuture<Long> first = committer.submit(record("first"), inTenSeconds());
    await().atMost(Duration.ofSeconds(10)).until(() -> broker.history().size() == 1);
    CompletableFuture<Long> refused = committer.submit(record("refused"), inTenSeconds());
    CompletableFuture<Long> stored = committer.submit(record("stored"), inTenSeconds());
    broker.completeNext();
    first.get(10, TimeUnit.SECONDS);
    await().atMost(Duration.ofSeconds(10)).until(() -> broker.history().size() == 3);
    broker.errorNext(new TimeoutException("not acknowledged"));
    broker.completeNext();
    assertThat(stored.get(10, TimeUnit.SECONDS)).isEqualTo(2L);
    assertThat(refused).failsWithin(Duration.ofSeconds(10)).withThrowableOfType(ExecutionException.class);
  }

  @Test
  void shouldNotSendASubmissionWhoseDeadlinePassedWhileItWaited() throws Exception {
    committer = new GroupCommitter(broker, 1000, 1 << 20);
    CompletableFuture<Long> first = committer.submit(record("first"), inTenSeconds());
    await().atMost(Duration.ofSeconds(10)).until(() -> broker.history().size() == 1);
    CompletableFuture<Long> expired = committer.submit(record("expired"), System.nanoTime() - 1);
    broker.completeNext();
    first.get(10, TimeUnit.SECONDS);
    assertThat(expired).failsWithin(Duration.ofSeconds(10)).withThrowableOfType(ExecutionException.class);
    assertThat(broker.history()).extracting(ProducerRecord::key).containsExactly("first");
  }

  @Test
  void shouldCapAGroupAtItsRecordLimit() throws Exception {
    committer = new GroupCommitter(broker, 3, 1 << 20);
    CompletableFuture<Long> first = committer.submit(record("first"), inTenSeconds());
    await().atMost(Duration.ofSeconds(10)).until(() -> broker.history().size() == 1);
    List<CompletableFuture<Long>> later = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      later.add(committer.submit(record("m" + i), inTenSeconds()));
    }
    broker.completeNext();
    first.get(10, TimeUnit.SECONDS);
    await().atMost(Duration.ofSeconds(10)).until(() -> broker.history().size() == 4);
    broker.flush();
    await().atMost(Duration.ofSeconds(10)).until(() -> broker.history().size() == 6);
    broker.flush();
    List<Long> groups = new ArrayList<>();
    for (CompletableFuture<Long> f : later) {
      groups.add(f.get(10, TimeUnit.SECONDS));
    }
    assertThat(groups).containsExactly(2L, 2L, 2L, 3L, 3L);
  }

  @Test
  void shouldWaitForSubmissionsBeingParsedToJoinTheGroup() throws Exception {
    committer = new GroupCommitter(broker, 1000, 1 << 20, TimeUnit.SECONDS.toNanos(30));
    committer.coming();
    CompletableFuture<Long> first = committer.submit(record("first"), inTenSeconds());
    // one more is being parsed: the group waits for it (as the gateway does, handed over, then no longer parsing);
    // the sender stops counting only after the writer took its entry, the order that once left the writer asleep
    // for its whole wait budget
    CompletableFuture<Long> second = CompletableFuture.supplyAsync(() -> {
      CompletableFuture<Long> handed = committer.submit(record("second"), inTenSeconds());
      await().atMost(Duration.ofSeconds(10)).until(() -> committer.waiting() == 0);
      committer.arrived();
      return handed;
    }).thenCompose(f -> f);
    await().atMost(Duration.ofSeconds(10)).until(() -> broker.history().size() == 2);
    broker.flush();
    assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(1L);
    assertThat(second.get(10, TimeUnit.SECONDS)).as("in the same group").isEqualTo(1L);
  }

  @Test
  void shouldNotWaitWhenNothingIsBeingParsed() throws Exception {
    committer = new GroupCommitter(broker, 1000, 1 << 20, TimeUnit.SECONDS.toNanos(30));
    CompletableFuture<Long> alone = committer.submit(record("alone"), inTenSeconds());
    await().atMost(Duration.ofSeconds(10)).until(() -> broker.history().size() == 1);
    broker.flush();
    assertThat(alone.get(10, TimeUnit.SECONDS)).isEqualTo(1L);
  }
}
