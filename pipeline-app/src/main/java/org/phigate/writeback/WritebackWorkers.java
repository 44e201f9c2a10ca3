package org.phigate.writeback;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The bounded pool that makes EHR calls off the Kafka Streams threads: its thread count is the concurrency limit
 * towards the EHR; queued work is bounded by the processors' in-flight limit. Threads are daemons and end when idle,
 * so an abandoned pool never keeps the JVM alive.
 */
public final class WritebackWorkers {
  private final ThreadPoolExecutor executor;

  public WritebackWorkers(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1");
    }
    AtomicInteger n = new AtomicInteger();
    this.executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
      Thread t = new Thread(r, "phigate-writeback-worker-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    executor.allowCoreThreadTimeOut(true);
  }

  /** Runs {@code work} on a worker. */
  public <T> CompletableFuture<T> submit(Supplier<T> work) {
    try {
      return CompletableFuture.supplyAsync(work, executor);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Stops the workers; calls in flight are abandoned (their items stay pending in the store and are read back). */
  public void shutdown() {
    executor.shutdownNow();
  }
}
