package org.phigate.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.phigate.audit.AuditEvents;
import org.phigate.catalog.TopicSerdes;
import org.phigate.catalog.Topics;
import org.phigate.it.support.PortalEvents;
import org.phigate.embedded.InMemorySchemaRegistry;
import org.phigate.schema.DeidentifiedEvent;
import org.phigate.schema.ResultStatus;

/** The off-thread inference processor on its own: hand-off, order, budget, in-flight limit and restart recovery. */
class InferenceProcessorTest {
  private final CountDownLatch release = new CountDownLatch(1);
  private final AtomicInteger calls = new AtomicInteger();
  private final InferenceWorkers workers = new InferenceWorkers(2);
  private final TopicSerdes serdes = new TopicSerdes(new InMemorySchemaRegistry());

  /** A model that blocks until released, like a stalled remote endpoint. */
  private final ClinicalModel blocking = new ClinicalModel() {
    @Override
    public Assessment infer(String workflow, String prompt) {
      calls.incrementAndGet();
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return Assessment.labelled("other", 0.5, "draft");
    }

    @Override
    public String modelId() {
      return "blocking";
    }

    @Override
    public String modelVersion() {
      return "1";
    }
  };

  @AfterEach
  void stop() {
    release.countDown();
    workers.shutdown();
  }

  private InferenceStage stage() {
    return new InferenceStage(new InferenceService(new PromptBuilder(), new EgressGuard(), blocking),
        java.util.Set.of("message-triage"), new AuditEvents("inference", "service:test", "test", Clock.systemUTC()),
        Clock.systemUTC());
  }

  private KeyValueStore<String, PendingInference> store(MockProcessorContext<String, InferenceStage.Outcome> ctx) {
    KeyValueStore<String, PendingInference> store = Stores.keyValueStoreBuilder(
        Stores.inMemoryKeyValueStore(InferenceProcessor.PENDING_STORE), Serdes.String(),
        PendingInference.serde(serdes.valueSerde(Topics.EVENTS_DEIDENTIFIED))).withLoggingDisabled().build();
    store.init(ctx.getStateStoreContext(), store);
    ctx.addStateStore(store);
    return store;
  }

  private static void punctuate(MockProcessorContext<String, InferenceStage.Outcome> ctx) {
    ctx.scheduledPunctuators().forEach(p -> p.getPunctuator().punctuate(System.currentTimeMillis()));
  }

  private static Record<String, DeidentifiedEvent> record(String id) {
    return new Record<>(id, PortalEvents.event(id, "message-triage", "Can I reschedule my appointment?"), 1000L);
  }

  private static List<String> forwardedIds(MockProcessorContext<String, InferenceStage.Outcome> ctx) {
    return ctx.forwarded().stream().map(f -> (String) f.record().key()).toList();
  }

