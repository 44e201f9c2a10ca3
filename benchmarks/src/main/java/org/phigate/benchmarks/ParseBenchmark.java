package org.phigate.benchmarks;

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
import org.phigate.intake.IntakeOutcome;
import org.phigate.intake.IntakeParser;
import org.phigate.intake.ParseResult;
import java.time.Instant;

/** HL7 v2 (HAPI PipeParser) and FHIR R4 (HAPI FHIR) parsing as intake does it, and intake's whole step (parse, extract, seal). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ParseBenchmark {
  @Param({Fixtures.ADT, Fixtures.ORU, Fixtures.MDM, Fixtures.BUNDLE, Fixtures.PORTAL})
  public String sample;

  private Fixtures fixtures;
  private IntakeParser parser;
  private byte[] payload;
  private String contentType;

  @Setup
  public void setUp() {
    fixtures = new Fixtures();
    parser = new IntakeParser();
    payload = Fixtures.sample(sample);
    contentType = Fixtures.contentType(sample);
  }

  @Benchmark
  public ParseResult parse() {
    return parser.parse(payload, contentType);
  }

  @Benchmark
  public IntakeOutcome intakeStep() {
    return fixtures.intake.process("bench-1", payload, contentType, Instant.EPOCH);
  }
}
