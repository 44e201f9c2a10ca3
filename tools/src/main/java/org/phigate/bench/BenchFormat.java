package org.phigate.bench;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/** How the end-to-end bench prints a rate and the machine's load average. */
final class BenchFormat {
  private BenchFormat() {}

  /** {@code 6} or {@code 6.5}: whole numbers without a fraction. */
  static String fmt(double v) {
    return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
  }

  /** The one-minute system load average, one decimal. */
  static String load() {
    return String.format(Locale.ROOT, "%.1f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }
}
