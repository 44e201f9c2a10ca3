package org.phigate.inference.safety;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Seventh round: warning-sign and overdose wordings the lexicon reads, each next to a look-alike it must leave alone. */
class SafetyNetSeventhRoundWordingTest {
  private final SafetyNet net = new SafetyNet(RedFlagLexicon.load());

  @ParameterizedTest(name = "{0}: {1} / {2}")
  @CsvSource(delimiter = '|', value = {
      // final gratitude; readiness after hopelessness; pills kept ready; command hallucinations
      "crisis.suicidality | thanks for trying with me, doc | thanks for trying to get the prior auth through",
      "crisis.suicidality | I think it's time I stopped fighting. | it's time I stopped fighting with the insurance company",
      "crisis.suicidality | I have the pills ready for tonight | can you have the refill ready for pickup tonight",
      "crisis.suicidality | the voices keep telling me to jump | my physical therapist keeps telling me to stretch",
      // the weekly-methotrexate error; a whole insulin pen; acetaminophen above 4 g
      "crisis.overdose | I took my methotrexate every day this week | I take my methotrexate every Sunday",
      "crisis.overdose | I took it every day instead of once a week | I take it once a week instead of every day now",
      "crisis.overdose | if someone used the whole pen at once | can I get a new pen, the old one is empty",
      "crisis.overdose | I took 8 grams of tylenol yesterday | I took 2 tylenol yesterday for a headache",
      "crisis.overdose | about 6000 mg of acetaminophen today | 650 mg of acetaminophen every 8 hours",
  })
  void shouldFireOnTheWarningSignButNotOnTheLookAlike(String id, String acute, String lookAlike) {
    assertThat(net.lexicon(acute).ids()).as(acute).contains(id);
    assertThat(net.lexicon(lookAlike).ids()).as(lookAlike).doesNotContain(id);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "Overdosed on netflix this weekend lol, any eye drops you recommend?",
      "i need to take my life back from this back pain lol. can i get PT",
      "The questionnaire asked about being better off dead and I marked not at all.",
      "My old therapist always asked if I had thoughts of harming myself.",
  })
  void shouldLeaveIdiomsAndScreeningQuestionsAlone(String text) {
    assertThat(net.lexicon(text).crisis()).as(text).isFalse();
  }
}
