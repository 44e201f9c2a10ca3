package org.phigate.inference;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.phigate.schema.DeidentifiedEvent;

/**
 * Runs the inference stage off the stream thread: every input is written to {@value #PENDING_STORE} (changelogged,
 * in the same exactly-once transaction as the input offset), handed in batches to {@link InferenceWorkers}, and its
 * outcome is forwarded, and its store entry deleted, in input order by a wall-clock punctuation. A batch that
 * outlives its budget gives MODEL_UNAVAILABLE results. After a restart or rebalance whatever the store still holds is
 * handed to the workers again, so nothing is dropped; an outcome and its store delete commit together, so nothing is
 * forwarded twice.
 */
public final class InferenceProcessor implements Processor<String, DeidentifiedEvent, String, InferenceStage.Outcome> {
  /** The changelogged store of events handed to workers and not yet forwarded. */
  public static final String PENDING_STORE = "inference-pending-store";

  private final InferenceStage stage;
  private final InferenceWorkers workers;
  private final OffThreadSettings settings;
  private final Deque<Slot> inFlight = new ArrayDeque<>();
  private final List<Slot> unsubmitted = new ArrayList<>();
  private final AtomicInteger runningBatches = new AtomicInteger();
  private ProcessorContext<String, InferenceStage.Outcome> context;
  private KeyValueStore<String, PendingInference> pending;
  private long nextSeq;
  private long nextToAdmit;

  private InferenceProcessor(InferenceStage stage, InferenceWorkers workers, OffThreadSettings settings) {
    this.stage = stage;
    this.workers = workers;
    this.settings = settings;
  }

  /** One processor per task; all share the stage and the workers. */
  public static ProcessorSupplier<String, DeidentifiedEvent, String, InferenceStage.Outcome> supplier(
      InferenceStage stage, InferenceWorkers workers, OffThreadSettings settings) {
    return () -> new InferenceProcessor(stage, workers, settings);
  }

  /** One admitted event: its outcome, once its batch is done. */
  private static final class Slot {
    final long seq;
    final PendingInference pending;
    CompletableFuture<List<InferenceStage.Outcome>> batch;
    int index;
    long deadlineNanos;

    Slot(long seq, PendingInference pending) {
      this.seq = seq;
      this.pending = pending;
    }
  }

  @Override
  public void init(ProcessorContext<String, InferenceStage.Outcome> context) {
    this.context = context;
    this.pending = context.getStateStore(PENDING_STORE);
    // stores are restored before init: what is still here was never forwarded, so it is handed to workers again
    try (KeyValueIterator<String, PendingInference> all = pending.all()) {
      boolean first = true;
      while (all.hasNext()) {
        long seq = Long.parseLong(all.next().key);
        if (first) {
          nextToAdmit = seq;
          first = false;
        }
        nextSeq = seq + 1;
      }
    }
    admitBacklog();
    context.schedule(settings.punctuateInterval(), PunctuationType.WALL_CLOCK_TIME, now -> {
      flush();
      drain();
    });
  }

  @Override
  public void process(Record<String, DeidentifiedEvent> record) {
    long seq = nextSeq++;
    PendingInference entry = new PendingInference(record.key(), record.timestamp(), record.value());
    if (inFlight.isEmpty() && nextToAdmit == seq && !stage.enabled(record.value())) {
      // nothing ahead of it and no model step: no need to park it
      nextToAdmit++;
      forward(entry, stage.skipped(record.value()));
      return;
    }
    pending.put(PendingInference.storeKey(seq), entry);
    if (nextToAdmit == seq && inFlight.size() < settings.maxInFlight()) {
      nextToAdmit++;
      admit(new Slot(seq, entry));
    }
    drain();
  }

  private void admit(Slot slot) {
    inFlight.addLast(slot);
    if (!stage.enabled(slot.pending.event())) {
      slot.batch = CompletableFuture.completedFuture(List.of(stage.skipped(slot.pending.event())));
      return;
    }
    unsubmitted.add(slot);
    // batch only while the workers are busy: an idle pool gets each event at once
    if (unsubmitted.size() >= settings.batchSize() || runningBatches.get() < workers.threads()) {
      flush();
    }
  }

  private void flush() {
    if (unsubmitted.isEmpty()) {
      return;
    }
    List<Slot> slots = List.copyOf(unsubmitted);
    unsubmitted.clear();
    List<DeidentifiedEvent> events = slots.stream().map(s -> s.pending.event()).toList();
    runningBatches.incrementAndGet();
    CompletableFuture<List<InferenceStage.Outcome>> batch = workers.submit(() -> stage.inferBatch(events));
    batch.whenComplete((r, e) -> runningBatches.decrementAndGet());
    long deadline = System.nanoTime() + settings.budget().toNanos();
    for (int i = 0; i < slots.size(); i++) {
      slots.get(i).batch = batch;
      slots.get(i).index = i;
      slots.get(i).deadlineNanos = deadline;
    }
  }

  /** Forwards finished outcomes from the head of the queue, in input order, then admits waiting events. */
  private void drain() {
    while (!inFlight.isEmpty()) {
      Slot head = inFlight.peekFirst();
      InferenceStage.Outcome outcome = outcomeIfDone(head);
      if (outcome == null) {
        break;
      }
      inFlight.pollFirst();
      forward(head.pending, outcome);
      pending.delete(PendingInference.storeKey(head.seq));
    }
    admitBacklog();
  }

  private InferenceStage.Outcome outcomeIfDone(Slot slot) {
    if (slot.batch == null) {
      return null;
    }
    if (slot.batch.isDone()) {
      try {
        return slot.batch.join().get(slot.index);
      } catch (RuntimeException e) {
        return stage.failed(slot.pending.event(), InferenceService.codeOf("worker-error", e), -1);
      }
    }
    long overdue = System.nanoTime() - slot.deadlineNanos;
    if (overdue >= 0) {
      long latencyMs = (settings.budget().toNanos() + overdue) / 1_000_000;
      return stage.unavailable(slot.pending.event(), "budget-spent", latencyMs);
    }
    return null;
  }

  private void admitBacklog() {
    if (nextToAdmit >= nextSeq || inFlight.size() >= settings.maxInFlight()) {
      return;
    }
    try (KeyValueIterator<String, PendingInference> waiting =
             pending.range(PendingInference.storeKey(nextToAdmit), PendingInference.storeKey(nextSeq - 1))) {
      while (waiting.hasNext() && inFlight.size() < settings.maxInFlight()) {
        KeyValue<String, PendingInference> next = waiting.next();
        long seq = Long.parseLong(next.key);
        nextToAdmit = seq + 1;
        admit(new Slot(seq, next.value));
      }
    }
    if (inFlight.size() < settings.maxInFlight()) {
      nextToAdmit = nextSeq;
    }
  }

  private void forward(PendingInference entry, InferenceStage.Outcome outcome) {
    context.forward(new Record<>(entry.key(), outcome, entry.timestamp()));
  }
}
