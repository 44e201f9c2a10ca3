package org.phigate.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phigate.cli.PhigateCli;
import org.phigate.demo.SampleInput;
import org.phigate.it.support.PhiStrings;

/** `phigate demo` end to end on its embedded KRaft broker: counts match the inputs and no PHI leaks. */
class DemoCommandIT {

  @Test
  void shouldRunTheDemoWithMatchingCountsNoErrorsAndNoPhiOutsideThePhiZone(@TempDir Path dump) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    PrintStream stderr = System.err;
    int exit;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      exit = PhigateCli.execute("demo", "--auto-approve", "--dump", dump.toString(), "--timeout", "240",
          "--audit-archive", dump.resolve("archive").toString());
    } finally {
      System.setOut(stdout);
      System.setErr(stderr);
    }
    String console = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    stdout.println(console);

    assertThat(exit).as(console).isZero();
    int inputs = SampleInput.shipped().size();
    assertThat(console).contains("events in            " + inputs)
        .contains("normalized           " + (inputs - 1))
        .contains("intake dead letters  1 ")
        .contains("de-identified        " + (inputs - 1))
        .doesNotContain("ERROR").doesNotContain("Exception");

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
}
