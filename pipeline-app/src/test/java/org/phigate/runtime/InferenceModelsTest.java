package org.phigate.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.phigate.config.CommonConfig;
import org.phigate.config.DeidConfig;
import org.phigate.config.InferenceConfig;
import org.phigate.config.Settings;
import org.phigate.inference.EgressGuard;

class InferenceModelsTest {
  private static InferenceConfig config(Map<String, String> values) {
    return new InferenceConfig(new CommonConfig(Settings.of(values)));
  }

  @Test
  void shouldOfferAFactoryForExactlyTheModelsTheConfigAccepts() {
    assertThat(InferenceModels.names()).containsExactlyInAnyOrderElementsOf(InferenceConfig.MODELS);
    assertThat(InferenceModels.model(config(Map.of())).modelId()).isNotBlank();
  }

  @Test
  void shouldBuildTheGuardWithTheInferenceZonesDenyList() {
    String prompt = "Patient seen at Lindenmoor House for follow-up of [DATE] labs.";
    assertThat(InferenceModels.guard(config(Map.of())).allows(prompt)).isTrue();
    EgressGuard guard = InferenceModels.guard(config(Map.of("inference.guard.deny.list", "Lindenmoor House, Baker 4")));
    assertThat(guard.allows(prompt)).isFalse();
    assertThat(guard.allows("Seen on Baker 4 today.")).isFalse();
  }

  @Test
  void shouldMapEveryAcceptedRedactionPolicyToAPolicy() {
    for (String id : DeidConfig.POLICIES) {
      assertThat(RoleTopologies.policy(id)).as(id).isNotNull();
    }
  }
}
