package org.phigate.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.phigate.schema.EncryptedBlob;
import org.phigate.security.FieldCipher;
import org.phigate.security.keys.DataKeyStore;
import org.phigate.security.keys.Envelope;
import org.phigate.security.keys.KeyEncryptionKeys;
import org.phigate.security.keys.Pkcs12KeyEncryptionKeys;
import org.phigate.security.keys.StoredKey;

/**
 * Envelope sealing beside {@link SealBenchmark}'s direct sealing: a patient's data key (kept in the key store, the
 * blob names it) or the tenant-day key (wrapped inside the blob), both with the data key cached as the roles run;
 * and the KEK's AES key unwrap that a process pays once per data key it has not opened yet.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EnvelopeSealBenchmark {
  @Param({"1024", "65536"})
  public int bytes;

  @Param({"patient", "day"})
  public String scope;

  private Path dir;
  private FieldCipher cipher;
  private KeyEncryptionKeys keks;
  private KeyEncryptionKeys.Wrapped wrapped;
  private String token;
  private byte[] plain;
  private EncryptedBlob sealed;

  @Setup
  public void setUp() throws Exception {
    dir = Files.createTempDirectory("phigate-bench-kek");
    keks = Pkcs12KeyEncryptionKeys.create(dir.resolve("kek.p12"), "bench".toCharArray(), "phigate-kek");
    cipher = new FieldCipher("event-1", Map.of(), new Envelope(keks, new MapStore(), "bench", Clock.systemUTC()));
    wrapped = keks.wrap(new byte[32]);
    token = scope.equals("patient") ? "PT-0123456789ab" : null;
    plain = new byte[bytes];
    new java.util.Random(7).nextBytes(plain);
    sealed = cipher.seal(plain, "event-1", token);
  }

  @TearDown
  public void tearDown() throws Exception {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Benchmark
  public EncryptedBlob seal() {
    return cipher.seal(plain, "event-1", token);
  }

  @Benchmark
  public byte[] open() {
    return cipher.open(sealed, "event-1");
  }

  @Benchmark
  public byte[] unwrapDataKey() {
    return keks.unwrap(wrapped.kekId(), wrapped.wrapped());
  }

  /** The key store of one process without a broker: what the roles read from phigate.keys.data, held in memory. */
  private static final class MapStore implements DataKeyStore {
    private final Map<String, StoredKey> keys = new ConcurrentHashMap<>();

    @Override
    public Optional<StoredKey> find(String id) {
      return Optional.ofNullable(keys.get(id));
    }

    @Override
    public boolean isDestroyed(String id) {
      return false;
    }

    @Override
    public void put(StoredKey key) {
      keys.put(key.id(), key);
    }

    @Override
    public void destroy(String id, String requestId) {
      keys.remove(id);
    }

    @Override
    public List<StoredKey> list() {
      return List.copyOf(keys.values());
    }

    @Override
    public List<String> destroyed() {
      return List.of();
    }
  }
}
