package org.phigate.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phigate.cli.CliRun;
import org.phigate.tools.ToolsCli;

/**
 * A small `phigate bench` run with --auto-approve on the embedded broker, registry and FHIR stand-in: the bench
 * registers the generated patients' charts, so approved items reach the EHR (outcome WRITTEN) and the summary counts
 * the resources write-back created.
 */
class BenchEndToEndIT {

  @Test
  void shouldWriteApprovedItemsToTheChartsTheBenchRegistered(@TempDir Path dir) throws Exception {
    // Given a small mix of the kinds that write back (ORU -> Task, portal -> Communication) and a few patients
    Path json = dir.resolve("bench.json");

    // When the bench runs end to end (constant-time model, then the embedded one) with a reviewer approving every
    // held result
    CliRun run = cli("bench", "--messages", "12", "--mix", "oru=1,portal=1,adt=1", "--large-share", "0",
        "--patients", "5", "--warm-up", "4", "--no-model-rate", "--auto-approve", "--rate", "6", "--timeout", "300",
        "--json", json.toString(), "--plot", dir.resolve("latency.png").toString());

    // Then items reach WRITTEN, none is dead-lettered for a missing chart, and the EHR holds what was written
    assertThat(run.exit()).as(run.console()).isZero();
    JsonNode report = new ObjectMapper().readTree(json.toFile());
    JsonNode summary = report.get("summary");
    long written = summary.get("ehrWritten").asLong();
    assertThat(written).as(run.console()).isPositive();
    for (JsonNode phase : report.get("phases")) {
      if (phase.has("ehrOutcomes")) {
        assertThat(phase.get("ehrOutcomes").has("DLQ PATIENT_NOT_FOUND")).as(phase.toString()).isFalse();
      }
    }
    // one Provenance per item written, and one Task (result follow-up, message triage) or DocumentReference each
    JsonNode resources = summary.get("ehrResources");
    assertThat(resources.get("Provenance").asLong()).isEqualTo(written);
    assertThat(resources.get("Task").asLong() + resources.get("DocumentReference").asLong()).isEqualTo(written);
    assertThat(report.get("phases")).extracting(p -> p.get("phase").asText()).containsExactly("identity",
        "pipeline-constant-model", "pipeline-embedded-model", "pipeline-at-rate");
    assertThat(run.console()).contains("pipeline/identity ratio").contains("EHR write-back").contains("written");
    assertThat(dir.resolve("latency.png")).isNotEmptyFile();
  }

  /** Runs the tools CLI in this JVM and echoes what it printed into the test's output. */
  private static CliRun cli(String... args) {
    CliRun run = CliRun.with(ToolsCli::execute, args);
    System.out.println(run.console());
    return run;
  }
}
