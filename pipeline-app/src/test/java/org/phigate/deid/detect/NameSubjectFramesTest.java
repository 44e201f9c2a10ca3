package org.phigate.deid.detect;

import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.phigate.deid.detect.DetectorTestSupport.names;

import org.phigate.gazetteer.Lexicon;

/** Single capitalized words as subjects of person-only verbs and adjectives, and the things that must stay. */
class NameSubjectFramesTest {
  @Test
  void shouldTakeTheSubjectOfAPersonOnlyVerbEvenWhenTheModelScoresItLow() {
    assertThat(names("Lives alone; Dupont checks on her daily and Csete does the shopping."))
        .containsExactly("Dupont", "Csete");
    assertThat(names("Pt asked whether Peperstraten could stay overnight.")).containsExactly("Peperstraten");
    assertThat(names("Overnight Zoutenbier has been sleeping better.")).containsExactly("Zoutenbier");
    assertThat(names("On weekends Wincoop stays with her.")).containsExactly("Wincoop");
  }

  @Test
  void shouldTakeTheSubjectOfAnInvertedQuestion() {
    assertThat(names("Why is Lorkeers not answering the phone?")).containsExactly("Lorkeers");
    assertThat(names("Why is Glyceria so impulsive?")).containsExactly("Glyceria");
    assertThat(names("Could Ridderhof stay with her tonight?")).containsExactly("Ridderhof");
  }

  @Test
  void shouldTakeBothWordsOfACoordinatedSubject() {
    assertThat(names("History of Parkinson's disease. Voorn and Karmella were present for the family meeting."))
        .containsExactly("Voorn", "Karmella");
    assertThat(names("Zoutenbier and Mol visit daily.")).containsExactly("Zoutenbier", "Mol");
  }

  @Test
  void shouldTakeTheIndirectObjectOfAGivingVerbBeforeAPossessive() {
    assertThat(names("Scott had given Belle his address before discharge.")).containsExactly("Scott", "Belle");
    assertThat(names("The nurse told Peperstraten her results.")).containsExactly("Peperstraten");
    assertThat(names("The nurse gave Zolvexa with food; gave Lasix at noon; given Zolvexa 20 mg, her pain eased."))
        .isEmpty();
  }

  @Test
  void shouldTakeGivenNamesWithOrganismShapedEndings() {
    assertThat(names("Lives alone; Majella checks on her daily.")).containsExactly("Majella");
  }

  @Test
  void shouldNotTakeDrugsPayersOrServicesInTheSameSentenceShapes() {
    assertThat(names("Xarelto was started. Coreg does not help. Lasix helps. Why is Eliquis so expensive?"))
        .isEmpty();
    assertThat(names("Lives alone; Meals on Wheels delivers daily. Pt asked whether Medicare could cover it."))
        .isEmpty();
    assertThat(names("Homecare checks on her daily. Why is Zolvexa not working? Zolvexa does the job.")).isEmpty();
    assertThat(names("Pt reports Zolvexa causes dizziness; the Kyrona rep visits monthly.")).isEmpty();
    assertThat(names("Uber drives her to dialysis; Lyft picks him up. Sertraline stays the same.")).isEmpty();
    assertThat(names("Will visit tomorrow. May stay overnight if needed. Does the patient answer the phone?"))
        .isEmpty();
  }

  @Test
  void shouldNotTakeClinicalWordsEponymsOrValues() {
    assertThat(names("Parkinson's disease and Graves' disease are stable. Klebsiella was present in the culture."))
        .isEmpty();
    assertThat(names("Strength 5/5, BP 120/80, metoprolol 25 mg at 08:00. Tenderness was present at the site."))
        .isEmpty();
    assertThat(names("Why is Salmonella so common? Osteomyelitis does the damage. Aspergillus was present at the "
        + "margin; Pseudomonas was present for 3 days and Enterococcus was present for the past week.")).isEmpty();
  }

  @Test
  void shouldReadEnglishCompoundsAsNoName() {
    Lexicon lx = Lexicon.get();
    assertThat(NameSubjectFrames.englishCompound(lx, "Homecare")).isTrue();
    assertThat(NameSubjectFrames.englishCompound(lx, "Wellquest")).isTrue();
    assertThat(NameSubjectFrames.englishCompound(lx, "Gelsing")).isFalse();
    assertThat(NameSubjectFrames.englishCompound(lx, "Peperstraten")).isFalse();
  }
}
