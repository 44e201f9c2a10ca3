package org.phigate.deid.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phigate.cli.CliRun;

class RulesCommandTest {
  @TempDir
  Path dir;

  @Test
  void shouldPrintTheShippedRulesAsATable() {
    CliRun r = CliRun.of("deid", "rules");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("classpath:/deid/structured-rules.json; policy safe-harbor-v1")
        .containsPattern("PID-5 +NAME +NAME +patient +- +TOKEN")
        .containsPattern("PID-7 +DATE +DATE +patient +- +GENERALIZE")
        .containsPattern("MSH-4 +ORGANIZATION +GEO +organization +keep -> KEEP +not extracted")
        .containsPattern("NTE-3 +TEXT +- +- +- +detectors")
        .containsPattern("nodesByType\\('HumanName'\\) +NAME +inherit +cryptoHash -> TOKEN +TOKEN")
        .containsPattern("Patient.contact +- +relative +- +sets the party below");
  }

  @Test
  void shouldMergeTheSiteFileTheSettingsNameAndUseTheirPolicy() throws Exception {
    Path site = Files.writeString(dir.resolve("site.json"),
        "{\"hl7v2\": {\"rules\": [{\"field\": \"ZPI-3\", \"kind\": \"NAME\", \"category\": \"NAME\","
            + " \"party\": \"relative\"}, {\"field\": \"PID-9\", \"drop\": true}]}}");
    Path config = Files.writeString(dir.resolve("phi.properties"),
        "intake.structured.rules.file=" + site + "\ndeid.policy=date-shift-v1\n");
    CliRun r = CliRun.of("deid", "rules", "--config", config.toString());
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains(" + " + site).contains("policy date-shift-v1")
        .containsPattern("ZPI-3 +NAME +NAME +relative").doesNotContainPattern("PID-9 ")
        .containsPattern("PID-7 +DATE +DATE +patient +- +DATE_SHIFT");
  }

  @Test
  void shouldShowWhereARuleMethodTightensThePolicy() throws Exception {
    Path site = Files.writeString(dir.resolve("site.json"),
        "{\"hl7v2\": {\"rules\": [{\"field\": \"PID-7\", \"kind\": \"DATE\", \"category\": \"DATE\","
            + " \"party\": \"patient\", \"method\": \"redact\"}, {\"field\": \"PID-29\", \"kind\": \"DATE\","
            + " \"category\": \"DATE\", \"party\": \"patient\", \"method\": \"dateShift\"}]}}");
    CliRun r = CliRun.of("deid", "rules", "--rules", site.toString());
    assertThat(r.exit()).isZero();
    assertThat(r.out()).containsPattern("PID-7 +DATE +DATE +patient +redact -> DROP +DROP \\(method\\)")
        .containsPattern("(?m)PID-29 +DATE +DATE +patient +dateShift -> DATE_SHIFT +GENERALIZE$");
  }

  @Test
  void shouldExitTwoNamingTheBadRule() throws Exception {
    Path site = Files.writeString(dir.resolve("bad.json"),
        "{\"fhir\": {\"rules\": [{\"path\": \"Patient.name\", \"category\": \"NAME\", \"method\": \"shred\"}]}}");
    CliRun r = CliRun.of("deid", "rules", "--rules", site.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("fhir.rules[0] (Patient.name): unknown method 'shred'");
  }
}
