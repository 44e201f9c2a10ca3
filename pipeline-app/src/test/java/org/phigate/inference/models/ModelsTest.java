package org.phigate.inference.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.phigate.config.CommonConfig;
import org.phigate.config.InferenceConfig;
import org.phigate.config.Settings;
import org.phigate.inference.EgressGuard;

class ModelsTest {
  private static InferenceConfig config(Map<String, String> values) {
    return new InferenceConfig(new CommonConfig(Settings.of(values)));
  }

  @Test
  void shouldOfferAFactoryForExactlyTheModelsTheConfigAccepts() {
    assertThat(Models.NAMES).containsExactlyInAnyOrderElementsOf(InferenceConfig.MODELS);
    assertThat(Models.create(config(Map.of())).modelId()).isNotBlank();
  }

  @Test
  void shouldBuildTheGuardWithTheInferenceZonesDenyList() {
    String prompt = "Patient seen at Lindenmoor House for follow-up of [DATE] labs.";
    assertThat(Models.guard(config(Map.of())).allows(prompt)).isTrue();
    EgressGuard guard = Models.guard(config(Map.of("inference.guard.deny.list", "Lindenmoor House, Baker 4")));
    assertThat(guard.allows(prompt)).isFalse();
    assertThat(guard.allows("Seen on Baker 4 today.")).isFalse();
  }
}
