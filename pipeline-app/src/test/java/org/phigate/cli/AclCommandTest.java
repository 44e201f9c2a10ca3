package org.phigate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AclCommandTest {

  @Test
  void shouldPlanOnlyTheRequestedRolesUnderTheConfiguredPrincipals(@TempDir Path dir) throws IOException {
    Path config = Files.writeString(dir.resolve("clinical.properties"), "review.application.id=site-review\n");

    CliRun run = CliRun.of("acl", "plan", "--role", "review", "--config", config.toString());

    assertThat(run.exit()).as(run.err()).isZero();
    List<String> rows = run.out().lines().filter(l -> !l.startsWith("#")).toList();
    assertThat(rows).isNotEmpty().allSatisfy(r -> assertThat(r).startsWith("User:site-review\t"));
    assertThat(rows).contains("User:site-review\tTOPIC\tLITERAL\tphigate.ai.results\tREAD",
        "User:site-review\tGROUP\tLITERAL\tsite-review\tREAD",
        "User:site-review\tTRANSACTIONAL_ID\tPREFIXED\tsite-review-\tWRITE");
    // review reads the vault only for the reviewer's audited view; it never reads the PHI zone's own topics
    assertThat(rows).noneSatisfy(r -> assertThat(r).contains("phigate.events.normalized"));
    assertThat(rows).noneSatisfy(r -> assertThat(r).contains("phigate.phi.detected"));
  }

  @Test
  void shouldRefuseAnUnknownAction() {
    CliRun run = CliRun.of("acl", "grant");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("use plan, apply or verify");
  }
}
