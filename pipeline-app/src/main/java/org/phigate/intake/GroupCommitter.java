package org.phigate.intake;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for the MLLP and REST edges: one thread writes to the broker, one group at a time; whatever the
 * connections hand in while a group is in flight waits and goes out together in the next group, and each caller's
 * future completes when its whole group is acknowledged (acks=all), so an ACK still means "durable". A submission
 * whose deadline passes before its group is written is failed without being sent; one that timed out in flight may
 * still land (the sender was told to resend, and intake suppresses the copy).
 */
public final class GroupCommitter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);

  /** One caller's records (a raw record, or a dead letter with its audit event): stored together or not at all. */
  private record Entry(List<ProducerRecord<String, byte[]>> records, int bytes, long deadlineNanos,
                       CompletableFuture<Long> done) {}

  /** Queued to wake a writer waiting for submissions on their way when none is any more; never written. */
  private static final Entry NOTHING_COMING = new Entry(List.of(), 0, Long.MAX_VALUE, null);

  private final Producer<String, byte[]> producer;
  private final int maxGroupRecords;
  private final int maxGroupBytes;
  private final long maxWaitNanos;
  /** Submissions on their way (being parsed): a group that is not full waits for these. */
  private final java.util.concurrent.atomic.AtomicInteger coming = new java.util.concurrent.atomic.AtomicInteger();
  /** Set while the writer waits for submissions on their way; whoever makes {@link #coming} zero then wakes it. */
  private volatile boolean waitingForComing;
  private final LinkedBlockingQueue<Entry> queue = new LinkedBlockingQueue<>();
  private final Thread writer;
  private final AtomicLong groups = new AtomicLong();
  private final AtomicLong records = new AtomicLong();
  private final AtomicLong largestGroup = new AtomicLong();
  private volatile boolean closed;

  /**
   * A committer writing through {@code producer} (idempotent, acks=all), at most {@code maxGroupRecords} records and
   * about {@code maxGroupBytes} bytes a group (a larger single submission still goes, alone).
   */
  public GroupCommitter(Producer<String, byte[]> producer, int maxGroupRecords, int maxGroupBytes) {
    this(producer, maxGroupRecords, maxGroupBytes, 0);
  }

  /**
   * As above; before writing a group that is not full, the writer waits up to {@code maxWaitNanos} for more while
   * submissions are on their way ({@link #coming()} not yet {@link #arrived()}), so they share the group rather than
   * each taking a broker round trip of its own. Nothing on its way, no wait: a lone sender is not delayed.
   */
  public GroupCommitter(Producer<String, byte[]> producer, int maxGroupRecords, int maxGroupBytes,
                        long maxWaitNanos) {
    this.producer = producer;
    this.maxGroupRecords = Math.max(1, maxGroupRecords);
    this.maxGroupBytes = Math.max(1, maxGroupBytes);
    this.maxWaitNanos = Math.max(0, maxWaitNanos);
    this.writer = new Thread(this::writeLoop, "phigate-intake-group-commit");
    this.writer.setDaemon(true);
    this.writer.start();
  }

  /** Counts a submission on its way (being parsed), which a group that is not full waits for. */
  public void coming() {
    coming.incrementAndGet();
  }

  /**
   * A submission counted by {@link #coming()} was handed in by {@link #submit} (call this after it) or will not come;
   * the last one on its way wakes a writer waiting for it, so the writer never sleeps out its wait for nothing.
   */
  public void arrived() {
    // pairs with the writer's volatile write of waitingForComing before it reads coming: one of the two sees the other
    if (coming.decrementAndGet() == 0 && waitingForComing) {
      queue.offer(NOTHING_COMING);
    }
  }

  /**
   * Queues records for the next group. The future completes with the group's sequence number once the broker
   * acknowledged every one of them, or exceptionally when one was not stored (or the deadline passed first).
   */
  public CompletableFuture<Long> submit(List<ProducerRecord<String, byte[]>> batch, long deadlineNanos) {
    CompletableFuture<Long> done = new CompletableFuture<>();
    if (closed) {
      done.completeExceptionally(new IllegalStateException("the intake edge is closing"));
      return done;
    }
    int bytes = 0;
    for (ProducerRecord<String, byte[]> r : batch) {
      bytes += (r.value() == null ? 0 : r.value().length) + (r.key() == null ? 0 : r.key().length());
    }
    queue.add(new Entry(List.copyOf(batch), bytes, deadlineNanos, done));
    return done;
  }

  /** Groups written since start. */
  public long groups() {
    return groups.get();
  }

  /** Records written since start. */
  public long records() {
    return records.get();
  }

  /** Records of the largest group so far. */
  public long largestGroup() {
    return largestGroup.get();
  }

  /** Submissions waiting for the next group now. */
  public int waiting() {
    return queue.size();
  }

  private void writeLoop() {
    List<Entry> group = new ArrayList<>();
    Entry carried = null; // taken while waiting, but too large for that group: the first of the next
    while (!closed || !queue.isEmpty() || carried != null) {
      try {
        Entry first = carried != null ? carried : queue.poll(100, TimeUnit.MILLISECONDS);
        carried = null;
        if (first == null || first == NOTHING_COMING) {
          continue;
        }
        group.add(first);
        int[] size = {first.records().size(), first.bytes()};
        drain(group, size);
        long waitUntil = System.nanoTime() + maxWaitNanos;
        waitingForComing = maxWaitNanos > 0;
        try {
          while (maxWaitNanos > 0 && queue.isEmpty() && size[0] < maxGroupRecords && coming.get() > 0) {
            long left = waitUntil - System.nanoTime();
            if (left <= 0) {
              break;
            }
            Entry more = queue.poll(left, TimeUnit.NANOSECONDS);
            if (more == null || more == NOTHING_COMING) {
              continue;
            }
            if (size[0] + more.records().size() > maxGroupRecords || size[1] + more.bytes() > maxGroupBytes) {
              carried = more;
              break;
            }
            group.add(more);
            size[0] += more.records().size();
            size[1] += more.bytes();
            drain(group, size);
          }
        } finally {
          waitingForComing = false;
        }
        write(group);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (RuntimeException e) {
        // never expected: fail the group's callers (they answer AE/503) and keep the edge running
        LOG.warn("intake group commit failed ({})", e.getClass().getSimpleName());
        group.forEach(en -> en.done().completeExceptionally(e));
      } finally {
        group.clear();
      }
    }
    if (carried != null) {
      carried.done().completeExceptionally(new IllegalStateException("the intake edge closed"));
    }
    failPending();
  }

  /** Adds what is queued to the group while it fits ({@code size}: its records and bytes so far, updated). */
  private void drain(List<Entry> group, int[] size) {
    Entry next;
    while ((next = queue.peek()) != null && (next == NOTHING_COMING || size[0] + next.records().size()
        <= maxGroupRecords && size[1] + next.bytes() <= maxGroupBytes)) {
      queue.poll();
      if (next != NOTHING_COMING) {
        group.add(next);
        size[0] += next.records().size();
        size[1] += next.bytes();
      }
    }
  }

  private void write(List<Entry> group) throws InterruptedException {
    long sequence = groups.incrementAndGet();
    List<List<Future<RecordMetadata>>> acks = new ArrayList<>(group.size());
    int sent = 0;
    for (Entry entry : group) {
      if (System.nanoTime() - entry.deadlineNanos() >= 0) {
        acks.add(null);
        continue;
      }
      List<Future<RecordMetadata>> own = new ArrayList<>(entry.records().size());
      for (ProducerRecord<String, byte[]> r : entry.records()) {
        own.add(send(r));
        sent++;
      }
      acks.add(own);
    }
    records.addAndGet(sent);
    largestGroup.accumulateAndGet(sent, Math::max);
    for (int i = 0; i < group.size(); i++) {
      Entry entry = group.get(i);
      List<Future<RecordMetadata>> own = acks.get(i);
      if (own == null) {
        entry.done().completeExceptionally(new TimeoutException("not written before the ack deadline"));
        continue;
      }
      Exception failure = null;
      for (Future<RecordMetadata> ack : own) {
        failure = failure != null ? failure : await(ack, entry.deadlineNanos());
      }
      if (failure == null) {
        entry.done().complete(sequence);
      } else {
        entry.done().completeExceptionally(failure);
      }
    }
  }

  private Future<RecordMetadata> send(ProducerRecord<String, byte[]> record) {
    try {
      return producer.send(record);
    } catch (RuntimeException e) {
      // e.g. a closed producer, no metadata within max.block.ms, a record over max.request.size: resend, not lost
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Null when acknowledged; else why not (including the deadline passing first). */
  private static Exception await(Future<RecordMetadata> ack, long deadlineNanos) throws InterruptedException {
    try {
      ack.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
      return null;
    } catch (ExecutionException | TimeoutException e) {
      return e;
    }
  }

  private void failPending() {
    Entry e;
    while ((e = queue.poll()) != null) {
      if (e == NOTHING_COMING) {
        continue;
      }
      e.done().completeExceptionally(new IllegalStateException("the intake edge closed"));
    }
  }

  /** Writes what is queued (bounded by each submission's deadline), then stops; later submissions fail. */
  @Override
  public void close() {
    closed = true;
    try {
      writer.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (writer.isAlive()) {
      writer.interrupt();
    }
    failPending();
  }
}
