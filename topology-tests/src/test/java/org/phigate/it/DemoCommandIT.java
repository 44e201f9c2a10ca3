package org.phigate.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phigate.cli.CliRun;
import org.phigate.demo.SampleInput;
import org.phigate.it.support.PhiStrings;
import org.phigate.tools.ToolsCli;

/** `phigate demo` end to end on its embedded KRaft broker: counts match the inputs and no PHI leaks. */
class DemoCommandIT {

  /** Runs the tools CLI in this JVM and echoes what it printed into the test's output. */
  private static CliRun cli(String... args) {
    CliRun run = CliRun.with(ToolsCli::execute, args);
    System.out.println(run.console());
    return run;
  }

  @Test
  void shouldRunTheDemoWithMatchingCountsNoErrorsAndNoPhiOutsideThePhiZone(@TempDir Path dump) throws Exception {
    long t0 = System.nanoTime();
    CliRun run = cli("demo", "--auto-approve", "--dump", dump.toString(), "--timeout", "240",
        "--audit-archive", dump.resolve("archive").toString());
    System.out.println("[demo] wall time " + (System.nanoTime() - t0) / 1_000_000_000L + " s");
    String console = run.console();
    assertThat(run.exit()).as(console).isZero();
    assertThat(console).contains("transport            PLAINTEXT");
    assertThat(workingDirectory(console)).doesNotExist();
    int inputs = SampleInput.shipped().size();
    assertThat(console).contains("events in            " + inputs)
        .contains("normalized           " + (inputs - 1))
        .contains("intake dead letters  1 ")
        .contains("de-identified        " + (inputs - 1))
        .doesNotContain("ERROR").doesNotContain("Exception");
    // the summary counts what the JPA server holds, by FHIR search: one Provenance per item written, and a Task or
    // DocumentReference for each
    java.util.regex.Matcher written = java.util.regex.Pattern.compile("EHR writes +(\\d+)").matcher(console);
    assertThat(written.find()).as(console).isTrue();
    int writes = Integer.parseInt(written.group(1));
    assertThat(writes).isPositive();
    java.util.regex.Matcher resources = java.util.regex.Pattern.compile(
        "EHR resources +\\{Communication=(\\d+), DocumentReference=(\\d+), Provenance=(\\d+), Task=(\\d+)}")
        .matcher(console);
    assertThat(resources.find()).as(console).isTrue();
    assertThat(Integer.parseInt(resources.group(3))).as("Provenance").isEqualTo(writes);
    assertThat(Integer.parseInt(resources.group(2)) + Integer.parseInt(resources.group(4)))
        .as("DocumentReference + Task").isEqualTo(writes);

    Set<String> phi = PhiStrings.of(SampleInput.shipped());
    assertThat(phi).hasSizeGreaterThan(100);
    assertThat(PhiStrings.foundIn(console, phi)).as("PHI on the console").isEmpty();
    for (String topic : new String[] {"phigate.events.deidentified", "phigate.ai.results", "phigate.review.pending",
        "phigate.audit.events"}) {
      String records = Files.readString(dump.resolve(topic + ".jsonl"));
      assertThat(records).as(topic).isNotBlank();
      assertThat(PhiStrings.foundIn(records, phi)).as("PHI in " + topic).isEmpty();
    }
    assertThat(Files.readAllLines(dump.resolve("phigate.intake.dlq.jsonl"))).hasSize(1);
    DemoAuditChecks.verifyAndReplayPortalMessage(dump.resolve("archive"), dump.resolve("archive.pub"), phi);
  }

  @Test
  void shouldRunTheWholeDemoOverSaslSslAndMtlsWithAclsAndRemoveItsTemporaryDirectory() throws Exception {
    long t0 = System.nanoTime();
    CliRun run = cli("demo", "--secure", "--auto-approve", "--timeout", "240");
    long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
    String console = run.console();
    assertThat(run.exit()).as(console).isZero();
    int inputs = SampleInput.shipped().size();
    assertThat(console).contains("(SASL_SSL, SCRAM-SHA-512; mTLS on ")
        .containsPattern("applied \\d+ ACLs of `acl plan`")
        .contains("transport            secure: SASL_SSL (SCRAM-SHA-512) per role")
        .contains("events in            " + inputs)
        .contains("normalized           " + (inputs - 1))
        .contains("intake dead letters  1 ")
        .contains("de-identified        " + (inputs - 1))
        .doesNotContain("ERROR").doesNotContain("Exception");
    assertThat(PhiStrings.foundIn(console, PhiStrings.of(SampleInput.shipped()))).as("PHI on the console").isEmpty();
    Path work = workingDirectory(console);
    assertThat(console).contains("removed working directory " + work);
    assertThat(work).doesNotExist();
    System.out.println("[demo --secure] wall time " + seconds + " s");
  }

  /** The demo's temporary directory, as its first progress line names it. */
  private static Path workingDirectory(String console) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\[demo\\] working directory (\\S+)")
        .matcher(console);
    assertThat(m.find()).as(console).isTrue();
    return Path.of(m.group(1));
  }

  @Test
  void shouldPublishTheFilesOfAnInputFolderAndWriteNothingToTheEhrWithoutADecision(@TempDir Path input)
      throws Exception {
    SampleInput portal = SampleInput.shipped().stream().filter(s -> s.name().endsWith("Communication-example.json"))
        .findFirst().orElseThrow();
    Files.write(input.resolve("portal.json"), portal.payload());
    Files.writeString(input.resolve("broken.hl7"), "MSH|^~\\&|X|Y\rPID|1||1^^^MR||Quixtrot^Zebulonia\r");
    Files.writeString(input.resolve("notes.txt"), "ignored: not *.hl7 or *.json");

    // nothing reaches the EHR here, so the in-process stand-in serves and the JPA server's boot is spared
    CliRun run = cli("demo", "--input", input.toString(), "--timeout", "240", "--ehr", "memory");
    assertThat(run.exit()).as(run.console()).isZero();
    assertThat(run.console()).contains("events in            2")
        .contains("normalized           1")
        .contains("intake dead letters  1 ")
        .contains("EHR writes           0")
        .contains("are held for review; nothing is written to the EHR without a decision")
        .doesNotContain("Zebulonia").doesNotContain("ERROR");
  }
}
