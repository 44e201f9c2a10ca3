package org.phigate.bench;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Patient;
import org.phigate.catalog.AvroTrust;
import org.phigate.config.WritebackConfig;
import org.phigate.embedded.EmbeddedFhirServer;
import org.phigate.embedded.FreePorts;
import org.phigate.embedded.JpaFhirServerProcess;
import org.phigate.schema.ApprovedResult;
import org.phigate.schema.DecisionType;
import org.phigate.schema.ReviewDecision;
import org.phigate.schema.ReviewItem;
import org.phigate.schema.ReviewStatus;
import org.phigate.schema.Urgency;
import org.phigate.writeback.EhrWriter.WriteRequest;
import org.phigate.writeback.fhir.FhirBundleWriter;
import org.phigate.writeback.fhir.FhirMappings;
import org.phigate.writeback.fhir.FhirWriteSettings;

/**
 * `phigate bench writeback`: approved items through the FHIR write (patient match, then one transaction Bundle with
 * its Provenance), the three workflows in turn: items/s and p50/p99 per item, one at a time and with as many
 * concurrent writers as write-back's default worker pool, and the replay rate (every item sent again, nothing
 * created). Against the in-process stand-in EHR; with {@code --ehr jpa} also against the HAPI FHIR JPA server in its
 * own JVM, in the same run; or against any FHIR server with {@code --fhir-url}.
 */
public final class WritebackBenchmark {
  private static final List<String> WORKFLOWS = List.of("message-triage", "note-summary", "result-follow-up");
  private final int items;
  private final String fhirUrl;
  private final boolean jpa;
  private final int writers;
  private final PrintStream out;

  /**
   * @param jpa also measure the HAPI FHIR JPA server (started here in its own JVM on a temporary database)
   * @param writers concurrent writers of the concurrent row (write-back's {@code writeback.workers})
   */
  public WritebackBenchmark(int items, String fhirUrl, boolean jpa, int writers, PrintStream out) {
    this.items = Math.max(10, items);
    this.fhirUrl = fhirUrl;
    this.jpa = jpa;
    this.writers = Math.max(1, writers);
    this.out = out;
  }

