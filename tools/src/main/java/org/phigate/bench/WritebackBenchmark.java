package org.phigate.bench;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.Patient;
import org.phigate.catalog.AvroTrust;
import org.phigate.config.WritebackConfig;
import org.phigate.embedded.EmbeddedFhirServer;
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
 * `phigate bench writeback`: one approved item at a time through the FHIR write (patient match, then one transaction
 * Bundle with its Provenance), the three workflows in turn: items/s, p50/p99 per item, and the replay rate (every
 * item sent again, nothing created). Against the in-process stand-in EHR, or any FHIR server with {@code --fhir-url}.
 */
public final class WritebackBenchmark {
  private static final List<String> WORKFLOWS = List.of("message-triage", "note-summary", "result-follow-up");
  private final int items;
  private final String fhirUrl;
  private final PrintStream out;

  public WritebackBenchmark(int items, String fhirUrl, PrintStream out) {
    this.items = Math.max(10, items);
    this.fhirUrl = fhirUrl;
    this.out = out;
  }

  public void run() {
    AvroTrust.install();
    EmbeddedFhirServer embedded = fhirUrl == null ? EmbeddedFhirServer.start() : null;
    try {
      String base = embedded != null ? embedded.baseUrl() : fhirUrl;
      IGenericClient client = FhirContext.forR4Cached().newRestfulGenericClient(base);
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
      out.printf(Locale.ROOT, "write-back to %s: %d items (%s in turn, every other one edited), %d warm-up, %d cores%n",
          embedded != null ? "the in-process stand-in EHR" : base, items, String.join(", ", WORKFLOWS), warm,
          Runtime.getRuntime().availableProcessors());
      report("first write", writer, run, mrn);
      report("replay (nothing new)", writer, run, mrn);
      if (embedded != null) {
        out.println("resources on the EHR: " + embedded.resourceCounts());
      }
    } finally {
      if (embedded != null) {
        embedded.close();
      }
    }
  }

  private void report(String label, FhirBundleWriter writer, String run, String mrn) {
    long[] latencies = new long[items];
    long cpu0 = cpuNanos();
    long t0 = System.nanoTime();
    for (int i = 0; i < items; i++) {
      long s = System.nanoTime();
      writer.write(request("rv-" + run + "-" + i, i, mrn));
      latencies[i] = System.nanoTime() - s;
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    double cpu = (cpuNanos() - cpu0) / 1e9;
    Arrays.sort(latencies);
    out.printf(Locale.ROOT, "  %-22s %7.1f items/s (%.1f per CPU-second of this process, server included when "
            + "in-process), p50 %.1f ms, p99 %.1f ms%n", label, items / seconds, items / cpu,
        latencies[items / 2] / 1e6, latencies[(int) Math.min(items - 1, Math.floor(items * 0.99))] / 1e6);
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
