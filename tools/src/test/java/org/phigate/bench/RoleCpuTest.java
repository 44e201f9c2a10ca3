package org.phigate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.phigate.config.CommonConfig;
import org.phigate.config.DeidConfig;
import org.phigate.config.Settings;
import org.phigate.runtime.Role;

class RoleCpuTest {
  @Test
  void shouldAttributeStreamAndProducerThreadsToTheirRole() {
    assertThat(RoleCpu.role("bench-deid-StreamThread-2")).isEqualTo("deid");
    assertThat(RoleCpu.role("kafka-producer-network-thread | bench-review-StreamThread-1-producer"))
        .isEqualTo("review");
    assertThat(RoleCpu.role("bench-identity-intake-StreamThread-1")).isEqualTo("identity-intake");
    assertThat(RoleCpu.role("phigate-inference-worker-3")).isEqualTo("inference");
    assertThat(RoleCpu.role("phigate-writeback-worker-1")).isEqualTo("writeback");
    assertThat(RoleCpu.role("minilm-embed")).isEqualTo("inference");
    assertThat(RoleCpu.role("qtp1234-56")).isEqualTo("http-servers");
    assertThat(RoleCpu.role("kafka-producer-network-thread | producer-3")).isEqualTo("other");
  }

  @Test
  void shouldSplitTheBrokerFromTheBenchClients() {
    assertThat(RoleCpu.role("data-plane-kafka-request-handler-0")).isEqualTo("broker");
    assertThat(RoleCpu.role("data-plane-kafka-network-thread-1-PLAINTEXT-PLAINTEXT-0")).isEqualTo("broker");
    assertThat(RoleCpu.role("group-coordinator-event-processor-1")).isEqualTo("broker");
    assertThat(RoleCpu.role("TxnMarkerSenderThread-1")).isEqualTo("broker");
    assertThat(RoleCpu.role("kafka-1-raft-io-thread")).isEqualTo("broker");
    assertThat(RoleCpu.role("kafka-coordinator-heartbeat-thread | phigate-deid")).isEqualTo("deid");
    assertThat(RoleCpu.role("kafka-coordinator-heartbeat-thread | bench-identity-review")).isEqualTo("identity-review");
    assertThat(RoleCpu.role("phigate-bench-recorder")).isEqualTo("recorder");
  }

  @Test
  void shouldReadThreadsPerRole() {
    RoleThreads threads = RoleThreads.parse(1, "deid=2, inference=3");

    assertThat(threads.of(Role.DEID)).isEqualTo(2);
    assertThat(threads.of(Role.INFERENCE)).isEqualTo(3);
    assertThat(threads.of(Role.INTAKE)).isEqualTo(1);
  }

  @Test
  void shouldLeaveEachRoleItsOwnThreadCountUnlessTold() {
    CommonConfig common = new CommonConfig(Settings.of(Map.of(DeidConfig.STREAM_THREADS.name(), "2")));

    RoleThreads own = RoleThreads.parse(0, null).resolved(common);
    RoleThreads told = RoleThreads.parse(1, "review=3").resolved(common);

    assertThat(own.of(Role.DEID)).isEqualTo(2);
    assertThat(own.of(Role.INTAKE)).isEqualTo(1);
    assertThat(own.describe()).isEqualTo("intake=1,deid=2,inference=1,review=1,writeback=1");
    assertThat(told.of(Role.DEID)).isEqualTo(1);
    assertThat(told.of(Role.REVIEW)).isEqualTo(3);
    assertThat(told.describe()).isEqualTo("1, review=3");
  }
}
