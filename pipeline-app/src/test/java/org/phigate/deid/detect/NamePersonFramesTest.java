package org.phigate.deid.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.phigate.deid.detect.DetectorTestSupport.names;

import org.junit.jupiter.api.Test;

/** Single unknown capitalized words in person-only frames, and the drug brands and clinical words that must stay. */
class NamePersonFramesTest {
  @Test
  void shouldTakeAnUnknownWordBeforeAPersonVerbOrBeforeFamily() {
    assertThat(names("Overnight Usamov began walking with a cane.")).containsExactly("Usamov");
    assertThat(names("Discussed the plan. Trzaskalik was born in 1950 and told us about the falls."))
        .containsExactly("Trzaskalik");
    assertThat(names("Visited by the Zhelyabov family this afternoon.")).containsExactly("Zhelyabov");
    assertThat(names("Afterwards Oyelaranu has been anxious about the MRI.")).containsExactly("Oyelaranu");
  }

  @Test
  void shouldTakeAnEnglishWordNameOnlyBeforeAStrongPersonVerb() {
    assertThat(names("Overnight Walker said she would call back.")).containsExactly("Walker");
    assertThat(names("Walker began writing letters to the clinic.")).containsExactly("Walker");
    assertThat(names("Will continue metoprolol. Hope to wean oxygen. May restart aspirin. Walker at bedside."))
        .isEmpty();
    assertThat(names("Grace period ends Friday; Brown adipose tissue noted; Mark the left groin site.")).isEmpty();
  }

  @Test
  void shouldNotTakeDrugBrandsOrDrugVerbs() {
    assertThat(names("Zolvexa was titrated to 20 mg. Xarelto was started on admission.")).isEmpty();
    assertThat(names("Eliquis is held for the procedure; Coreg was increased; Zolvexa has been started.")).isEmpty();
    assertThat(names("Zolvexa has been effective and Brintellix is very helpful.")).isEmpty();
    assertThat(names("Entresto began working within a week; Jardiance has been well tolerated.")).isEmpty();
    assertThat(names("Olmesartan has been restarted. Parkinson's disease has been stable. BP 120/80, 5/5.")).isEmpty();
  }
}
