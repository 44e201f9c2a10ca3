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
import org.phigate.schema.EncryptedBlob;
import org.phigate.security.FieldCipher;

/** Field-level sealing (AES-256-GCM with the event id as associated data) and opening, by payload size. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SealBenchmark {
  @Param({"1024", "65536", "1048576"})
  public int bytes;

  private FieldCipher cipher;
  private byte[] plain;
  private EncryptedBlob sealed;

  @Setup
  public void setUp() {
    cipher = new Fixtures().common.eventCipher();
    plain = new byte[bytes];
    new java.util.Random(7).nextBytes(plain);
    sealed = cipher.seal(plain, "event-1");
  }

  @Benchmark
  public EncryptedBlob seal() {
    return cipher.seal(plain, "event-1");
  }

  @Benchmark
  public byte[] open() {
    return cipher.open(sealed, "event-1");
  }
}
