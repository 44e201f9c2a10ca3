package org.phigate.demo;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C and SIGTERM for `phigate demo`: the JVM's shutdown hook asks the demo's thread to stop (waking it from
 * `--serve`, interrupting it mid-run) and then holds the JVM until the demo has taken its stopping path (roles
 * closed, the archiver's final segment sealed, the summary printed, the temporary directory removed), at most
 * {@code grace}. Without it the JVM would exit as soon as the signal arrived and skip all of that.
 */
final class DemoShutdown implements AutoCloseable {
  private final Thread demo;
  private final Duration grace;
  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final CountDownLatch finished = new CountDownLatch(1);
  private final Thread hook;
  private volatile boolean signalled;
  private volatile boolean serving;
  private volatile boolean stopping;

  DemoShutdown(Thread demo, Duration grace) {
    this.demo = demo;
    this.grace = grace;
    this.hook = new Thread(this::signal, "phigate-demo-shutdown");
  }

  /** Registers the shutdown hook for the calling (demo) thread. */
  static DemoShutdown install(Duration grace) {
    DemoShutdown shutdown = new DemoShutdown(Thread.currentThread(), grace);
    Runtime.getRuntime().addShutdownHook(shutdown.hook);
    return shutdown;
  }

  /** What the hook does on a signal; returns once the demo finished stopping or the grace period ran out. */
  void signal() {
    signalled = true;
    stopRequested.countDown();
    if (!serving && !stopping) {
      demo.interrupt(); // mid-run: wake the demo from whatever it waits on
    }
    try {
      finished.await(grace.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** True once Ctrl-C or SIGTERM arrived. */
  boolean signalled() {
    return signalled;
  }

  /** Blocks the demo thread (`--serve`) until a signal arrives. */
  void awaitSignal() throws InterruptedException {
    serving = true;
    stopRequested.await();
  }

  /**
   * The demo is taking its stopping path: no more interrupts, and any pending one is cleared so closing the roles
   * and the archiver is not cut short.
   */
  void stopping() {
    stopping = true;
    Thread.interrupted();
  }

  /** The stopping path is done: the hook (if a signal came) lets the JVM exit; else the hook is removed. */
  @Override
  public void close() {
    finished.countDown();
    if (!signalled) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // the JVM is already shutting down
      }
    }
  }
}
