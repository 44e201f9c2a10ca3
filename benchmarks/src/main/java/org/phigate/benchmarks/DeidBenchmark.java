package org.phigate.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.phigate.catalog.PhiContentCodec;
import org.phigate.deid.redact.Redaction;
import org.phigate.schema.ClinicalEvent;
import org.phigate.schema.PhiContent;
import org.phigate.schema.PhiFinding;

/** PHI detection (every default detector on structured fields and free text) and Safe Harbor redaction of one event. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DeidBenchmark {
  @Param({Fixtures.ADT, Fixtures.ORU, Fixtures.MDM, Fixtures.BUNDLE, Fixtures.PORTAL})
  public String sample;

  private Fixtures fixtures;
  private ClinicalEvent event;
  private PhiContent content;
  private List<PhiFinding> findings;

  @Setup
  public void setUp() {
    fixtures = new Fixtures();
    event = fixtures.event(sample);
    content = new PhiContentCodec(fixtures.common.eventCipher()).open(event);
    findings = fixtures.detector.detect(content);
  }

  @Benchmark
  public List<PhiFinding> detect() {
    return fixtures.detector.detect(content);
  }

  @Benchmark
  public Redaction redact() {
    return fixtures.redactor.redact(event, content, findings);
  }
}
