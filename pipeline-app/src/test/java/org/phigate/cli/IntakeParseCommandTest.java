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

  @Test
  void shouldExtractWhatTheSiteRulesOfTheConfigOrRulesFileSay(@TempDir Path dir) throws Exception {
    Path message = Files.writeString(dir.resolve("zpi.hl7"), ADT + "ZPI|1||Vexmoor^Quintabelle\r");
    Path site = Files.writeString(dir.resolve("site-rules.json"), "{\"hl7v2\": {\"rules\": [{\"field\": \"ZPI-3\", "
        + "\"kind\": \"NAME\", \"category\": \"NAME\", \"party\": \"relative\"}]}}");
    Path config = Files.writeString(dir.resolve("phigate.properties"),
        "intake.structured.rules.file=" + site.toString().replace("\\", "/") + "\n");

    CliRun shipped = CliRun.of("intake", "parse", "--show-phi", message.toString());
    assertThat(shipped.exit()).isZero();
    assertThat(shipped.out()).doesNotContain("\"path\" : \"ZPI-3\"");

    for (CliRun run : new CliRun[] {CliRun.of("intake", "parse", "--config", config.toString(), message.toString()),
        CliRun.of("intake", "parse", "--rules", site.toString(), message.toString())}) {
      assertThat(run.exit()).isZero();
      assertThat(run.out()).contains("\"path\" : \"ZPI-3\"").contains("\"party\" : \"relative\"")
          .doesNotContain("Vexmoor");
    }
  }

  @Test
  void shouldExit2NamingTheRuleWhenTheSiteRulesAreInvalid(@TempDir Path dir) throws Exception {
    Path message = Files.writeString(dir.resolve("adt.hl7"), ADT);
    Path bad = Files.writeString(dir.resolve("bad-rules.json"), "{\"hl7v2\": {\"rules\": [{\"field\": \"PID-5\", "
        + "\"kind\": \"NAME\", \"category\": \"NAMES\", \"party\": \"patient\"}]}}");
    CliRun run = CliRun.of("intake", "parse", "--rules", bad.toString(), message.toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("hl7v2.rules[0]").contains("NAMES");
    assertThat(run.out()).isEmpty();
    CliRun missing = CliRun.of("intake", "parse", "--config", dir.resolve("none.properties").toString(),
        message.toString());
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("does not exist");
  }

  @Test
  void shouldDeadLetterAFileOverTheConfiguredPayloadLimit(@TempDir Path dir) throws Exception {
    Path message = Files.writeString(dir.resolve("adt.hl7"), ADT + "NTE|1||" + "x".repeat(2_000) + "\r");
    Path config = Files.writeString(dir.resolve("phigate.properties"), "intake.max.payload.bytes=1000\n");
    CliRun run = CliRun.of("intake", "parse", "--config", config.toString(), message.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).contains("PAYLOAD_TOO_LARGE").contains("intake.max.payload.bytes=1000");
  }
}
