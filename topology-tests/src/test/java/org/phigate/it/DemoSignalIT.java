package org.phigate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phigate.it.support.PhiStrings;

/**
 * `phigate demo --serve` stopped by SIGTERM, as a process manager or `kill` stops it: the summary is printed, the
 * archiver seals its last segment, and the temporary directory with the broker's PHI and the signing key is gone.
 */
class DemoSignalIT {
  @Test
  void shouldTakeTheStoppingPathOnSigtermAndRemoveTheWorkingDirectory(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("demo.log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process demo = new ProcessBuilder(java, "-Xmx1g", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
        System.getProperty("java.class.path"), "org.phigate.tools.ToolsCli", "demo", "--serve", "--auto-approve", "--timeout", "240",
        "--ehr", "memory", // the stopping path does not depend on the EHR: the stand-in spares the JPA server's boot
        "--audit-archive", dir.resolve("archive").toString()).redirectErrorStream(true).redirectOutput(log.toFile())
        .start();
    try {
      await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500))
          .until(() -> Files.readString(log, StandardCharsets.UTF_8).contains("--serve: still running"));
      demo.destroy(); // SIGTERM
      assertThat(demo.waitFor(3, TimeUnit.MINUTES)).as("exited").isTrue();
    } finally {
      demo.destroyForcibly();
    }
    String console = Files.readString(log, StandardCharsets.UTF_8);
    System.out.println(console);
    Matcher work = Pattern.compile("working directory (\\S+)").matcher(console);
    assertThat(work.find()).as(console).isTrue();
    assertThat(console).contains("signal received: stopping", "stopping roles", "events in",
        "removed working directory " + work.group(1));
    assertThat(Path.of(work.group(1))).doesNotExist();
    assertThat(console.indexOf("stopping roles")).isLessThan(console.indexOf("events in"));
    try (var segments = Files.walk(dir.resolve("archive"))) {
      assertThat(segments.filter(p -> p.toString().endsWith(".avro")).count()).as("sealed segments").isPositive();
    }
    // the archive verifies against its public key (kept beside it) and replays the portal message's trail
    DemoAuditChecks.verifyAndReplayPortalMessage(dir.resolve("archive"), dir.resolve("archive.pub"),
        PhiStrings.of(org.phigate.demo.SampleInput.shipped()));
  }
}
