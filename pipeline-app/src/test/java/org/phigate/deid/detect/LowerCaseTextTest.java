package org.phigate.deid.detect;

import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.phigate.deid.detect.DetectorTestSupport.names;

import org.phigate.gazetteer.Lexicon;

/** Names in text parts typed in lower case, and the clinical words, drugs and abbreviations that must stay. */
class LowerCaseTextTest {
  @Test
  void shouldLeaveCapitalizedTextAlone() {
    String text = "Pt ambulated with assist. Walid Kimpe, RN";
    assertThat(LowerCaseText.forNames(text, Lexicon.get())).isSameAs(text);
    assertThat(LowerCaseText.lowerCase(text)).isFalse();
    assertThat(LowerCaseText.lowerCase("pt resting in bed, will continue to monitor")).isTrue();
  }

  @Test
  void shouldTitleCaseNameShapedWordsWithoutMovingOffsets() {
    String text = "will continue to monitor. walid kimpe, rn";
    String shadow = LowerCaseText.forNames(text, Lexicon.get());
    assertThat(shadow).hasSameSizeAs(text).isEqualTo("will continue to monitor. Walid Kimpe, RN");
    assertThat(LowerCaseText.forNames("my name is ronen d fouw and i had a fever", Lexicon.get()))
        .isEqualTo("my name is Ronen D Fouw and I had a fever");
  }

  @Test
  void shouldFindNamesAfterLowerCaseCuesAsInCapitalizedText() {
    assertThat(names("spoke with mihály blotenburg. call back number confirmed."))
        .containsExactly("mihály blotenburg");
    assertThat(names("pt resting in bed. will continue to monitor. zwaantje meerwijk, rn"))
        .containsExactly("zwaantje meerwijk");
    assertThat(names("hi, my name is ronen d fouw and i had hodgkin lymphoma last year"))
        .containsExactly("ronen d fouw");
    assertThat(names("hi, my name is pearly e bozsik and i had tourette syndrome as a kid.")).containsExactly("pearly e bozsik");
    assertThat(names("telephone encounter today. mrs. street called about her husband. street will bring the bottles"))
        .containsExactly("street", "street");
    assertThat(names("thank you for seeing adelina walker, dob 1-14-1990, a 78-year-old with copd"))
        .containsExactly("adelina walker");
    assertThat(names("history of present illness: sunny31 is a 1 year-old non-hispanic white female"))
        .containsExactly("sunny31");
  }

  @Test
  void shouldNotTakeDrugsVerbsScoresOrAbbreviationsInLowerCaseText() {
    assertThat(names("meds given: norvasc 5 mg. pt ambulated with assist x1. will continue to monitor.")).isEmpty();
    assertThat(names("medications: olmesartan medoxomil 20 mg oral tablet; camila 28 day pack; zolvexa 5 mg daily"))
        .isEmpty();
    assertThat(names("dextromethorphan hydrobromide 1 mg/ml oral solution; antepartum eclampsia in 2019")).isEmpty();
    assertThat(names("glasgow coma scale 15, mallampati ii, asa class 3. bp 120/80, strength 5/5 at 0800"))
        .isEmpty();
    assertThat(names("hx of parkinson's disease and graves' disease; wilson disease was excluded")).isEmpty();
    assertThat(names("can i take lasix 40 mg daily with zolvexa? my son thiemen says zolvexa was titrated"))
        .containsExactly("thiemen");
    assertThat(names("my husband says olmesartan is working and eliquis was started last week")).isEmpty();
    assertThat(names("please call me at home. see you soon, donie! thanks again")).containsExactly("donie");
    assertThat(names("re: the results, dob january 1994, were reviewed and titrating lasix was advised"))
        .isEmpty();
  }
}
