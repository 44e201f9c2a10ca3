package org.phigate.deid.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.phigate.deid.detect.DetectorTestSupport.names;

import org.junit.jupiter.api.Test;

/** Lower-case self-introductions, sign-offs, coordinated and relative names, and the words that must stay. */
class LowerNameCuesTest {
  @Test
  void shouldTakeAnUnknownWordAfterASelfIntroductionThatEndsTheClause() {
    assertThat(names("hi, this is ybrenna. my knee hurts since monday and i need a refill of my inhaler."))
        .containsExactly("ybrenna");
    assertThat(names("hi dr. okafor, this is tasmira kelvraith. my ankle is swollen again since the fall."))
        .contains("tasmira kelvraith");
    assertThat(names("hello, this is kelvraith, tasmira. can i take tylenol with my other pills today?"))
        .contains("kelvraith, tasmira");
    assertThat(names("good morning. i'm quorvane and i had my labs drawn at the clinic yesterday."))
        .containsExactly("quorvane");
  }

  @Test
  void shouldNotTakeEnglishOrClinicalWordsAfterThisIs() {
    assertThat(names("this is urgent. my knee hurts a lot since monday and the swelling is worse.")).isEmpty();
    assertThat(names("the nurse said this is normal. bp 120/80, pulse 72, pain 4/10 this morning.")).isEmpty();
    assertThat(names("i'm dizzy and nauseous. is this metformin or lasix? it's lisinopril i think.")).isEmpty();
    assertThat(names("i am diabetic, this is ok? my sugar was 180 after lunch, a1c 7.2 last time.")).isEmpty();
  }

  @Test
  void shouldTakeASignOffAfterAClosingWordADashOrAloneOnTheLastLine() {
    assertThat(names("my cough is better but i still wheeze at night. can you refill my inhaler? thanks, tony"))
        .containsExactly("tony");
    assertThat(names("the swelling in my ankle went down after the ice. see you on friday.\n- jarred"))
        .containsExactly("jarred");
    assertThat(names("Please call the office with any questions about the new dose.\nNyvelle"))
        .containsExactly("Nyvelle");
    assertThat(names("The refill was sent to the pharmacy on Main Street this morning.\nChase"))
        .containsExactly("Chase");
    assertThat(names("i picked up the new prescription today and started it tonight. regards,\nmaria kelvraith"))
        .containsExactly("maria kelvraith");
    assertThat(names("the new inhaler works much better and i sleep through the night. thanks so much, frank"))
        .containsExactly("frank");
    assertThat(names("the new inhaler works much better and i sleep through the night. thanks so much, all"))
        .isEmpty();
  }

  @Test
  void shouldNotTakeClosingsTeamsDosesOrInstructionsAsSignOffs() {
    assertThat(names("the rash is gone and i feel much better since the new cream. thanks, doc")).isEmpty();
    assertThat(names("pain is 3/10 today and i walked twice around the block.\n- pt")).isEmpty();
    assertThat(names("my blood pressure was 128/82 this morning after my walk. thanks!\nsent from my iphone"))
        .isEmpty();
    assertThat(names("Your results are normal and no change is needed. Regards,\nthe clinic team")).isEmpty();
    assertThat(names("Discharge medications reviewed with the patient.\nLasix 40 mg")).isEmpty();
    assertThat(names("Patient tolerated the procedure well. Strength 5/5.\nFollow up in 2 weeks.")).isEmpty();
    assertThat(names("Parkinson's disease is stable on current therapy.\nStable")).isEmpty();
    assertThat(names("Chest film reviewed with radiology today.\nWNL")).isEmpty();
  }

  @Test
  void shouldTakeANameCoordinatedWithATitleCuedName() {
    assertThat(names("my fever is back since last night. please have hamira velgrot or dr. okafor call me back."))
        .contains("hamira velgrot", "okafor");
    assertThat(names("my fever is back since last night. please have kes ostervald and dr. okafor call me back."))
        .contains("kes ostervald");
  }

  @Test
  void shouldNotTakeServicesOrATitleCuedNameAloneAsCoordinatedNames() {
    assertThat(names("my fever is back since last night. please have dr. okafor call me back today."))
        .containsExactly("okafor");
    assertThat(names("my fever is back since last night. please have the pharmacy or dr. okafor call me back."))
        .containsExactly("okafor");
    assertThat(names("my fever is back since last night. can the lasix or dr. okafor's nurse call me back?"))
        .containsExactly("okafor");
  }

  @Test
  void shouldTakeAnUnknownWordBetweenARelationAndAVerb() {
    assertThat(names("hello, my niece yno has had a fever since monday, temp 101.2 and a sore throat."))
        .containsExactly("yno");
    assertThat(names("hello, my niece also has had a fever since monday, temp 101.2 and a sore throat."))
        .isEmpty();
    assertThat(names("hello, my son ed has a cough and my daughter now has a rash on her arms and legs."))
        .isEmpty();
  }

  @Test
  void shouldTakeAParticleSurnameAfterARelationBeforeAVerb() {
    assertThat(names("hi doctor, my partner ybrenna van der berg drove me home after the visit on monday."))
        .contains("ybrenna van der berg");
    assertThat(names("hi doctor, my partner van drove me home after the visit on monday and stayed over."))
        .isEmpty();
  }

  @Test
  void shouldTakeAMiddleInitialBetweenTwoNameWords() {
    assertThat(names("leidy t kelvraith\nlabor relations director\nplease send the forms by monday"))
        .containsExactly("leidy t kelvraith");
    assertThat(names("Hepatitis B surface antigen negative. Vitamin D deficiency. Factor V Leiden negative."))
        .isEmpty();
    assertThat(names("on lasix 40 a day and zolvexa b complex, i think it helps with the swelling in my legs."))
        .isEmpty();
    assertThat(names("Transferred from the clinic in Turkovice u Prelouce for rehabilitation after the fall."))
        .doesNotContain("Turkovice u Prelouce");
  }

  @Test
  void shouldTakeTheObjectOfACausativeOrPerceptionVerbBeforeAPersonVerb() {
    assertThat(names("have you heard ybrenna kelvraith speak about the new diabetes program yet?"))
        .containsExactly("ybrenna kelvraith");
    assertThat(names("my cough is worse tonight. please ask tasmira kelvraith to call me back tomorrow."))
        .containsExactly("tasmira kelvraith");
  }

  @Test
  void shouldNotTakeServicesPronounsOrDrugsAsObjects() {
    assertThat(names("my cough is worse tonight. please have the pharmacy call me back tomorrow.")).isEmpty();
    assertThat(names("my cough is worse tonight. please have him call me back, or have someone call me."))
        .isEmpty();
    assertThat(names("my cough is worse tonight. can you have optum call me about the refill? let lasix work."))
        .isEmpty();
  }
}
