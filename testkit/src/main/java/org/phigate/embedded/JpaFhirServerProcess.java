package org.phigate.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The EHR as a real HAPI FHIR JPA server (module {@code ehr-server}, FHIR R4, H2 on disk) in its own JVM, for the
 * demo and the integration tests: started with {@code java} on the classpath resolved at build time, ready when it
 * prints its readiness line, stopped with SIGTERM, killable with SIGKILL and restartable on the same database.
 */
public final class JpaFhirServerProcess implements FhirEhr {
  /** How long {@link #start(Path)} waits for the server: a cold start took 4-10 min on a 2-core machine at load 40. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(15);
  private static final String READY = "PHIGATE-EHR-READY ";
  private static final Logger LOG = LoggerFactory.getLogger(JpaFhirServerProcess.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dataDir;
  private final int port;
  private final Duration timeout;
  private final Path logFile;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private Process process;
  private Path pendingArchive;
  private long launchedNanos;
  private long logLinesBefore;
  private boolean ready;
  private long startMillis = -1;
  private String classDataSharing = "off";

  private JpaFhirServerProcess(Path dataDir, int port, Duration timeout) {
    this.dataDir = dataDir.toAbsolutePath();
    this.port = port;
    this.timeout = timeout;
    this.logFile = this.dataDir.resolve("ehr-server.log");
  }

  /** Starts the server on a free loopback port with its database in dataDir (created or reused). */
  public static JpaFhirServerProcess start(Path dataDir) {
    return start(dataDir, FreePorts.find(), DEFAULT_TIMEOUT);
  }

  /** Starts the server on port with its database in dataDir, waiting at most timeout for it to be ready. */
  public static JpaFhirServerProcess start(Path dataDir, int port, Duration timeout) {
    return begin(dataDir, port, timeout).awaitReady();
  }

  /**
   * Launches the server and returns at once, so a caller can start other services meanwhile; {@link #awaitReady()}
   * waits for it. {@link #baseUrl()} is known from the start.
   */
  public static JpaFhirServerProcess begin(Path dataDir, int port, Duration timeout) {
    JpaFhirServerProcess server = new JpaFhirServerProcess(dataDir, port, timeout);
    server.launch();
    return server;
  }

  /** Starts the server again on the same port and database after {@link #stop()} or {@link #kill()}. */
  public void restart() {
    synchronized (this) {
      if (isAlive()) {
        throw new IllegalStateException("the EHR server is still running; stop or kill it first");
      }
      launch();
    }
    awaitReady();
  }

