package org.phigate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandConfigTest {

  @Test
  void shouldFailAtStartUpListingAMisspelledKeyAndABadBooleanBeforeAnyKafkaConnection(@TempDir Path dir)
      throws IOException {
    try (ServerSocketChannel broker = ServerSocketChannel.open()) {
      broker.bind(new InetSocketAddress("127.0.0.1", 0));
      broker.configureBlocking(false);
      int port = ((InetSocketAddress) broker.getLocalAddress()).getPort();
      Path config = Files.writeString(dir.resolve("inference.properties"), String.join("\n",
          "kafka.bootstrap.servers=127.0.0.1:" + port,
          "inference.workflow=message-triage",
          "deid.detect.name.dictionary=ture",
          ""));

      CliRun run = CliRun.of("run", "--role", "inference", "--config", config.toString());

      assertThat(run.exit()).isEqualTo(2);
      assertThat(run.err()).contains("2 configuration problems:")
          .contains("inference.workflow: unknown key; did you mean inference.workflows?; from file " + config)
          .contains("deid.detect.name.dictionary = \"ture\": expected true or false; from file " + config);
      assertThat(run.out()).doesNotContain("[run] starting");
      assertThat(broker.accept()).as("no client connected to the configured broker").isNull();
    }
  }

  @Test
  void shouldRefuseToStartARoleWithoutTheKeyItNeeds(@TempDir Path dir) throws IOException {
    Path config = Files.writeString(dir.resolve("phi.properties"), "kafka.bootstrap.servers=127.0.0.1:1\n");
    CliRun run = CliRun.of("run", "--role", "intake,deid", "--config", config.toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("crypto.event.key is not set: required by roles intake, deid")
        .contains("crypto.vault.key is not set: required by role deid")
        .contains("crypto.hmac.key is not set: required by role deid");
  }

  @Test
  void shouldRefuseRolesOfDifferentTrustZonesInOneProcess(@TempDir Path dir) throws IOException {
    Path config = Files.writeString(dir.resolve("mixed.properties"), "kafka.bootstrap.servers=127.0.0.1:1\n");

    CliRun run = CliRun.of("run", "--role", "inference,review", "--config", config.toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("roles of different trust zones in one process")
        .contains("clinical=[review]").contains("inference=[inference]").contains("run.allow.mixed.zones=true");
    assertThat(run.out()).doesNotContain("[run] starting");
  }

  @Test
  void shouldAcceptRolesOfOneZoneAndMixedZonesOnlyWhenTold(@TempDir Path dir) throws IOException {
    Path oneZone = Files.writeString(dir.resolve("clinical.properties"), "kafka.bootstrap.servers=127.0.0.1:1\n"
        + "crypto.vault.key=" + org.phigate.security.Keys.randomBase64() + "\n"
        + "review.decision.mac.key=" + org.phigate.security.Keys.randomBase64() + "\n");
    Path mixed = Files.writeString(dir.resolve("mixed.properties"), "kafka.bootstrap.servers=127.0.0.1:1\n"
        + "review.decision.mac.key=" + org.phigate.security.Keys.randomBase64() + "\n"
        + "run.allow.mixed.zones=true\n");

    assertThat(CliRun.of("config", "--check", "--role", "review,writeback", "--config", oneZone.toString()).exit())
        .isZero();
    assertThat(CliRun.of("config", "--check", "--role", "inference,review", "--config", mixed.toString()).out())
        .contains("configuration OK for roles [inference, review]");
    assertThat(CliRun.of("config", "--check", "--role", "inference,review", "--config", oneZone.toString()).exit())
        .isEqualTo(2);
  }

  @Test
  void shouldRefuseRoleScopedKafkaSettingsOfAnUnknownRole(@TempDir Path dir) throws IOException {
    Path config = Files.writeString(dir.resolve("phi.properties"), "kafka.bootstrap.servers=127.0.0.1:1\n"
        + "crypto.event.key=" + org.phigate.security.Keys.randomBase64() + "\n"
        + "role.intak.kafka.sasl.jaas.config=x\n");
    CliRun run = CliRun.of("config", "--check", "--role", "intake", "--config", config.toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("role.intak.kafka.sasl.jaas.config: unknown role or key").doesNotContain("=x");
  }
}
