package org.phigate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.phigate.runtime.Role;
import org.phigate.security.Keys;

/** The KEK keystore stands in for the direct keys a role would otherwise need, and needs its password. */
class KekConfigTest {
  private static List<String> problems(Map<String, String> values, Role... roles) {
    Settings settings = new Settings(values, Map.of(), Map.of());
    CommonConfig common = new CommonConfig(settings);
    return ConfigValidator.problems(settings, Role.allKeys(), List.of(roles).stream().map(r -> r.config(common))
        .toList());
  }

  @Test
  void shouldLetTheKeystoreStandInForTheVaultAndReviewKeys() {
    assertThat(problems(Map.of(), Role.WRITEBACK)).anySatisfy(p -> assertThat(p).startsWith("crypto.vault.key is not set"));

    assertThat(problems(Map.of("crypto.kek.keystore", "/etc/phigate/kek.p12", "crypto.kek.password", "pw"),
        Role.WRITEBACK)).isEmpty();
  }

  @Test
  void shouldStillNeedTheEventKeyForSourceIdsUnlessTheirOwnKeyIsSet() {
    Map<String, String> kek = Map.of("crypto.kek.keystore", "/etc/phigate/kek.p12", "crypto.kek.password", "pw");
    assertThat(problems(kek, Role.INTAKE)).anySatisfy(p -> assertThat(p).startsWith("crypto.event.key is not set"));

    Map<String, String> withSourceKey = new java.util.HashMap<>(kek);
    withSourceKey.put("crypto.source.id.key", Keys.randomBase64());
    assertThat(problems(withSourceKey, Role.INTAKE)).isEmpty();
  }

  @Test
  void shouldNeedThePasswordWithTheKeystore() {
    assertThat(problems(Map.of("crypto.kek.keystore", "/etc/phigate/kek.p12"), Role.WRITEBACK)).singleElement()
        .asString().startsWith("crypto.kek.password is not set: required by role writeback")
        .contains("crypto.kek.password.file");
  }

  @Test
  void shouldRefuseADirectKeyIdShapedLikeADataKeyId() {
    assertThat(problems(Map.of("crypto.vault.key.id", "dk1:p:default:x"))).singleElement().asString()
        .startsWith("crypto.vault.key.id = \"dk1:p:default:x\"");
  }
}
