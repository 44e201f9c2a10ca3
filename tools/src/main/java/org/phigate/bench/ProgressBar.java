package org.phigate.bench;

import java.io.PrintStream;
import java.util.Locale;

/** A one-line text progress bar, redrawn in place. */
final class ProgressBar {
  private static final int WIDTH = 40;
  private final String label;
  private final int total;
  private final PrintStream out;
  private final long start = System.nanoTime();

  ProgressBar(String label, int total, PrintStream out) {
    this.label = label;
    this.total = Math.max(1, total);
    this.out = out;
  }

  void show(int done) {
    int filled = (int) Math.min(WIDTH, (long) WIDTH * done / total);
    out.printf(Locale.ROOT, "\r[bench] %-17s [%s%s] %d/%d  %.0f s", label, "#".repeat(filled),
        ".".repeat(WIDTH - filled), Math.min(done, total), total, (System.nanoTime() - start) / 1e9);
    out.flush();
  }

  void done() {
    out.println();
  }
}
