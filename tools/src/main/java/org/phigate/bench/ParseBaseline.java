package org.phigate.bench;

import ca.uhn.hl7v2.parser.PipeParser;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.phigate.intake.FhirParsing;
import org.phigate.intake.Hl7Parsing;

/**
 * HAPI's parse-only rate of a set of messages (PipeParser.parse or the FHIR JSON parser, nothing else), with the very
 * parser configuration intake uses ({@link Hl7Parsing}, {@link FhirParsing}: one PipeParser per thread as intake's
 * parse threads have; the REST edge's strict error handler), measured on one or more threads for a bounded time, so it
 * can be taken right beside each benchmark row on a machine whose load moves.
 */
final class ParseBaseline {
  private final List<String> texts;
  private final boolean hl7;
  private final boolean strictFhir;

  ParseBaseline(List<String> texts, boolean hl7, boolean strictFhir) {
    this.texts = texts;
    this.hl7 = hl7;
    this.strictFhir = strictFhir;
    rate(1, texts.size(), 10); // warm-up: class loading and the JIT, as the edges have a warm-up round of theirs
  }

  /** CPU milliseconds per parse in the last {@link #rate} run (the parsing threads' own CPU time). */
  private volatile double cpuMsPerParse;

  double cpuMsPerParse() {
    return cpuMsPerParse;
  }

  /** Messages parsed per second by {@code threads} threads together, over at most n messages or the time limit. */
  double rate(int threads, int n, double maxSeconds) {
    java.util.concurrent.atomic.AtomicLong cpu = new java.util.concurrent.atomic.AtomicLong();
    AtomicInteger next = new AtomicInteger();
    long limit = System.nanoTime() + (long) (maxSeconds * 1e9);
    int cap = Math.min(n, texts.size() * 1_000);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      long t0 = System.nanoTime();
      List<Future<Integer>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(pool.submit(() -> {
          java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
          long c0 = mx.getCurrentThreadCpuTime();
          int parsed = parseUntil(next, cap, limit);
          cpu.addAndGet(mx.getCurrentThreadCpuTime() - c0);
          return parsed;
        }));
      }
      int parsed = 0;
      for (Future<Integer> f : done) {
        parsed += f.get();
      }
      cpuMsPerParse = parsed == 0 ? Double.NaN : cpu.get() / 1e6 / parsed;
      return parsed / ((System.nanoTime() - t0) / 1e9);
    } catch (Exception e) {
      throw new IllegalStateException("parse baseline failed (" + e.getClass().getSimpleName() + ")");
    } finally {
      pool.shutdownNow();
    }
  }

  private int parseUntil(AtomicInteger next, int cap, long limitNanos) {
    PipeParser pipe = Hl7Parsing.pipeParser();
    int parsed = 0;
    int i;
    while ((i = next.getAndIncrement()) < cap && System.nanoTime() < limitNanos) {
      String text = texts.get(i % texts.size());
      try {
        if (hl7) {
          pipe.parse(text);
        } else {
          FhirParsing.parser(true, strictFhir).parseResource(text);
        }
      } catch (Exception e) {
        throw new IllegalStateException("sample does not parse (" + e.getClass().getSimpleName() + ")");
      }
      parsed++;
    }
    return parsed;
  }
}
