package org.phigate.inference.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.phigate.inference.safety.RedFlagLexicon;
import org.phigate.inference.safety.SafetyNet;

/**
 * The embedding crisis detector on phrasings written for this test (in no statement file, training or development
 * set): indirect ones must fire, idioms, grief without risk and past history must not.
 */
class CrisisDetectorTest {
  private static final CrisisDetector DETECTOR = new CrisisDetector();
  private static final SafetyNet LEXICON_ONLY = new SafetyNet(RedFlagLexicon.load());

  @ParameterizedTest
  @ValueSource(strings = {
      "I've been saving up my pills",
      "i dont want to be here anymore",
      "everyone would be better off without me",
      "I've been hiding some of my pain pills in a sock drawer so I have enough when I'm ready.",
      "Honestly it would be a relief for them if I slipped away quietly.",
      "I keep wishing I could fall asleep and just not wake up.",
      "my son swallowed a handful of grandpa's blood pressure pills",
  })
  void shouldFireOnIndirectCrisisPhrasings(String text) {
    assertThat(DETECTOR.detect(List.of(text)).get(0)).isNotEmpty().allMatch(id -> id.startsWith("crisis."));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "This copay is killing me, can I pay it in installments?",
      "I'm dying to find out whether my biopsy came back.",
      "My grandfather passed away last week and I miss him, but I'm coping and sleeping fine.",
      "Can I get a 90 day supply of my inhaler before my trip overseas?",
      "Please send my metformin refill to the pharmacy on Main, I have a week of pills left.",
  })
  void shouldNotFireOnIdiomsGriefOrRoutineRequests(String text) {
    assertThat(DETECTOR.detect(List.of(text)).get(0)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "I overdosed on pills when I was 19; I've been well for twenty years and just need a flu shot.",
      "I'm not suicidal, I would just like a referral for counseling.",
  })
  void shouldNotRaiseACrisisForPastHistoryOrNegationInTheShippedNet(String text) {
    assertThat(SafetyNet.shipped().check(text).crisis()).isFalse();
  }

  @Test
  void shouldFindWhatTheLexiconMissesAndSayItWasByMeaning() {
    String text = "Honestly it would be a relief for them if I slipped away quietly.";

    SafetyNet.Verdict verdict = SafetyNet.shipped().check(text);

    assertThat(LEXICON_ONLY.check(text).crisis()).isFalse();
    assertThat(verdict.crisis()).isTrue();
    assertThat(verdict.byMeaning()).contains("crisis.suicidality");
  }

  @Test
  void shouldScoreTheWholeMessageEverySentenceAndWindowSoABuriedStatementCounts() {
    String text = "Can you move my visit? I have a conflict. Also I gave my dog away.";

    assertThat(CrisisDetector.unitVectors(MiniLmEmbedder.shared(), List.of(text), 1).get(0)).hasSize(4);
    assertThat(CrisisDetector.unitVectors(MiniLmEmbedder.shared(), List.of(text), 2).get(0)).hasSize(6);
    assertThat(DETECTOR.scores(List.of(text), 0.0).get(0)).hasSize(4);
    assertThat(DETECTOR.detect(List.of("", "12345")).stream().allMatch(Set::isEmpty)).isTrue();
  }

  @Test
  void shouldPoolEachSentenceFromTheWholeMessagesRunInsteadOfRunningItAgain() {
    String text = "Please refill my lisinopril. I have run out of reasons to keep going.";

    MiniLmEmbedder.Pooled pooled = MiniLmEmbedder.shared().pooled(List.of(text)).get(0);

    assertThat(pooled.sentences()).hasSize(2);
    assertThat(cosine(pooled.sentences().get(0), pooled.sentences().get(1))).isLessThan(0.95);
    assertThat(cosine(pooled.whole(), MiniLmEmbedder.shared().embed(List.of(text))[0])).isEqualTo(1.0, within(1e-6));
    float[] alone = MiniLmEmbedder.shared().embed(List.of("I have run out of reasons to keep going."))[0];
    assertThat(cosine(pooled.sentences().get(1), alone)).isGreaterThan(cosine(pooled.sentences().get(0), alone));
  }

  private static double cosine(float[] a, float[] b) {
    double d = 0;
    for (int i = 0; i < a.length; i++) {
      d += a[i] * b[i];
    }
    return d;
  }

  @Test
  void shouldBeFoundByTheShippedSafetyNet() {
    assertThat(SafetyNet.shipped().detectors()).hasSize(1).first().isInstanceOf(CrisisDetector.class);
    assertThat(SafetyNet.shipped().version()).isNotEqualTo(LEXICON_ONLY.version());
  }
}
