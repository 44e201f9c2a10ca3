package org.phigate.inference.safety;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How far a "now", "still", "today" word reaches against a history trigger: its own sentence, its own part of it. */
class ContextScopeTest {
  private final SafetyNet net = new SafetyNet(RedFlagLexicon.load());

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', value = {
      // in the same part of the sentence, before the match, or opening a later part: current
      "cardiac.chest-pain | I had chest pain last week and now it's back.",
      "cardiac.chest-pain | I had chest pain last week and it's back today.",
      "cardiac.chest-pain | Today I have chest pain again like I had in 2019.",
      "crisis.self-harm | I used to cut and I started again this week",
      "bleeding.severe | My mom has had black tarry stools for 2 days and fainted in the kitchen this morning.",
  })
  void shouldKeepAMatchCurrentWhenTheRecentWordSpeaksOfIt(String id, String text) {
    assertThat(net.lexicon(text).ids()).as(text).contains(id);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', value = {
      // a later part about something else, or another sentence: the history trigger holds
      "crisis.self-harm | I used to self-harm in college and the scars on my arms are still there.",
      "crisis.overdose | I overdosed in 2015. I'm doing well now and need a refill.",
      "crisis.self-harm | I used to cut myself years ago. Still doing great today!",
  })
  void shouldNotLetARecentWordReachAnotherSentenceOrAnotherSubject(String id, String text) {
    assertThat(net.lexicon(text).ids()).as(text).doesNotContain(id);
    assertThat(net.lexicon(text).suppressed()).extracting(f -> f.flag().id()).as(text).contains(id);
  }
}
