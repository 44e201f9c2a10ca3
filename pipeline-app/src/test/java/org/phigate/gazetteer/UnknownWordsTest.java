package org.phigate.gazetteer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class UnknownWordsTest {
  private static final UnknownWords UNKNOWN = new UnknownWords(Gazetteer.shipped());

  private static List<String> spots(String text) {
    return UNKNOWN.spots(Words.of(text)).stream().filter(s -> s.score() >= Spotter.THRESHOLD)
        .map(s -> s.type() + ":" + text.substring(s.start(), s.end())).toList();
  }

  @Test
  void shouldTakeUnlistedTownsAndNamesWhereProperNounsStand() {
    assertThat(spots("Came back last spring from Quolberrow and lives with her aunt."))
        .containsExactly("PLACE:Quolberrow");
    assertThat(spots("we are at my cousins place in drevanthorpe for now")).containsExactly("PLACE:drevanthorpe");
    assertThat(spots("Plan discussed with her nephew Yarnoszek today.")).containsExactly("PERSON:Yarnoszek");
    assertThat(spots("signed: pellinor gravasquith, md")).containsExactly("PERSON:pellinor gravasquith");
    assertThat(spots("She walks her dog near Quarnwick Ave most days.")).containsExactly("STREET:Quarnwick Ave");
  }

  @Test
  void shouldTakeFacilityNamesAndListedWordsAfterACue() {
    assertThat(spots("Transferred from Brellinmoor Community Clinic yesterday."))
        .containsExactly("PLACE:Brellinmoor Community Clinic");
    assertThat(spots("asked if my daughter willow can come too")).containsExactly("PERSON:willow");
    assertThat(spots("my partner van drove me and will stay")).isEmpty();
  }

  @Test
  void shouldNotTakeDrugsSpeciesCompaniesOrLatin() {
    assertThat(spots("Switched to Quelvaxor last week; Pt reports Quelvaxor causes nausea.")).isEmpty();
    assertThat(spots("Culture grew Brevundimonas vesicularis. Rep from Dravonix replaced the pump.")).isEmpty();
    assertThat(spots("meds: tramelozine hexanoate 25 mg daily")).isEmpty();
    assertThat(spots("Lesion seen in situ; findings in vivo; de facto plan.")).isEmpty();
    assertThat(spots("Treaty on European Union; aTM center")).isEmpty();
  }
}
