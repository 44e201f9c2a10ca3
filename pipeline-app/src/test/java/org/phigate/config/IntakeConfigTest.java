package org.phigate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.phigate.cli.CliRun;

class IntakeConfigTest {
  private static IntakeConfig config(Map<String, String> values) {
    return new IntakeConfig(new CommonConfig(Settings.of(values)));
  }

  @Test
  void shouldBoundTheMllpInflightBytesByDefaultAndRefuseABudgetBelowOneFrame() {
    assertThat(config(Map.of()).maxInflightBytes()).isEqualTo(256 * 1024 * 1024);
    assertThat(config(Map.of("intake.mllp.max.frame.bytes", "1000000", "intake.mllp.max.inflight.bytes",
        "1065536")).maxInflightBytes()).isEqualTo(1_065_536);
    assertThatThrownBy(() -> config(Map.of("intake.mllp.max.frame.bytes", "1000000",
        "intake.mllp.max.inflight.bytes", "1065535")).maxInflightBytes()).isInstanceOf(ConfigException.class)
        .hasMessageContaining("intake.mllp.max.inflight.bytes=1065535")
        .hasMessageContaining("intake.mllp.max.frame.bytes=1000000");
  }

  @Test
  void shouldDescribeTheInflightBudgetInConfigDescribe() {
    CliRun run = CliRun.of("config", "--describe");
    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("intake.mllp.max.inflight.bytes  (int, default: 268435456, env: "
        + "PHIGATE_INTAKE_MLLP_MAX_INFLIGHT_BYTES)").contains("TCP backpressure");
  }

  @Test
  void shouldResolveTheEdgeTuningWithOneParseThreadPerCoreByDefault() {
    org.phigate.intake.EdgeTuning defaults = org.phigate.intake.EdgeTuning.of(config(Map.of()));
    assertThat(defaults.parseThreads()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(defaults.maxGroupRecords()).isEqualTo(1000);
    assertThat(defaults.maxGroupBytes()).isEqualTo(1024 * 1024);
    org.phigate.intake.EdgeTuning set = org.phigate.intake.EdgeTuning.of(config(Map.of("intake.parse.threads", "3",
        "intake.edge.group.max.records", "50", "intake.edge.batch.size", "65536", "intake.edge.group.wait.us", "250")));
    assertThat(set).isEqualTo(new org.phigate.intake.EdgeTuning(3, 50, 65536, 250));
    assertThat(IntakeConfig.EDGE_GROUP_WAIT.validator().accepts(-1)).isFalse();
    assertThat(IntakeConfig.EDGE_LINGER.validator().accepts(-1)).isFalse();
    assertThat(IntakeConfig.EDGE_BATCH_SIZE.validator().accepts(1024)).as("below 16 KiB").isFalse();
    assertThat(IntakeConfig.EDGE_GROUP_MAX_RECORDS.validator().accepts(0)).isFalse();
  }

  @Test
  void shouldDescribeTheEdgeTuningInConfigDescribe() {
    CliRun run = CliRun.of("config", "--describe");
    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("intake.parse.threads  (int, default: 0, env: PHIGATE_INTAKE_PARSE_THREADS)")
        .contains("intake.edge.group.max.records").contains("intake.edge.batch.size").contains("intake.edge.linger.ms")
        .contains("intake.edge.group.wait.us");
  }
}
