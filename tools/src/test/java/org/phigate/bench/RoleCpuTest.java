package org.phigate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
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
    assertThat(RoleCpu.role("data-plane-kafka-request-handler-0")).isEqualTo("other");
  }

  @Test
  void shouldReadThreadsPerRole() {
    RoleThreads threads = RoleThreads.parse(1, "deid=2, inference=3");

    assertThat(threads.of(Role.DEID)).isEqualTo(2);
    assertThat(threads.of(Role.INFERENCE)).isEqualTo(3);
    assertThat(threads.of(Role.INTAKE)).isEqualTo(1);
  }
}
