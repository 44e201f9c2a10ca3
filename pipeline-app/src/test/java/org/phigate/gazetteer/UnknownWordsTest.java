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

  @Test
  void shouldTakeStreetsOfCommonWordsAfterAStreetCue() {
    assertThat(spots("She walks daily near Quarnfield Trail and denies chest pain."))
        .containsExactly("STREET:Quarnfield Trail");
    assertThat(spots("syncope at church on mattock dr. wife at bedside")).containsExactly("STREET:mattock dr");
    assertThat(spots("previously lived near willowgrave hollow court in town")).containsExactly("STREET:willowgrave hollow court");
    assertThat(spots("She walks daily near Osgood Circle.")).containsExactly("STREET:Osgood Circle");
    assertThat(spots("discharged to home at 7436 ingleby court, in town")).containsExactly("STREET:7436 ingleby court");
    assertThat(spots("She works on Wall Street now.")).isEmpty();
    assertThat(spots("September 23, 2019\nDear Dr. Wijnne,")).doesNotContain("STREET:2019\nDear Dr");
    assertThat(spots("back on the road again, on bus route 5, on track")).isEmpty();
  }

  @Test
  void shouldJoinParticlesAndTakeGivenNamesBeforePersonVerbs() {
    assertThat(spots("Prescriber: Gwyndaf ap Rhydderch, NP.")).containsExactly("PERSON:Gwyndaf ap Rhydderch");
    assertThat(spots("Plan reviewed with Dr. Í Líðini.")).containsExactly("PERSON:Í Líðini");
    assertThat(spots("referral: ilnur te rangihaeata to cardiology")).containsExactly("PERSON:ilnur te rangihaeata");
    assertThat(spots("Nursing note. Ranger Kilbracken slept well. Bliss asked about discharge."))
        .containsExactly("PERSON:Ranger Kilbracken", "PERSON:Bliss");
    assertThat(spots("The patient asked about discharge. The Princess Royal arrived today.")).isEmpty();
  }

  @Test
  void shouldTakeTheLastItemOfALineAfterAnInitialAsATown() {
    assertThat(spots("2. Dorlin Tewhare (son), Swallowhithe\nPCP: Kerloc'h, K., Anchorage"))
        .containsExactly("PLACE:Swallowhithe", "PLACE:Anchorage");
    assertThat(spots("Patient: Tewhare, Swallowhithe\nnext line")).doesNotContain("PLACE:Swallowhithe");
  }
}
