package org.phigate.topology;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.phigate.schema.ApprovedResult;
import org.phigate.writeback.EhrWriteException;
import org.phigate.writeback.EhrWriter;

/**
 * A fake EHR behind {@link EhrWriter} for delivery tests: conditional create by review id, and scripted failures
 * (HTTP statuses, timeouts, answers lost after the write, a permanent refusal of one item, a stall).
 */
final class FlakyEhr implements EhrWriter {
  /** A write that is stored by the EHR but whose answer never arrives (a socket timeout after the commit). */
  static final int LOST_ANSWER = -1;
  final Map<String, WriteResult> stored = new ConcurrentHashMap<>();
  final Map<String, String> texts = new ConcurrentHashMap<>();
  final AtomicInteger writes = new AtomicInteger();
  final AtomicInteger finds = new AtomicInteger();
  private final Queue<Integer> failures = new ConcurrentLinkedQueue<>();
  private final Map<String, Integer> refused = new ConcurrentHashMap<>();
  private final AtomicInteger nextId = new AtomicInteger(1);
  private volatile int failAlways;
  private volatile CountDownLatch stall = new CountDownLatch(0);

  /** The next writes fail, one per status (0: unreachable or timed out; {@link #LOST_ANSWER}: stored, then lost). */
  FlakyEhr failNext(int... statuses) {
    for (int status : statuses) {
      failures.add(status);
    }
    return this;
  }

  /** Every write fails with {@code status} until {@link #recover()}. */
  FlakyEhr failAlways(int status) {
    failAlways = status;
    return this;
  }

  FlakyEhr recover() {
    failAlways = 0;
    failures.clear();
    return this;
  }

  /** Writes of {@code reviewId} are refused with {@code status} until {@link #fix}. */
  FlakyEhr refuse(String reviewId, int status) {
    refused.put(reviewId, status);
    return this;
  }

  FlakyEhr fix(String reviewId) {
    refused.remove(reviewId);
    return this;
  }

  /** Calls block until the returned latch is counted down. */
  CountDownLatch stall() {
    stall = new CountDownLatch(1);
    return stall;
  }

  @Override
  public WriteResult write(WriteRequest request) {
    ApprovedResult approved = request.approved();
    String text = request.text();
    waitIfStalled();
    writes.incrementAndGet();
    String reviewId = approved.getItem().getReviewId();
    Integer refusal = refused.get(reviewId);
    if (refusal != null) {
      throw new EhrWriteException("EHR answered HTTP " + refusal, refusal, false,
          List.of("error|invalid|MSG_PARAM_INVALID"));
    }
    Integer failure = failAlways != 0 ? Integer.valueOf(failAlways) : failures.poll();
    if (failure != null && failure != LOST_ANSWER) {
      throw failure == 0 ? new EhrWriteException("EHR unreachable", 0, true)
          : new EhrWriteException("EHR answered HTTP " + failure, failure, failure >= 500 || failure == 429,
              List.of("error|transient|"));
    }
    WriteResult existing = stored.get(reviewId);
    WriteResult result = existing != null ? new WriteResult("Task", existing.resourceId(), false, 200)
        : create(reviewId, text);
    if (failure != null) {
      throw new EhrWriteException("EHR unreachable", 0, true);
    }
    return result;
  }

  private synchronized WriteResult create(String reviewId, String text) {
    WriteResult existing = stored.get(reviewId);
    if (existing != null) {
      return new WriteResult("Task", existing.resourceId(), false, 200);
    }
    WriteResult created = new WriteResult("Task", Integer.toString(nextId.getAndIncrement()), true, 201);
    stored.put(reviewId, created);
    texts.put(reviewId, text);
    return created;
  }

  @Override
  public Optional<WriteResult> find(ApprovedResult approved) {
    waitIfStalled();
    finds.incrementAndGet();
    if (failAlways != 0) {
      throw new EhrWriteException("EHR answered HTTP " + failAlways, failAlways, true);
    }
    WriteResult found = stored.get(approved.getItem().getReviewId());
    return Optional.ofNullable(found).map(r -> new WriteResult(r.resourceType(), r.resourceId(), false, 200));
  }

  private void waitIfStalled() {
    try {
      if (!stall.await(60, TimeUnit.SECONDS)) {
        throw new EhrWriteException("EHR unreachable", 0, true);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EhrWriteException("EHR unreachable", 0, true);
    }
  }
}
