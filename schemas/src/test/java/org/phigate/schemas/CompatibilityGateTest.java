package org.phigate.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompatibilityGateTest {
  private static final Path CURRENT = Path.of("src/main/avro/phigate");
  private static final Path BASELINE = Path.of("src/main/avro-baseline");

  private static Path copyOfCurrent(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(CURRENT)) {
      for (Path file : files.toList()) {
        Files.copy(file, dir.resolve(file.getFileName()));
      }
    }
    return dir;
  }

  @Test
  void shouldPassForTheCommittedSchemas() throws IOException {
    assertThat(CompatibilityGate.check(CURRENT, BASELINE)).isEmpty();
  }

  @Test
  void shouldFailWhenAFieldChangesType(@TempDir Path dir) throws IOException {
    copyOfCurrent(dir);
    Path file = dir.resolve("WritebackOutcome.avsc");
    Files.writeString(file, Files.readString(file).replace("\"name\": \"attempts\", \"type\": \"int\"",
        "\"name\": \"attempts\", \"type\": \"string\""));
    List<String> problems = CompatibilityGate.check(dir, BASELINE);
    assertThat(problems).singleElement().asString().startsWith("org.phigate.schema.WritebackOutcome")
        .contains("TYPE_MISMATCH").contains("/fields/8");
  }

  @Test
  void shouldFailWhenAFieldWithoutDefaultIsAdded(@TempDir Path dir) throws IOException {
    copyOfCurrent(dir);
    Path file = dir.resolve("ReviewDecision.avsc");
    Files.writeString(file, Files.readString(file).replace("{\"name\": \"reviewId\", \"type\": \"string\"},",
        "{\"name\": \"reviewId\", \"type\": \"string\"}, {\"name\": \"ward\", \"type\": \"string\"},"));
    // ApprovedResult embeds ReviewDecision, so both types are reported
    assertThat(CompatibilityGate.check(dir, BASELINE)).hasSize(2)
        .allSatisfy(p -> assertThat(p).contains("READER_FIELD_MISSING_DEFAULT").contains("ward"))
        .anySatisfy(p -> assertThat(p).startsWith("org.phigate.schema.ReviewDecision"));
  }

  @Test
  void shouldAcceptAFieldAddedWithADefault(@TempDir Path dir) throws IOException {
    copyOfCurrent(dir);
    Path file = dir.resolve("ReviewDecision.avsc");
    Files.writeString(file, Files.readString(file).replace("{\"name\": \"reviewId\", \"type\": \"string\"},",
        "{\"name\": \"reviewId\", \"type\": \"string\"}, {\"name\": \"ward\", \"type\": \"string\", \"default\": \"\"},"));
    assertThat(CompatibilityGate.check(dir, BASELINE)).isEmpty();
  }

  @Test
  void shouldFailWhenATypeIsRemoved(@TempDir Path dir) throws IOException {
    copyOfCurrent(dir);
    Files.delete(dir.resolve("ApprovedResult.avsc"));
    assertThat(CompatibilityGate.check(dir, BASELINE)).singleElement().asString()
        .contains("ApprovedResult: removed");
  }
}
