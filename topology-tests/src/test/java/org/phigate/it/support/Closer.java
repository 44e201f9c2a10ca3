package org.phigate.it.support;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What a test class started, closed in reverse order when it ends (also after a start that failed half-way): every
 * close is attempted, the first failure thrown with the others suppressed.
 */
public final class Closer implements AutoCloseable {
  private final Deque<AutoCloseable> started = new ArrayDeque<>();

  /** Registers a started resource and returns it. */
  public synchronized <T extends AutoCloseable> T add(T resource) {
    started.push(resource);
    return resource;
  }

  @Override
  public synchronized void close() throws Exception {
    Exception first = null;
    while (!started.isEmpty()) {
      try {
        started.pop().close();
      } catch (Exception e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
