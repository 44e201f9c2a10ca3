package org.phigate.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Architecture rule: the inference zone depends on no intake, de-identification or vault
 * types; of the project's own code it may use only its own package and the schema types it
 * consumes and produces. Checked on the compiled classes (constant pool), so it also catches
 * fully qualified references that an import scan would miss.
 */
class InferencePackageDependencyTest {

  // the inference zone may use the catalog, audit and non-PHI schema types, never PHI-zone code, keys or PHI types
  private static final Set<String> FORBIDDEN_PREFIXES = Set.of("org/phigate/intake/", "org/phigate/deid/",
      "org/phigate/security/", "org/phigate/writeback/", "org/phigate/schema/ClinicalEvent",
      "org/phigate/schema/PhiContent", "org/phigate/schema/StructuredField", "org/phigate/schema/VaultEntry",
      "org/phigate/schema/DetectedEvent", "org/phigate/schema/EncryptedBlob", "org/phigate/schema/IntakeFailure");

  @Test
  void shouldReferenceOnlyItsOwnPackageAndTheSchemaTypesItConsumesAndProduces() throws Exception {
    Path classes = Path.of(InferenceService.class.getProtectionDomain().getCodeSource().getLocation().toURI())
        .resolve("org/phigate/inference");
    Set<String> foreign = new TreeSet<>();
    Set<String> seen = new TreeSet<>();
    Pattern ref = Pattern.compile("org/phigate/[A-Za-z0-9_/$]+");
    try (Stream<Path> files = Files.list(classes)) {
      for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
        Matcher m = ref.matcher(read(file));
        while (m.find()) {
          String type = m.group();
          seen.add(type);
          if (FORBIDDEN_PREFIXES.stream().anyMatch(type::startsWith)) {
            foreign.add(file.getFileName() + " -> " + type);
          }
        }
      }
    }

    assertThat(seen).as("scanner sees references").contains("org/phigate/schema/DeidentifiedEvent");
    assertThat(foreign).isEmpty();
  }

  private static String read(Path file) throws IOException {
    return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
  }
}
