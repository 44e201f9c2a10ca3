package org.phigate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntakeParseCommandTest {
  static final String ADT = "MSH|^~\\&|ADT1|GH|PHIGATE|HOSP|20260101120000||ADT^A01|C-1|P|2.5.1\r"
      + "PID|1||MRN-4711^^^GH^MR||Quixtrot^Zebulonia||19610615|F\rPV1|1|I\r";

  @Test
  void shouldPrintTheMaskedEventAndExit0WhenEveryFileNormalizes(@TempDir Path dir) throws Exception {
    Path good = Files.writeString(dir.resolve("adt.hl7"), ADT);
    CliRun run = CliRun.of("intake", "parse", good.toString());
    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("\"status\" : \"normalized\"").contains("\"messageType\" : \"ADT^A01\"")
        .contains("\"workflow\" : \"registration\"").contains("\"path\" : \"PID-5\"")
        .doesNotContain("Quixtrot").doesNotContain("MRN-4711").doesNotContain("19610615");
  }

  @Test
  void shouldShowPhiOnlyWhenAsked(@TempDir Path dir) throws Exception {
    Path good = Files.writeString(dir.resolve("adt.hl7"), ADT);
    assertThat(CliRun.of("intake", "parse", "--show-phi", good.toString()).out()).contains("Quixtrot Zebulonia")
        .contains("MRN-4711");
  }

  @Test
  void shouldPrintTheReasonAndExit1WhenAFileWouldBeDeadLetteredWithoutAStackTrace(@TempDir Path dir)
      throws Exception {
    Path good = Files.writeString(dir.resolve("adt.hl7"), ADT);
    Path bad = Files.writeString(dir.resolve("bad.hl7"), ADT.replace("|2.5.1\r", "|9.9\r"));
    Path missing = dir.resolve("missing.hl7");
    CliRun run = CliRun.of("intake", "parse", good.toString(), bad.toString(), missing.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).contains("\"reasonCode\" : \"HL7_UNSUPPORTED_VERSION\"").contains("\"location\" : \"MSH-12\"")
        .contains("FILE_UNREADABLE").doesNotContain("Quixtrot");
    assertThat(run.out() + run.err()).doesNotContain("Exception\n").doesNotContain("\tat ");
  }
}
