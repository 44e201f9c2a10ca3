package org.phigate.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.phigate.catalog.TopicSerdes;
import org.phigate.catalog.Topics;
import org.phigate.embedded.InMemorySchemaRegistry;

/** The demo waits on the observer: woken by each record it sees, not by polling. */
class PipelineObserverTest {
  private final PipelineObserver observer = new PipelineObserver("127.0.0.1:1",
      new TopicSerdes(new InMemorySchemaRegistry()));

  private static ConsumerRecord<byte[], byte[]> raw(long offset) {
    return new ConsumerRecord<>(Topics.INTAKE_RAW.name(), 0, offset, new byte[0], new byte[] {'x'});
  }

  @Test
  void shouldWakeAWaiterWhenARecordMakesItsConditionTrue() throws Exception {
    CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
      try {
        return observer.await(() -> observer.count(Topics.INTAKE_RAW) >= 2, Duration.ofSeconds(60));
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    observer.observe(raw(0));
    assertThat(waiting).isNotDone();
    observer.observe(raw(1));
    assertThat(waiting.get(20, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void shouldGiveUpAtTheTimeoutWhenTheConditionStaysFalse() throws Exception {
    assertThat(observer.await(() -> observer.count(Topics.INTAKE_RAW) >= 1, Duration.ofMillis(200))).isFalse();
    observer.observe(raw(0));
    assertThat(observer.await(() -> observer.count(Topics.INTAKE_RAW) >= 1, Duration.ZERO)).isTrue();
  }
}
