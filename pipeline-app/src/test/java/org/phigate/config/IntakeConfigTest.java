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
}
