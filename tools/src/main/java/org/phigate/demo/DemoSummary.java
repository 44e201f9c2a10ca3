package org.phigate.demo;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.phigate.catalog.Topics;

/** The counts `phigate demo` ends with; every figure comes from the topics, not from the code that wrote them. */
public record DemoSummary(int inputs, Map<String, Long> inputsByFormat, long normalized, long intakeDlq,
                          long deidentified, Map<String, Long> phiByCategory, long aiResults,
                          Map<String, Long> aiLabels, long pendingReviews, long approved, long ehrWritten,
                          long ehrDlq, long auditEvents, Map<String, Long> auditSteps) {

  static DemoSummary from(List<SampleInput> inputs, PipelineObserver observer) {
    Map<String, Long> formats = new TreeMap<>();
    inputs.forEach(i -> formats.merge(i.format(), 1L, Long::sum));
    Map<String, Long> ehr = observer.ehrStatuses();
    return new DemoSummary(inputs.size(), formats, observer.count(Topics.EVENTS_NORMALIZED),
        observer.count(Topics.INTAKE_DLQ), observer.count(Topics.EVENTS_DEIDENTIFIED), observer.phiCategories(),
        observer.count(Topics.AI_RESULTS), observer.labels(), observer.count(Topics.REVIEW_PENDING),
        observer.count(Topics.REVIEW_APPROVED),
        ehr.getOrDefault("WRITTEN", 0L) + ehr.getOrDefault("ALREADY_PRESENT", 0L),
        observer.count(Topics.EHR_DLQ), observer.count(Topics.AUDIT_EVENTS), observer.auditSteps());
  }

  public long phiFindings() {
    return phiByCategory.values().stream().mapToLong(Long::longValue).sum();
  }

  /** @param ehrResources resources on the EHR by type (Task, Communication, DocumentReference, Provenance) */
  void print(PrintStream out, Map<String, Long> ehrResources, String ehrUrl, Path archiveDir, long archived) {
    out.println();
    out.println("PHIGate demo summary");
    out.println("  events in            " + inputs + "  " + inputsByFormat);
    out.println("  normalized           " + normalized);
    out.println("  intake dead letters  " + intakeDlq + "  (phigate.intake.dlq, reason + sealed original)");
    out.println("  de-identified        " + deidentified);
    out.println("  PHI findings         " + phiFindings() + "  " + phiByCategory);
    out.println("  AI results           " + aiResults + "  " + aiLabels);
    out.println("  held for review      " + pendingReviews);
    out.println("  approved             " + approved);
    out.println("  EHR writes           " + ehrWritten);
    out.println("  EHR resources        " + ehrResources + "  (FHIR search _summary=count at " + ehrUrl + ")");
    out.println("  EHR dead letters     " + ehrDlq);
    out.println("  audit events         " + auditEvents + "  " + auditSteps);
    out.println("  audit archive        " + archived + " records sealed in " + archiveDir.toAbsolutePath());
    out.flush();
  }
}
