package org.phigate.inference;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The bounded pool that runs model calls off the Kafka Streams threads: its thread count is the concurrency limit
 * towards the model. Queued work is bounded by the processors' in-flight limit. Idle threads end after a minute;
 * threads are daemons, so an abandoned pool never keeps the JVM alive.
 */
public final class InferenceWorkers {
  private final ThreadPoolExecutor executor;

  public InferenceWorkers(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1");
    }
    AtomicInteger n = new AtomicInteger();
    this.executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
      Thread t = new Thread(r, "phigate-inference-worker-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    executor.allowCoreThreadTimeOut(true);
  }

  /** Runs {@code work} on a worker. */
  public <T> CompletableFuture<T> submit(Supplier<T> work) {
    return CompletableFuture.supplyAsync(work, executor);
  }

  /** Worker threads (the concurrency limit). */
  public int threads() {
    return executor.getMaximumPoolSize();
  }

  /** Stops the workers; work in flight is abandoned (its inputs stay in the pending store and are resubmitted). */
  public void shutdown() {
    executor.shutdownNow();
  }
}
