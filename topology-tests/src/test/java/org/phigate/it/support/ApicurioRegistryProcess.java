package org.phigate.it.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The real Apicurio Registry (Confluent-compatible API) as a child process on 127.0.0.1, for integration tests. */
public final class ApicurioRegistryProcess implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ApicurioRegistryProcess.class);
  private final Process process;
  private final int port;
  private final Path logFile;

  private ApicurioRegistryProcess(Process process, int port, Path logFile) {
    this.process = process;
    this.port = port;
    this.logFile = logFile;
  }

  /** Starts Apicurio on a free port with global BACKWARD compatibility and waits until its API answers. */
  public static ApicurioRegistryProcess start() {
    Path jar = ApicurioDistribution.runnerJar();
    long t0 = System.nanoTime();
    int port = freePort();
    Path logFile = Path.of("target", "apicurio-" + port + ".log").toAbsolutePath();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
        "-Dapicurio.rules.global.compatibility=BACKWARD",
        "-jar", jar.toString());
    try {
      Files.createDirectories(logFile.getParent());
      Process process = new ProcessBuilder(cmd)
          .directory(jar.getParent().toFile())
          .redirectErrorStream(true)
          .redirectOutput(logFile.toFile())
          .start();
      ApicurioRegistryProcess registry = new ApicurioRegistryProcess(process, port, logFile);
      try {
        registry.awaitReady();
        LOG.info("Apicurio Registry up on 127.0.0.1:{} in {} ms", port, (System.nanoTime() - t0) / 1_000_000);
      } catch (RuntimeException | Error e) {
        registry.close();
        throw e;
      }
      return registry;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitReady() {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest probe = HttpRequest.newBuilder(URI.create(ccompatUrl() + "/subjects"))
        .timeout(Duration.ofSeconds(5)).build();
    await("Apicurio Registry on port " + port)
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> {
          if (!process.isAlive()) {
            throw new IllegalStateException("Apicurio exited with " + process.exitValue() + "; see " + logFile);
          }
          try {
            return http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
          } catch (IOException e) {
            return false;
          }
        });
  }

  /** Base URL of the Confluent-compatible API, e.g. {@code http://127.0.0.1:PORT/apis/ccompat/v7}. */
  public String ccompatUrl() {
    return "http://127.0.0.1:" + port + "/apis/ccompat/v7";
  }

  /** The file that receives the registry's stdout and stderr. */
  public Path logFile() {
    return logFile;
  }

  /** Stops the registry process (forcibly after 10 s). */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
