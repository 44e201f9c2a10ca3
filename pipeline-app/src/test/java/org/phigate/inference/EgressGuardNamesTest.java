package org.phigate.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EgressGuardNamesTest {
  private static final EgressGuard GUARD = new EgressGuard(List.of("Mercy General"));

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', textBlock = """
      NAME_GAZETTEER  | [NAME-4f2a9c01] says Margaret Okonkwo will drive her home
      NAME_GAZETTEER  | her daughter Hazel picked up the refill
      PLACE_GAZETTEER | she moved to Boise last spring and needs a new pharmacy
      PLACE_GAZETTEER | she lives in Reading now
      PLACE_GAZETTEER | refill can go to the one on Larkin Way
      DENY_LIST       | transfer from mercy general tomorrow
      """)
  void shouldBlockNamesAndPlacesTheDetectorLeftInThePrompt(String rule, String prompt) {
    EgressBlockedException e = catchThrowableOfType(EgressBlockedException.class, () -> GUARD.check(prompt));
    assertThat(e).as(prompt).isNotNull();
    assertThat(e.rule()).isEqualTo(rule);
    assertThat(e.getMessage()).doesNotContain("Okonkwo", "Hazel", "Boise", "Reading", "Larkin", "mercy");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "[NAME-4f2a9c01] asks whether [NAME-0b1c2d3e] can pick up the Lasix refill at [GEO-9a8b7c6d].",
      "Will continue metoprolol. Hope to wean oxygen to room air. Mark the left groin site.",
      "Reading is hard since the stroke; Summer plans on hold. May restart aspirin in [DATE].",
      "Hashimoto thyroiditis, Candida auris in sputum, Guillain-Barre syndrome, Graves disease.",
      "Seen by [NAME-1a2b3c4d], MD. Ballard score consistent with 39 weeks.",
      "i feel dizzy when i stand up, can i take my lasix later today?",
      "workflow: note-summary\nphi-category-counts: DATE=3, GEO=1, NAME=2\n### text\nASA 81 mg daily.",
      "My mother come from India to visit. I flew back from Singapore; vaccines for travel to Kenya?"})
  void shouldPassPlaceholdersAndClinicalWords(String prompt) {
    assertThat(GUARD.allows(prompt)).as(prompt).isTrue();
  }
}
