package org.phigate.deid.notes;

import java.io.PrintStream;

/** Progress on stderr for long runs: notes, megabytes and rate, at most every two seconds. Counts only, no text. */
public final class Progress {
  private final PrintStream err;
  private final String what;
  private final long started = System.nanoTime();
  private long last = started;
  private long notes;
  private long chars;

  public Progress(PrintStream err, String what) {
    this.err = err;
    this.what = what;
  }

  public void add(int textChars) {
    notes++;
    chars += textChars;
    long now = System.nanoTime();
    if (now - last > 2_000_000_000L) {
      last = now;
      err.printf("[deid] %s: %,d notes, %.1f MB, %.2f MB/s%n", what, notes, chars / 1e6, chars / 1e6 / seconds(now));
    }
  }

  public void done() {
    long now = System.nanoTime();
    err.printf("[deid] %s done: %,d notes, %.1f MB in %.1f s%n", what, notes, chars / 1e6, seconds(now));
  }

  long notes() {
    return notes;
  }

  private double seconds(long now) {
    return Math.max(1e-9, (now - started) / 1e9);
  }
}
