package org.phigate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.phigate.runtime.Role;
import org.phigate.security.Keys;

class DeployConfigsTest {
  private static final Path DEPLOY = Path.of("..", "deploy");
  /** The roles each shipped config serves, as its header comment says. */
  private static final Map<String, List<Role>> ROLES = Map.of(
      "phi-zone.properties", List.of(Role.INTAKE, Role.DEID),
      "inference.properties", List.of(Role.INFERENCE),
      "clinical-zone.properties", List.of(Role.REVIEW, Role.WRITEBACK));
  /** What the secret store injects: the keys, never in the files. */
  private static final Map<String, String> SECRET_STORE = Map.of(
      "PHIGATE_CRYPTO_EVENT_KEY", Keys.randomBase64(),
      "PHIGATE_CRYPTO_VAULT_KEY", Keys.randomBase64(),
      "PHIGATE_CRYPTO_HMAC_KEY", Keys.randomBase64(),
      "PHIGATE_CRYPTO_REVIEW_KEY", Keys.randomBase64(),
      "PHIGATE_REVIEW_DECISION_MAC_KEY", Keys.randomBase64());

  @Test
  void shouldValidateEveryShippedRoleConfigCleanlyForItsRoles() throws IOException {
    List<Path> files;
    try (Stream<Path> listing = Files.list(DEPLOY)) {
      files = listing.filter(p -> p.toString().endsWith(".properties")).sorted().toList();
    }
    assertThat(files).extracting(p -> p.getFileName().toString()).containsExactlyInAnyOrderElementsOf(ROLES.keySet());
    for (Path file : files) {
      List<Role> roles = ROLES.get(file.getFileName().toString());
      Settings settings = Settings.load(file, SECRET_STORE, Map.of());
      CommonConfig common = new CommonConfig(settings);
      assertThat(ConfigValidator.problems(settings, Role.allKeys(), roles.stream().map(r -> r.config(common)).toList()))
          .as(file.toString()).isEmpty();
      assertThat(Files.readString(file)).as(file + " names its roles in its header")
          .contains(roles.get(0).id());
    }
  }

  @Test
  void shouldNotCarryAKeyInAShippedConfig() throws IOException {
    for (String name : ROLES.keySet()) {
      Settings settings = Settings.load(DEPLOY.resolve(name), Map.of(), Map.of());
      for (ConfigKey<?> key : Role.allKeys()) {
        if (key.secret()) {
          assertThat(settings.isSet(key)).as(name + " sets " + key.name()).isFalse();
        }
      }
    }
  }
}
