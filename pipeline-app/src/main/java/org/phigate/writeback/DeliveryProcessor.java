package org.phigate.writeback;

import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.phigate.schema.ApprovedResult;
import org.phigate.schema.VaultEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers approved results to the EHR exactly once without blocking the stream thread. Each approved item is recorded
 * in {@value #STORE} (changelogged, in the same exactly-once transaction as its input offset) and handed to
 * {@link WritebackWorkers}; a wall-clock punctuation records finished attempts, forwards their outcomes and hands due
 * retries to the workers. The store is the idempotency record per review id: pending (with attempts and the next due
 * time), written (with the resource id) or dead-lettered. An attempt that may follow one that reached the EHR (any
 * retry, and every item still pending after a restart or rebalance) reads back by identifier before it writes.
 * A token not in the vault yet is looked up again later, never waited for on the thread.
 */
public final class DeliveryProcessor implements Processor<String, ApprovedResult, String, WritebackStage.Outcome> {
  /** The changelogged idempotency record and retry schedule per review id. */
  public static final String STORE = "writeback-delivery-store";
  /** Header on an approved record that `phigate dlq replay` re-published: a dead-lettered item is tried again. */
  public static final String REPLAY_HEADER = "phigate.replay";

  private static final Logger LOG = LoggerFactory.getLogger(DeliveryProcessor.class);
  private static final Duration PURGE_INTERVAL = Duration.ofHours(1);
  private final WritebackStage stage;
  private final WritebackWorkers workers;
  private final DeliveryPolicy policy;
  private final int maxInFlight;
  private final Duration punctuateInterval;
  private final PriorityQueue<Due> due = new PriorityQueue<>(Comparator.comparingLong(Due::atMs));
  private final Map<String, InFlight> inFlight = new HashMap<>();
  private final Set<String> readBack = new HashSet<>();
  private ProcessorContext<String, WritebackStage.Outcome> context;
  private KeyValueStore<String, PendingWrite> store;
  private TimestampedKeyValueStore<String, VaultEntry> vault;

  private DeliveryProcessor(WritebackStage stage, WritebackWorkers workers, DeliveryPolicy policy, int maxInFlight,
                            Duration punctuateInterval) {
    this.stage = stage;
    this.workers = workers;
    this.policy = policy;
    this.maxInFlight = maxInFlight;
    this.punctuateInterval = punctuateInterval;
  }

  /** One processor per task; all share the stage, the workers and the policy. */
  public static ProcessorSupplier<String, ApprovedResult, String, WritebackStage.Outcome> supplier(
      WritebackStage stage, WritebackWorkers workers, DeliveryPolicy policy, int maxInFlight,
      Duration punctuateInterval) {
    if (maxInFlight < 1 || punctuateInterval.isNegative() || punctuateInterval.isZero()) {
      throw new IllegalArgumentException("in-flight limit and punctuation interval must be positive");
    }
    return () -> new DeliveryProcessor(stage, workers, policy, maxInFlight, punctuateInterval);
  }

  private record Due(String reviewId, long atMs) {}

  private record InFlight(CompletableFuture<WritebackStage.Attempt> attempt, int vaultReads) {}

  @Override
  public void init(ProcessorContext<String, WritebackStage.Outcome> context) {
    this.context = context;
    this.store = context.getStateStore(STORE);
    this.vault = context.getStateStore(WritebackTopology.VAULT_STORE);
    // stores are restored before init: a pending item may have reached the EHR before the restart or rebalance
    try (KeyValueIterator<String, PendingWrite> all = store.all()) {
      while (all.hasNext()) {
        KeyValue<String, PendingWrite> next = all.next();
        if (next.value.state() == PendingWrite.State.PENDING) {
          due.add(new Due(next.key, next.value.nextAttemptMs()));
          readBack.add(next.key);
        }
      }
    }
    context.schedule(punctuateInterval, PunctuationType.WALL_CLOCK_TIME, this::tick);
    context.schedule(PURGE_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::purge);
  }

  /** Forgets settled items older than the retention; a pending item is never forgotten. */
  private void purge(long now) {
    long before = now - policy.retention().toMillis();
    java.util.List<String> old = new java.util.ArrayList<>();
    try (KeyValueIterator<String, PendingWrite> all = store.all()) {
      while (all.hasNext()) {
        KeyValue<String, PendingWrite> next = all.next();
        if (next.value.state() != PendingWrite.State.PENDING && next.value.nextAttemptMs() < before) {
          old.add(next.key);
        }
      }
    }
    old.forEach(store::delete);
  }

  @Override
  public void process(Record<String, ApprovedResult> record) {
    ApprovedResult approved = record.value();
    String reviewId = approved.getItem().getReviewId();
    long now = context.currentSystemTimeMs();
    PendingWrite existing = store.get(reviewId);
    boolean replay = record.headers().lastHeader(REPLAY_HEADER) != null;
    if (existing == null || existing.state() == PendingWrite.State.DEAD_LETTERED && replay) {
      store.put(reviewId, PendingWrite.admitted(record.key(), record.timestamp(), approved, now));
      if (existing != null) {
        readBack.add(reviewId);
      }
      due.add(new Due(reviewId, now));
    } else if (existing.state() == PendingWrite.State.WRITTEN) {
      forward(record.key(), record.timestamp(), stage.duplicate(approved, existing));
    } else if (existing.state() == PendingWrite.State.PENDING) {
      LOG.info("review {} is already being written; the repeated approval is not sent again", reviewId);
    } else {
      LOG.info("review {} was dead-lettered; `phigate dlq replay` sends it again", reviewId);
    }
    tick(now);
  }

  private void tick(long now) {
    settle(now);
    dispatch(now);
  }

  /** Records finished attempts: written, retried later, or dead-lettered. */
  private void settle(long now) {
    Iterator<Map.Entry<String, InFlight>> it = inFlight.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<String, InFlight> running = it.next();
      if (!running.getValue().attempt().isDone()) {
        continue;
      }
      it.remove();
      String reviewId = running.getKey();
      PendingWrite entry = store.get(reviewId);
      if (entry == null || entry.state() != PendingWrite.State.PENDING) {
        continue;
      }
      WritebackStage.Attempt attempt = outcomeOf(running.getValue().attempt());
      int attempts = entry.attempts() + 1;
      if (attempt.failure() == null) {
        store.put(reviewId, entry.written(attempts, attempt.result(), now));
        readBack.remove(reviewId);
        forward(entry, stage.written(entry.approved(), attempt, attempts, running.getValue().vaultReads()));
      } else {
        failed(reviewId, entry, attempt.failure(), attempts, now);
      }
    }
  }

  private static WritebackStage.Attempt outcomeOf(CompletableFuture<WritebackStage.Attempt> future) {
    try {
      return future.join();
    } catch (RuntimeException e) {
      // the pool refused the work (shut down): nothing reached the EHR, so it is tried again like an outage
      return new WritebackStage.Attempt(null, false, new EhrWriteException("EHR worker unavailable", 0, true),
          0);
    }
  }

  private void failed(String reviewId, PendingWrite entry, EhrWriteException failure, int attempts, long now) {
    if (!policy.retryable(failure)) {
      // a patient not found or ambiguous, an unmapped workflow or a client failure keeps its own reason
      String reason = failure.reasonCode() != null ? failure.reasonCode() : WritebackStage.EHR_REJECTED;
      deadLetter(reviewId, entry, reason, failure, attempts, now);
      return;
    }
    Duration backoff = policy.backoff(attempts);
    long next = now + backoff.toMillis();
    if (!policy.mayRetry(entry.admittedMs(), attempts, next)) {
      deadLetter(reviewId, entry, WritebackStage.EHR_RETRIES_EXHAUSTED, failure, attempts, now);
      return;
    }
    store.put(reviewId, entry.retryAt(next, failure.httpStatus(), WritebackStage.EHR_UNAVAILABLE));
    due.add(new Due(reviewId, next));
    forward(entry, stage.retrying(entry.approved(), WritebackStage.EHR_UNAVAILABLE, failure, attempts, backoff));
  }

  private void deadLetter(String reviewId, PendingWrite entry, String reason, EhrWriteException failure,
                          int attempts, long now) {
    store.put(reviewId, entry.deadLettered(attempts, failure == null ? 0 : failure.httpStatus(), reason, now));
    readBack.remove(reviewId);
    forward(entry, stage.deadLettered(entry.approved(), reason, failure, attempts));
  }

  /** Hands due items to the workers, up to the in-flight limit. */
  private void dispatch(long now) {
    while (inFlight.size() < maxInFlight && !due.isEmpty() && due.peek().atMs() <= now) {
      String reviewId = due.poll().reviewId();
      PendingWrite entry = inFlight.containsKey(reviewId) ? null : store.get(reviewId);
      if (entry == null || entry.state() != PendingWrite.State.PENDING || entry.nextAttemptMs() > now) {
        continue; // settled, running, or rescheduled: a later entry in the queue stands for it
      }
      WritebackStage.Prepared prepared = stage.prepare(entry.approved(), this::vaultEntry);
      if (prepared instanceof WritebackStage.NotReady notReady) {
        if (notReady.permanent() || now - entry.admittedMs() >= policy.vaultWait().toMillis()) {
          deadLetter(reviewId, entry, notReady.reason(), null, entry.attempts(), now);
        } else {
          due.add(new Due(reviewId, now + policy.firstBackoff().toMillis()));
        }
        continue;
      }
      WritebackStage.Ready ready = (WritebackStage.Ready) prepared;
      boolean readBackFirst = entry.attempts() > 0 || readBack.contains(reviewId);
      ApprovedResult approved = entry.approved();
      inFlight.put(reviewId, new InFlight(workers.submit(() -> stage.attempt(approved, ready, readBackFirst)),
          ready.vaultReads()));
    }
  }

  private VaultEntry vaultEntry(String token) {
    ValueAndTimestamp<VaultEntry> entry = vault.get(token);
    return entry == null ? null : entry.value();
  }

  private void forward(PendingWrite entry, WritebackStage.Outcome outcome) {
    forward(entry.key(), entry.timestamp(), outcome);
  }

  private void forward(String key, long timestamp, WritebackStage.Outcome outcome) {
    context.forward(new Record<>(key, outcome, timestamp));
  }
}
