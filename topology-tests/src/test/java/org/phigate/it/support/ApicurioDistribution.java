package org.phigate.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Locates Apicurio Registry's prebuilt distribution, downloading it once from Maven Central into a cache.
 *
 * <p>Maven cannot resolve {@code io.apicurio:apicurio-registry-app:3.0.9:tar.gz:all} because its parent POM is
 * missing from Central, so the file is fetched directly (SHA-1 checked against Central's .sha1) into
 * {@code ~/.cache/phigate/} (override: system property {@code phigate.cache.dir} or env {@code PHIGATE_CACHE_DIR})
 * and unpacked with {@code tar}. A pre-unpacked distribution can be given with {@code -Dphigate.apicurio.dir=...}.
 */
public final class ApicurioDistribution {
  /** The Apicurio Registry version the integration tests run. */
  public static final String VERSION = "3.0.9";

  private static final String REPO =
      System.getProperty("phigate.maven.repo", "https://repo.maven.apache.org/maven2");
  private static final String FILE = "apicurio-registry-app-" + VERSION + "-all.tar.gz";
  private static final String URL = REPO + "/io/apicurio/apicurio-registry-app/" + VERSION + "/" + FILE;
  private static final String RUNNER = "apicurio-registry-app-" + VERSION + "-runner.jar";

  private ApicurioDistribution() {}

  /** Prefetches the distribution (e.g. in CI before going offline) and prints the runner jar's path. */
  public static void main(String[] args) {
    System.out.println(runnerJar());
  }

  /** Returns the runner jar, downloading and unpacking the distribution on first use. */
  public static Path runnerJar() {
    String given = System.getProperty("phigate.apicurio.dir");
    if (given != null && !given.isBlank()) {
      Optional<Path> jar = findRunner(Path.of(given));
      if (jar.isPresent()) {
        return jar.get();
      }
    }
    Path cache = cacheDir();
    Path dist = cache.resolve("apicurio-registry-" + VERSION);
    try {
      Files.createDirectories(cache);
      try (FileChannel ch = FileChannel.open(cache.resolve(".apicurio.lock"),
              StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = ch.lock()) {
        Optional<Path> jar = findRunner(dist);
        if (jar.isPresent()) {
          return jar.get();
        }
        Path archive = cache.resolve(FILE);
        if (!Files.exists(archive)) {
          download(archive);
        }
        unpack(archive, dist);
        return findRunner(dist).orElseThrow(() -> new IllegalStateException(RUNNER + " not in " + archive));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path cacheDir() {
    String prop = System.getProperty("phigate.cache.dir");
    if (prop != null && !prop.isBlank()) {
      return Path.of(prop);
    }
    String env = System.getenv("PHIGATE_CACHE_DIR");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    return Path.of(System.getProperty("user.home"), ".cache", "phigate");
  }

  private static Optional<Path> findRunner(Path dir) {
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.find(dir, 4, (p, a) -> p.getFileName().toString().equals(RUNNER))) {
      return files.findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static void download(Path archive) throws IOException {
    HttpClient http = HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(20))
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build();
    try {
      String expected = http.send(HttpRequest.newBuilder(URI.create(URL + ".sha1")).timeout(Duration.ofSeconds(30))
          .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.US_ASCII)).body().trim().split("\\s+")[0];
      Path tmp = Files.createTempFile(archive.getParent(), FILE, ".part");
      HttpResponse<InputStream> response = http.send(
          HttpRequest.newBuilder(URI.create(URL)).timeout(Duration.ofMinutes(10)).build(),
          HttpResponse.BodyHandlers.ofInputStream());
      if (response.statusCode() != 200) {
        throw new IOException("GET " + URL + " answered " + response.statusCode());
      }
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      try (InputStream in = new DigestInputStream(response.body(), sha1)) {
        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
      }
      String actual = HexFormat.of().formatHex(sha1.digest());
      if (!actual.equalsIgnoreCase(expected)) {
        Files.deleteIfExists(tmp);
        throw new IOException("SHA-1 mismatch for " + URL + ": expected " + expected + ", got " + actual);
      }
      Files.move(tmp, archive, StandardCopyOption.ATOMIC_MOVE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted downloading " + URL, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void unpack(Path archive, Path dist) throws IOException {
    Path tmp = Files.createTempDirectory(dist.getParent(), "apicurio-unpack-");
    Process tar = new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", tmp.toString())
        .redirectErrorStream(true)
        .redirectOutput(tmp.resolveSibling("apicurio-unpack.log").toFile())
        .start();
    try {
      if (!tar.waitFor(5, TimeUnit.MINUTES) || tar.exitValue() != 0) {
        tar.destroyForcibly();
        throw new IOException("tar failed to unpack " + archive);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted unpacking " + archive, e);
    }
    Files.move(tmp, dist, StandardCopyOption.ATOMIC_MOVE);
  }
}
