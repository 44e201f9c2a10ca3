package org.phigate.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.phigate.runtime.Role;

/**
 * Pins each role's topology description in a golden file, so a renamed processor, store or internal topic is a
 * deliberate, reviewed change. Regenerate with {@code mvn test -Dphigate.golden.update=true} and commit the diff.
 */
class TopologyDescriptionTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden");

  @ParameterizedTest
  @EnumSource(value = Role.class, names = "AUDIT_ARCHIVER", mode = EnumSource.Mode.EXCLUDE)
  void shouldMatchTheCommittedTopologyDescription(Role role) throws IOException {
    String description = new TestPipeline().topology(role).describe().toString();
    Path golden = GOLDEN.resolve(role.id() + ".topology.txt");
    if (Boolean.getBoolean("phigate.golden.update")) {
      Files.createDirectories(GOLDEN);
      Files.writeString(golden, description);
    }
    assertThat(golden).as("golden file; create it with -Dphigate.golden.update=true").exists();
    assertThat(description).as("topology of role " + role.id() + " changed; if deliberate, regenerate with "
        + "-Dphigate.golden.update=true and commit").isEqualTo(Files.readString(golden));
  }

  @ParameterizedTest
  @EnumSource(value = Role.class, names = "AUDIT_ARCHIVER", mode = EnumSource.Mode.EXCLUDE)
  void shouldNameEveryProcessorStoreAndInternalTopic(Role role) {
    String description = new TestPipeline().topology(role).describe().toString();
    assertThat(description).doesNotContainPattern("KSTREAM-[A-Z]+-\\d{10}")
        .doesNotContainPattern("KTABLE-[A-Z]+-\\d{10}");
  }
}
