package org.phigate.intake.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.phigate.intake.SharedData;

/**
 * Every data type and path Microsoft's sample anonymizer config (configuration-sample-R4.json) redacts, shifts or
 * hashes is covered by a PHIGate rule, or is listed in {@link IntentionalDifferences} with the reason.
 */
class MicrosoftConfigCrossCheckTest {
  private static final Set<String> KEEP = Set.of("keep");
  /** The parts of a data type PHIGate's type rules extract (FhirRender); absent = the whole element. */
  private static final Map<String, Set<String>> RENDERED_PARTS = Map.of(
      "ContactPoint", Set.of("value"), "Identifier", Set.of("value"), "Reference", Set.of("display", "identifier"),
      "Attachment", Set.of("title", "url", "data"), "Annotation", Set.of("text", "author"),
      "Narrative", Set.of("div"));

  @Test
  void shouldCoverEveryPathMicrosoftDeIdentifiesOrSayWhyNot() throws IOException {
    Assumptions.assumeTrue(SharedData.root().isPresent(), "shared/data not found (PHIGATE_SHARED_DATA)");
    Path config = SharedData.root().get().resolve("fhir/synthea-with-notes/configuration-sample-R4.json");
    JsonNode rules = new ObjectMapper().readTree(config.toFile()).path("fhirPathRules");
    assertThat(rules.size()).isGreaterThan(100);
    List<FhirRule> ours = StructuredRules.shipped().fhirRules();
    Map<String, String> intentional = IntentionalDifferences.byPath();

    List<String> uncovered = new ArrayList<>();
    List<String> stale = new ArrayList<>();
    Map<String, String> covering = new LinkedHashMap<>();
    for (JsonNode rule : rules) {
      String path = rule.path("path").asText();
      if (KEEP.contains(rule.path("method").asText().toLowerCase(java.util.Locale.ROOT))) {
        continue;
      }
      FhirRule by = coveredBy(path, ours);
      if (by != null) {
        covering.put(path, by.path());
        if (intentional.containsKey(path)) {
          stale.add(path);
        }
      } else if (!intentional.containsKey(path)) {
        uncovered.add(path);
      }
    }
    assertThat(uncovered).as("de-identified by Microsoft's config, neither covered nor explained").isEmpty();
    assertThat(stale).as("listed as different but covered by a rule").isEmpty();
    assertThat(covering).as("covered").containsKeys("nodesByType('HumanName')", "nodesByType('Address')",
        "nodesByType('ContactPoint')", "nodesByType('Identifier').value", "nodesByType('Narrative')",
        "nodesByType('Annotation')", "nodesByType('Attachment').url", "nodesByType('Reference').display");
  }

  /**
   * The PHIGate rule (not keep, not a party rule) that extracts what a Microsoft path selects: the same type rule
   * (a part of a type, nodesByType('Attachment').url, is covered by the whole type), the same path, a rule on an
   * ancestor element, or a rule on one concrete choice of a choice element (Observation.valueString for
   * Observation.value: PHIGate extracts the text choice; the others are not text).
   */
  static FhirRule coveredBy(String msPath, List<FhirRule> ours) {
    String p = msPath.strip();
    for (FhirRule r : ours) {
      if (r.kept() || r.partyOnly()) {
        continue;
      }
      if (r.nodeType() != null) {
        String whole = "nodesByType('" + r.nodeType() + "')";
        if (p.equals(whole) || p.startsWith(whole + ".") && RENDERED_PARTS.getOrDefault(r.nodeType(),
            Set.of(p.substring(whole.length() + 1))).contains(p.substring(whole.length() + 1))) {
          return r;
        }
      } else if (p.equals(r.path()) || p.startsWith(r.path() + ".")
          || r.path().startsWith(p) && r.path().length() > p.length()
          && Character.isUpperCase(r.path().charAt(p.length())) && r.path().indexOf('.', p.length()) < 0) {
        return r;
      }
    }
    return null;
  }
}