  @Test
  void shouldReturnAtOnceWhileTheModelIsStalledAndKeepTheInputInThePendingStore() {
    var ctx = new MockProcessorContext<String, InferenceStage.Outcome>();
    KeyValueStore<String, PendingInference> store = store(ctx);
    var processor = InferenceProcessor.supplier(stage(), workers,
        new OffThreadSettings(4, 100, Duration.ofMinutes(1), Duration.ofMillis(10))).get();
    processor.init(ctx);

    long start = System.nanoTime();
    processor.process(record("ev-1"));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    punctuate(ctx);
    assertThat(ctx.forwarded()).isEmpty();
    assertThat(store.approximateNumEntries()).isEqualTo(1);

    release.countDown();
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      punctuate(ctx);
      return !ctx.forwarded().isEmpty();
    });
    assertThat(forwardedIds(ctx)).containsExactly("ev-1");
    assertThat(ctx.forwarded().get(0).record().value().result().getStatus()).isEqualTo(ResultStatus.OK);
    assertThat(store.approximateNumEntries()).isZero();
  }

  @Test
  void shouldGiveModelUnavailableWhenTheBudgetIsSpent() {
    var ctx = new MockProcessorContext<String, InferenceStage.Outcome>();
    store(ctx);
    var processor = InferenceProcessor.supplier(stage(), workers,
        new OffThreadSettings(4, 100, Duration.ofMillis(200), Duration.ofMillis(10))).get();
    processor.init(ctx);
    processor.process(record("ev-1"));

    await().atMost(Duration.ofSeconds(10)).until(() -> {
      punctuate(ctx);
      return !ctx.forwarded().isEmpty();
    });
    InferenceStage.Outcome outcome = ctx.forwarded().get(0).record().value();
    assertThat(outcome.result().getStatus()).isEqualTo(ResultStatus.MODEL_UNAVAILABLE);
    assertThat(outcome.result().getUrgency()).isEqualTo(FallbackAssessments.FALLBACK_URGENCY);
    assertThat(outcome.audit().getDetails()).containsEntry("status", "MODEL_UNAVAILABLE");
  }

  @Test
  void shouldHoldTheEgressBlockedResultWhenABlockedEventsBatchOutlivesItsBudget() {
    InferenceStage.Outcome outcome = stage().unavailable(PortalEvents.event("ev-b", "message-triage",
        "call me at 617-555-0134, I took all my pills"), "budget-spent", 250);

    assertThat(outcome.result().getStatus()).isEqualTo(ResultStatus.EGRESS_BLOCKED);
    assertThat(outcome.result().getUrgency()).isEqualTo(org.phigate.schema.Urgency.EMERGENCY);
    assertThat(outcome.result().getEscalate()).isTrue();
    assertThat(outcome.audit().getOutcomeDesc()).isEqualTo("EGRESS_BLOCKED");
    assertThat(outcome.audit().getDetails()).containsEntry("resultHeld", "true").containsEntry("latencyMs", "250");
    assertThat(outcome.audit().toString() + outcome.result()).doesNotContain("617-555-0134");
    assertThat(calls.get()).isZero();
  }

  @Test
  void shouldResubmitWhatThePendingStoreHoldsAfterARestartInOrder() {
    var before = new MockProcessorContext<String, InferenceStage.Outcome>();
    KeyValueStore<String, PendingInference> store = store(before);
    var first = InferenceProcessor.supplier(stage(), workers,
        new OffThreadSettings(1, 100, Duration.ofMinutes(1), Duration.ofMillis(10))).get();
    first.init(before);
    for (int i = 0; i < 5; i++) {
      first.process(record("ev-" + i));
    }
    first.close();
    assertThat(store.approximateNumEntries()).isEqualTo(5);

    // a new task instance over the restored store: the stalled calls of the old one are abandoned
    var after = new MockProcessorContext<String, InferenceStage.Outcome>();
    after.addStateStore(store);
    var second = InferenceProcessor.supplier(stage(), workers,
        new OffThreadSettings(1, 100, Duration.ofMinutes(1), Duration.ofMillis(10))).get();
    second.init(after);
    release.countDown();
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      punctuate(after);
      return after.forwarded().size() == 5;
    });
    assertThat(forwardedIds(after)).containsExactly("ev-0", "ev-1", "ev-2", "ev-3", "ev-4");
    assertThat(store.approximateNumEntries()).isZero();
    assertThat(before.forwarded()).isEmpty();
  }

  @Test
  void shouldParkEventsBeyondTheInFlightLimitInTheStoreAndAdmitThemLater() {
    var ctx = new MockProcessorContext<String, InferenceStage.Outcome>();
    KeyValueStore<String, PendingInference> store = store(ctx);
    var processor = InferenceProcessor.supplier(stage(), workers,
        new OffThreadSettings(1, 2, Duration.ofMinutes(1), Duration.ofMillis(10))).get();
    processor.init(ctx);
    for (int i = 0; i < 6; i++) {
      processor.process(record("ev-" + i));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> calls.get() == 2);
    assertThat(store.approximateNumEntries()).isEqualTo(6);

    release.countDown();
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      punctuate(ctx);
      return ctx.forwarded().size() == 6;
    });
    assertThat(forwardedIds(ctx)).containsExactly("ev-0", "ev-1", "ev-2", "ev-3", "ev-4", "ev-5");
    assertThat(calls.get()).isEqualTo(6);
  }
}