  public void run() throws IOException {
    AvroTrust.install();
    out.printf(Locale.ROOT, "write-back: %d items per row (%s in turn, every other one edited), %d cores, load "
            + "average %.1f%n", items, String.join(", ", WORKFLOWS), Runtime.getRuntime().availableProcessors(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    if (fhirUrl != null) {
      measure("FHIR server at " + fhirUrl, fhirUrl, null);
      return;
    }
    try (EmbeddedFhirServer standIn = EmbeddedFhirServer.start()) {
      measure("in-process stand-in EHR (EmbeddedFhirServer)", standIn.baseUrl(), null);
      out.println("  resources on the stand-in: " + standIn.resourceCounts());
    }
    if (jpa) {
      Path dir = Files.createTempDirectory("phigate-bench-jpa-");
      try {
        // a cold start took 5-10 min on this 2-core machine at load average 40: wait long, the rows are what count
        JpaFhirServerProcess server = JpaFhirServerProcess.start(dir.resolve("ehr"), FreePorts.find(),
            Duration.ofMinutes(20));
        try {
          out.printf(Locale.ROOT, "HAPI FHIR JPA server (own JVM, H2 on disk): ready in %.1f s (class-data sharing: "
              + "%s), RSS %d MiB%n", server.startMillis() / 1000.0, server.classDataSharing(),
              server.residentBytes() >> 20);
          measure("HAPI FHIR JPA server", server.baseUrl(), server);
          out.printf(Locale.ROOT, "  RSS after the rows %d MiB; resources: Task %d, Communication %d, "
                  + "DocumentReference %d, Provenance %d%n", server.residentBytes() >> 20,
              server.resourceCount("Task"), server.resourceCount("Communication"),
              server.resourceCount("DocumentReference"), server.resourceCount("Provenance"));
        } finally {
          server.close();
        }
      } finally {
        deleteTree(dir);
      }
    }
  }

  private void measure(String label, String base, JpaFhirServerProcess server) {
    FhirContext context = FhirContext.forR4Cached();
    context.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
    context.getRestfulClientFactory().setSocketTimeout(60_000);
    context.getRestfulClientFactory().setPoolMaxPerRoute(Math.max(20, writers * 2));
    IGenericClient client = context.newRestfulGenericClient(base);
    String run = UUID.randomUUID().toString().substring(0, 8);
    String mrn = "BENCH-" + run;
    FhirWriteSettings settings = new FhirWriteSettings(WritebackConfig.IDENTIFIER_SYSTEM.defaultValue(),
        WritebackConfig.PATIENT_SYSTEM.defaultValue(), WritebackConfig.REVIEWER_SYSTEM.defaultValue(),
        WritebackConfig.SOURCE_MESSAGE_SYSTEM.defaultValue(), WritebackConfig.OWNER_SYSTEM.defaultValue(),
        Map.of("triage", "portal-triage", "follow-up", "result-follow-up"));
    Patient patient = new Patient();
    patient.addIdentifier().setSystem(settings.patientSystem()).setValue(mrn);
    client.create().resource(patient).execute();
    FhirBundleWriter writer = new FhirBundleWriter(client, settings, FhirMappings.load(), Clock.systemUTC());
    int warm = Math.min(100, items / 5);
    for (int i = 0; i < warm; i++) {
      writer.write(request("warm-" + run + "-" + i, i, mrn));
    }
    out.printf(Locale.ROOT, "%s (%d warm-up items first)%n", label, warm);
    report("first write, 1 writer", writer, "rv-" + run + "-", mrn, 1, server);
    report("replay (nothing new)", writer, "rv-" + run + "-", mrn, 1, server);
    report("first write, " + writers + " writers", writer, "rc-" + run + "-", mrn, writers, server);
  }

  private void report(String label, FhirBundleWriter writer, String prefix, String mrn, int concurrency,
                      JpaFhirServerProcess server) {
    long[] latencies = new long[items];
    long cpu0 = cpuNanos();
    long serverCpu0 = serverCpuNanos(server);
    long t0 = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    try {
      List<Future<?>> calls = new ArrayList<>();
      for (int i = 0; i < items; i++) {
        int n = i;
        calls.add(pool.submit(() -> {
          long s = System.nanoTime();
          writer.write(request(prefix + n, n, mrn));
          latencies[n] = System.nanoTime() - s;
        }));
      }
      for (Future<?> call : calls) {
        call.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a write failed: " + e.getCause().getClass().getSimpleName(), e);
    } finally {
      pool.shutdownNow();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    double cpu = (cpuNanos() - cpu0) / 1e9;
    Arrays.sort(latencies);
    String serverCpu = server == null ? (fhirUrl == null ? "server in this process" : "server not counted")
        : String.format(Locale.ROOT, "server %.1f CPU-ms/item", (serverCpuNanos(server) - serverCpu0) / 1e6 / items);
    out.printf(Locale.ROOT, "  %-24s %7.1f items/s, p50 %6.1f ms, p99 %7.1f ms (this process %.1f CPU-ms/item, "
            + "%s)%n", label, items / seconds, latencies[items / 2] / 1e6,
        latencies[(int) Math.min(items - 1, Math.floor(items * 0.99))] / 1e6, cpu * 1e3 / items, serverCpu);
  }

  private static long serverCpuNanos(JpaFhirServerProcess server) {
    if (server == null) {
      return 0;
    }
    return server.processHandle().flatMap(h -> h.info().totalCpuDuration()).map(Duration::toNanos)
        .orElse(0L);
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** A synthetic approved item (invented text, no real person) of the i-th workflow. */
  private static WriteRequest request(String reviewId, int i, String mrn) {
    String workflow = WORKFLOWS.get(i % WORKFLOWS.size());
    boolean edited = i % 2 == 0;
    String draft = "Synthetic benchmark text " + i + ": please call the clinic about your results this week.";
    ReviewItem item = ReviewItem.newBuilder().setReviewId(reviewId).setEventId("ev-" + reviewId).setTenant("bench")
        .setWorkflow(workflow).setPatientToken("PT-000000000000").setModelId("bench-model").setModelVersion("1")
        .setLabel("results").setConfidence(0.9).setDraftText(draft).setHeldAt(Instant.now())
        .setStatus(ReviewStatus.APPROVED).setCategory(workflow.equals("result-follow-up") ? "needs-action" : "results")
        .setUrgency(workflow.equals("note-summary") ? null : Urgency.SOON).build();
    ReviewDecision decision = ReviewDecision.newBuilder().setReviewId(reviewId).setDecision(DecisionType.APPROVE)
        .setReviewer("bench-reviewer").setReviewerRole("attending").setDecidedAt(Instant.now())
        .setEditedText(edited ? draft + " Edited." : null).build();
    return new WriteRequest(new ApprovedResult(item, decision), edited ? draft + " Edited." : draft,
        edited ? draft : null, mrn, "msg-" + reviewId);
  }
}
