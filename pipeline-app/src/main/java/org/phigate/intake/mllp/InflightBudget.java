package org.phigate.intake.mllp;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The bytes of MLLP frames all connections may hold at once (being read or being processed). A connection that needs
 * more waits, not reading its socket, so the sender is slowed by TCP flow control; the wait is bounded so that
 * connections holding partial frames can never block each other for good.
 */
final class InflightBudget {
  private final int capacity;
  private final long waitNanos;
  // fair: a large frame waiting for room is not overtaken forever by a stream of small ones
  private final Semaphore bytes;

  InflightBudget(int capacity, Duration wait) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("the in-flight budget must be positive");
    }
    this.capacity = capacity;
    this.waitNanos = wait.toNanos();
    this.bytes = new Semaphore(capacity, true);
  }

  /** Takes n bytes, waiting up to the configured time; false when they did not become free (or on interrupt). */
  boolean acquire(int n) {
    if (n > capacity) {
      return false;
    }
    try {
      return bytes.tryAcquire(n, waitNanos, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  void release(int n) {
    if (n > 0) {
      bytes.release(n);
    }
  }

  /** Bytes currently held by connections. */
  long inUse() {
    return capacity - (long) bytes.availablePermits();
  }

  /** Connections waiting for room now (an estimate, for tests and monitoring). */
  int waiting() {
    return bytes.getQueueLength();
  }

  int capacity() {
    return capacity;
  }
}
