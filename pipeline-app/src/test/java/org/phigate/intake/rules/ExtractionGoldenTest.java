package org.phigate.intake.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.phigate.intake.SharedData;

/**
 * Rule-driven extraction finds, in every shipped sample and every shared HL7 v2 / FHIR file, at least the (path,
 * category, party) fields and text parts the hard-coded tables found (golden captured from them, values never kept),
 * and more only where a rule was added on purpose ({@link #ADDED}). The golden was written once, from the code before
 * the rule file, with {@code -Dphigate.golden.write=true}; do not rewrite it to make this test pass.
 */
class ExtractionGoldenTest {
  static final Path GOLDEN = Path.of("src/test/resources/intake/extraction-golden.tsv");
  static final Path SAMPLES = Path.of("src/main/resources/samples");

  /** Keys the rule set adds on purpose, beyond the hard-coded tables (see structured-rules.json). */
  static final List<Pattern> ADDED = List.of(
      // PD1-3 (patient primary facility, XON): a new HL7 rule
      Pattern.compile("\tF PD1-3\\|GEO\\|organization$"),
      // nodesByType('Identifier'): every identifier by value, not only the Patient's (Encounter, EOB, Practitioner...)
      Pattern.compile("\tF .*[iI]dentifier\\.value\\|(OTHER_ID|MRN)\\|[a-z]+$"),
      // nodesByType('Reference') and Resource.subject: displays of person/place references in every resource
      Pattern.compile("\tF .*\\.display\\|(NAME|GEO)\\|[a-z]+$"),
      // nodesByType('Address') inside extensions (us-core birthPlace)
      Pattern.compile("\tF .*\\.extension\\.valueAddress\\|GEO\\|patient$"),
      // nodesByType('Attachment') beyond the resources the tables knew (Patient.photo)
      Pattern.compile("\tF .*\\.photo\\.url\\|URL\\|organization$"),
      // the PractitionerRole party rule with nodesByType('ContactPoint')
      Pattern.compile("\tF .*PractitionerRole\\)?\\.telecom\\|PHONE\\|provider$"),
      // CommunicationRequest.payload.contentString and Account.name: text for the detectors, like Communication's
      Pattern.compile("\tT .*(CommunicationRequest\\)?\\.payload\\.contentString|Account\\)?\\.name)$"),
      // nodesByType('Annotation') in every resource, not only Communication and Observation
      Pattern.compile("\tT .*\\.note\\.text$"));

  @Test
  void shouldExtractWhatTheHardCodedTablesExtractedOrMoreWhereRulesWereAdded() throws IOException {
    Assumptions.assumeTrue(SharedData.root().isPresent(), "shared/data not found (PHIGATE_SHARED_DATA)");
    List<String> now = ExtractionGolden.lines(ExtractionGolden.inputs(SAMPLES, SharedData.root().get()));
    if (Boolean.getBoolean("phigate.golden.write")) {
      Files.write(GOLDEN, now, StandardCharsets.UTF_8);
    }
    Map<String, Integer> before = counts(Files.readAllLines(GOLDEN, StandardCharsets.UTF_8));
    Map<String, Integer> after = counts(now);
    List<String> lost = new ArrayList<>();
    List<String> unexplained = new ArrayList<>();
    before.forEach((k, n) -> {
      if (after.getOrDefault(k, 0) < n) {
        lost.add(k + " " + n + " -> " + after.getOrDefault(k, 0));
      }
    });
    after.forEach((k, n) -> {
      if (n > before.getOrDefault(k, 0) && ADDED.stream().noneMatch(p -> p.matcher(k).find())) {
        unexplained.add(k + " " + before.getOrDefault(k, 0) + " -> " + n);
      }
    });
    assertThat(lost).as("fields or text parts no longer extracted").isEmpty();
    assertThat(unexplained).as("extra fields no added rule explains").isEmpty();
    assertThat(before.keySet().stream().map(k -> k.substring(0, k.indexOf('\t'))).distinct().count())
        .as("files covered").isGreaterThanOrEqualTo(150);
  }

  private static Map<String, Integer> counts(List<String> lines) {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (String line : lines) {
      int tab = line.lastIndexOf('\t');
      out.put(line.substring(0, tab), Integer.parseInt(line.substring(tab + 1)));
    }
    return out;
  }
}
