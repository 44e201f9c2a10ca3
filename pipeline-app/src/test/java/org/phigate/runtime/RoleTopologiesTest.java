package org.phigate.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.phigate.config.DeidConfig;

class RoleTopologiesTest {
  @Test
  void shouldMapEveryAcceptedRedactionPolicyToAPolicy() {
    for (String id : DeidConfig.POLICIES) {
      assertThat(RoleTopologies.policy(id)).as(id).isNotNull();
    }
  }
}
