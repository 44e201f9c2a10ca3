package org.phigate.deid.tools;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.phigate.gazetteer.Gazetteer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `phigate deid gazetteer-load`: how long the shipped gazetteer takes to load in a fresh JVM and what heap it keeps. */
@Command(name = "gazetteer-load", mixinStandardHelpOptions = true,
    description = "Load the shipped gazetteer once (the first load in this JVM) and print its load time, the heap it "
        + "retains after a full GC, and the machine's load average. Run it in a fresh JVM for a cold figure.")
public final class GazetteerLoadCommand implements Callable<Integer> {
  @Option(names = "--from-sources",
      description = "Read the TSV lists named in deid/gazetteer/lexicons.tsv instead of the prebuilt gazetteer.bin.")
  boolean fromSources;

  @Override
  public Integer call() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long before = retained(memory);
    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    long cpu0 = processCpuNanos();
    long t0 = System.nanoTime();
    Gazetteer g = fromSources ? Gazetteer.load(Gazetteer.shippedSources()) : Gazetteer.shipped();
    long ms = (System.nanoTime() - t0) / 1_000_000;
    long cpuMs = (processCpuNanos() - cpu0) / 1_000_000;
    long peak = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
        .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    long after = retained(memory);
    System.out.printf(Locale.ROOT, "gazetteer %s: %d entries, load %d ms wall, %d ms CPU (process, JIT and GC "
            + "included), retained heap %.1f MiB (heap pools' peaks while loading: %.0f MiB), load average %.2f (%d cores)%n",
        fromSources ? "from TSV sources" : "prebuilt", g.entries(), ms, cpuMs,
        (after - before) / 1048576.0, peak / 1048576.0,
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), Runtime.getRuntime().availableProcessors());
    // keeps the gazetteer reachable until after the second measurement
    return g.entries() > 0 ? 0 : 1;
  }

  private static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime() : -1;
  }

  private static long retained(MemoryMXBean memory) {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