  private synchronized void launch() {
    launchedNanos = System.nanoTime();
    ready = false;
    EhrServerClasspath classpath = EhrServerClasspath.locate();
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx768m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
    cmd.addAll(classDataSharing(classpath));
    cmd.addAll(List.of("-cp", classpath.classpath(), EhrServerClasspath.MAIN_CLASS,
        "--port", Integer.toString(port), "--data", dataDir.toString(), "--exit-with-parent"));
    try {
      Files.createDirectories(dataDir);
      logLinesBefore = Files.exists(logFile) ? lineCount() : 0;
      process = new ProcessBuilder(cmd)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Waits until the server has printed its readiness line (at most the timeout given at start); on failure the
   * process is killed and the exception names the log file. Returns at once when the server is already ready.
   */
  public JpaFhirServerProcess awaitReady() {
    Process launched;
    synchronized (this) {
      if (ready) {
        return this;
      }
      launched = process;
    }
    try {
      awaitReadyLine(launched, logLinesBefore);
    } catch (RuntimeException | Error e) {
      kill();
      throw e;
    }
    synchronized (this) {
      ready = true;
      startMillis = (System.nanoTime() - launchedNanos) / 1_000_000;
    }
    LOG.info("JPA FHIR server up at {} in {} ms (pid {})", baseUrl(), (System.nanoTime() - launchedNanos) / 1_000_000,
        launched.pid());
    return this;
  }

  /**
   * Class-data sharing cuts start-up about threefold: the first start that finds no archive for this classpath
   * records one, which the JVM writes when the server stops cleanly (seconds, or minutes on a busy machine); later
   * starts map it. A missing or damaged archive only costs speed: the JVM then starts without it.
   */
  private List<String> classDataSharing(EhrServerClasspath classpath) {
    pendingArchive = null;
    classDataSharing = "off";
    if (!classpath.fromJar()) {
      return List.of(); // the JVM archives jars only, not class folders
    }
    Path dir = CacheDir.path().resolve("ehr-server-cds");
    Path archive = dir.resolve(classpath.archiveKey() + ".jsa");
    if (Files.isRegularFile(archive)) {
      classDataSharing = "mapped " + archive;
      return List.of("-XX:SharedArchiveFile=" + archive);
    }
    try {
      Files.createDirectories(dir);
      pendingArchive = archive;
      classDataSharing = "recording " + archive;
      return List.of("-XX:ArchiveClassesAtExit=" + archive);
    } catch (IOException e) {
      return List.of();
    }
  }

  /** Milliseconds from the last launch to the readiness line; -1 while not ready yet. */
  public synchronized long startMillis() {
    return ready ? startMillis : -1;
  }

  /**
   * The class-data-sharing archive of the last launch: {@code off}, {@code recording PATH} (a first start: written
   * when the server stops cleanly) or {@code mapped PATH} (a later start).
   */
  public synchronized String classDataSharing() {
    return classDataSharing;
  }

  /** The server process, e.g. for its CPU time; empty before the first launch. */
  public synchronized java.util.Optional<ProcessHandle> processHandle() {
    return process == null ? java.util.Optional.empty() : java.util.Optional.of(process.toHandle());
  }

  /** The server's resident set size in bytes (Linux {@code /proc/PID/status} VmRSS); -1 when not known. */
  public long residentBytes() {
    java.util.Optional<ProcessHandle> handle = processHandle();
    if (handle.isEmpty() || !handle.get().isAlive()) {
      return -1;
    }
    Path status = Path.of("/proc", Long.toString(handle.get().pid()), "status");
    try (Stream<String> lines = Files.lines(status, StandardCharsets.ISO_8859_1)) {
      return lines.filter(l -> l.startsWith("VmRSS:")).findFirst()
          .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024).orElse(-1L);
    } catch (IOException | UncheckedIOException | NumberFormatException e) {
      return -1;
    }
  }

  private void awaitReadyLine(Process process, long skipLines) {
    long deadline = launchedNanos + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (readyLineAfter(skipLines)) {
        return;
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("The EHR server exited with " + process.exitValue()
            + " before it was ready; see " + logFile);
      }
      try {
        process.waitFor(250, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted waiting for the EHR server", e);
      }
    }
    throw new IllegalStateException("The EHR server was not ready within " + timeout.toSeconds() + " s; see "
        + logFile);
  }

  private boolean readyLineAfter(long skipLines) {
    try (Stream<String> lines = Files.lines(logFile, StandardCharsets.UTF_8)) {
      return lines.skip(skipLines).anyMatch(l -> l.startsWith(READY));
    } catch (IOException | UncheckedIOException e) {
      return false; // a half-written line in a non-UTF-8 log: look again
    }
  }

  private long lineCount() {
    try (Stream<String> lines = Files.lines(logFile, StandardCharsets.ISO_8859_1)) {
      return lines.count();
    } catch (IOException e) {
      return 0;
    }
  }

  @Override
  public String baseUrl() {
    return "http://127.0.0.1:" + port + "/fhir";
  }

  /** The port the server listens on (the same after a restart). */
  public int port() {
    return port;
  }

  /** The file that receives the server's stdout and stderr, across restarts. */
  public Path logFile() {
    return logFile;
  }

  /** Whether the server has printed its readiness line and has not been stopped or killed since. */
  public synchronized boolean isReady() {
    return ready && isAlive();
  }

  /** Whether the server process is running. */
  public synchronized boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** The number of resources of type in the EHR, by FHIR search ({@code [type]?_summary=count}). */
  @Override
  public long resourceCount(String type) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/"
            + URLEncoder.encode(type, StandardCharsets.UTF_8) + "?_summary=count"))
        .header("Accept", "application/fhir+json").header("Cache-Control", "no-cache")
        .timeout(Duration.ofSeconds(60)).build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("The EHR answered " + response.statusCode() + " counting " + type);
      }
      JsonNode total = JSON.readTree(response.body()).path("total");
      if (!total.canConvertToLong()) {
        throw new IllegalStateException("The EHR's search set for " + type + " has no total");
      }
      return total.asLong();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted counting " + type, e);
    }
  }

  @Override
  public String addPatient(String mrnSystem, String mrn) {
    com.fasterxml.jackson.databind.node.ObjectNode patient = JSON.createObjectNode().put("resourceType", "Patient");
    patient.putArray("identifier").addObject().put("system", mrnSystem).put("value", mrn);
    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/Patient"))
        .header("Content-Type", "application/fhir+json").header("Accept", "application/fhir+json")
        .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(patient.toString())).build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 201) {
        throw new IllegalStateException("The EHR answered " + response.statusCode() + " creating a Patient");
      }
      JsonNode created = JSON.readTree(response.body());
      return "Patient/" + created.path("id").asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted creating a Patient", e);
    }
  }

  /**
   * Stops the server with SIGTERM (it closes the database cleanly), forcibly after 60 s; a server recording its
   * class-data-sharing archive and still running after 30 s is left to finish it and exit on its own.
   */
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    ready = false;
    process.destroy();
    try {
      if (process.waitFor(pendingArchive == null ? 60 : 30, TimeUnit.SECONDS)) {
        return;
      }
      if (pendingArchive != null) {
        // the JVM writes the archive only once its shutdown hooks are done, and that can take minutes here
        LOG.info("The EHR server (pid {}) is still stopping and writing {}; it exits when done", process.pid(),
            pendingArchive);
        return;
      }
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** Kills the server with SIGKILL, as a crash would; {@link #restart()} opens the same database again. */
  public synchronized void kill() {
    if (process == null) {
      return;
    }
    ready = false;
    process.destroyForcibly();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (pendingArchive != null) {
      try {
        Files.deleteIfExists(pendingArchive); // half written if the kill came while the JVM was writing it
      } catch (IOException e) {
        LOG.warn("Could not delete a partial class-data-sharing archive {}", pendingArchive);
      }
      pendingArchive = null;
    }
  }

  /** Stops the server (SIGTERM). */
  @Override
  public void close() {
    stop();
  }
}
