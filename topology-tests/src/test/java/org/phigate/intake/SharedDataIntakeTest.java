package org.phigate.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file under the shared {@code data/hl7v2} and {@code data/fhir} folders (not only the shipped copies) is
 * normalized or dead-lettered with a precise reason, as declared here per file.
 */
class SharedDataIntakeTest {
  private static final EdgeFixture FIXTURE = new EdgeFixture(true, 64 * 1024 * 1024);

  /** Outcomes of the files that are not shipped under samples/ (the shipped ones are in IntakeSamplesTest). */
  private static final Map<String, String> EXTRA = Map.of(
      "fhir/r4-spec-examples/package.json", "REJECT FHIR_NOT_A_RESOURCE @resourceType", // npm manifest
      "fhir/synthea-r4/LICENSE.Apache-2.0.txt", "REJECT UNKNOWN_CONTENT_TYPE @",
      "hl7v2/microsoft-fhir-converter/LICENSE.MIT.txt", "REJECT UNKNOWN_CONTENT_TYPE @",
      "fhir/synthea-with-notes/LICENSE", "REJECT UNKNOWN_CONTENT_TYPE @",
      "fhir/synthea-with-notes/configuration-sample-R4.json", "REJECT FHIR_NOT_A_RESOURCE @resourceType",
      // Synthea's organization and practitioner bundles: parsed (names, addresses kept), no workflow of ours
      "fhir/synthea-with-notes/fhir-r4-files/hospitalInformation1583281853074.json", "Bundle/transaction | unrouted",
      "fhir/synthea-with-notes/fhir-r4-files/practitionerInformation1583281853074.json",
      "Bundle/transaction | unrouted");

  static Stream<String> files() throws IOException {
    Path root = SharedData.root().orElse(null);
    if (root == null) {
      return Stream.of("<no shared/data folder: set -Dphigate.shared.data>");
    }
    List<String> out = new ArrayList<>();
    for (String dir : List.of("hl7v2", "fhir")) {
      try (Stream<Path> walk = Files.walk(root.resolve(dir))) {
        walk.filter(Files::isRegularFile).sorted().forEach(p -> out.add(root.relativize(p).toString()));
      }
    }
    return out.stream();
  }

  static String expected(String relative) {
    String name = Path.of(relative).getFileName().toString();
    if (EXTRA.containsKey(relative)) {
      return EXTRA.get(relative);
    }
    if (relative.startsWith("fhir/synthea-r4/")) {
      return "Bundle/transaction | result-follow-up"; // patient records whose most specific entries are results
    }
    if (relative.startsWith("fhir/synthea-with-notes/fhir-r4-files/")) {
      return "Bundle/transaction | note-summary"; // the clinical-note DocumentReferences route them
    }
    String shipped = IntakeSamplesTest.EXPECTED.get(name);
    if (shipped != null && shipped.startsWith("REJECT ")) {
      return shipped + " @" + (name.startsWith("Binary") ? "Binary.contentType" : "");
    }
    return shipped;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void shouldNormalizeOrDeadLetterEverySharedFileAsDeclared(String relative) throws IOException {
    Assumptions.assumeTrue(SharedData.root().isPresent(), "shared/data not found beside the repository");
    String expected = expected(relative);
    assertThat(expected).as("declared outcome for %s", relative).isNotNull();
    byte[] payload = Files.readAllBytes(SharedData.root().get().resolve(relative));

    IntakeOutcome outcome = FIXTURE.stage.process(relative, payload, null, Instant.now());

    if (expected.startsWith("REJECT ")) {
      assertThat(outcome.rejected()).as(relative).isTrue();
      assertThat("REJECT " + outcome.failure().getReasonCode() + " @" + outcome.failure().getLocation())
          .isEqualTo(expected);
      assertThat(outcome.failure().getReasonMessage()).isNotBlank();
      return;
    }
    assertThat(outcome.accepted()).as(relative).isTrue();
    assertThat(outcome.event().getMessageType() + " | " + outcome.event().getWorkflow()).isEqualTo(expected);
    assertThat(outcome.event().getFieldCount() + outcome.event().getTextPartCount()).isPositive();
  }

  @Test
  void shouldFindTheSharedDataAndCoverTheShippedCopies() throws IOException {
    Assumptions.assumeTrue(SharedData.root().isPresent(), "shared/data not found beside the repository");
    List<String> names = files().map(f -> Path.of(f).getFileName().toString()).toList();
    assertThat(names).containsAll(IntakeSamplesTest.EXPECTED.keySet());
    assertThat(files().count()).isGreaterThanOrEqualTo(100);
  }
}
