package org.phigate.deid.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.phigate.deid.detect.DetectorTestSupport.names;

import org.junit.jupiter.api.Test;

/** Cue-less unknown names taken by the name-shape model in context, and the things that must stay. */
class NameShapeFramesTest {
  @Test
  void shouldTakeAnUnknownNameMidSentenceWithoutACue() {
    assertThat(names("Lives alone; Usamov checks on her daily.")).containsExactly("Usamov");
    assertThat(names("Pt asked whether Katrine could stay overnight.")).containsExactly("Katrine");
    assertThat(names("Why is Akifumi not answering the phone?")).containsExactly("Akifumi");
  }

  @Test
  void shouldSpreadAFoundNameThroughItsList() {
    assertThat(names("Visitors today: Monjeau, Graves and Reed.")).containsExactly("Monjeau", "Graves", "Reed");
  }

  @Test
  void shouldTakeACoordinatedSubjectBeforeAVerb() {
    assertThat(names("Usamov and Bowers were present for the family meeting.")).containsExactly("Usamov", "Bowers");
    assertThat(names("Dale and White were at the bedside.")).containsExactly("Dale", "White");
  }

  @Test
  void shouldNotTakeDrugsByTheirContext() {
    assertThat(names("Nausea after Zolvexa, so switched to Trelvanor; continue Quenzira as needed.")).isEmpty();
    assertThat(names("Pt reports Davoprex causes dizziness. Taking Lumiqor 10 mg daily and Fexabrin as needed."))
        .isEmpty();
    assertThat(names("Prior authorization for Noravant pending; the Oxelta coupon was mailed.")).isEmpty();
    assertThat(names("Zolvexa and Trelvanor were started on admission.")).isEmpty();
  }

  @Test
  void shouldNotTakeDevicesPayersOrganismsOrEponyms() {
    assertThat(names("The Dexmoor pump was checked today. Patient currently has Cignova.")).isEmpty();
    assertThat(names("Rep from Veltrona replaced the sensor, so the Halvex rep will call.")).isEmpty();
    assertThat(names("Sputum grew Stenotrophomonas maltophilia; stool positive for Eikenella corrodens.")).isEmpty();
    assertThat(names("History of Takayasu arteritis and Kikuchi disease; Janeway lesions noted.")).isEmpty();
    assertThat(names("Cultures grew Candida auris. History of Tietze syndrome.")).isEmpty();
    assertThat(names("Candida and Aspergillus were present on the smear.")).isEmpty();
    assertThat(names("COMMENT Osteopenia on measured BMD. Osteopenia: T-score between -1.0 and -2.5.")).isEmpty();
    assertThat(names("code: Karyotype [Identifier] in Bone marrow; Thrombocytosis resolved.")).isEmpty();
    assertThat(names("Pseudomonas and Proteus were present in the urine culture.")).isEmpty();
  }

  @Test
  void shouldNotTakeAnAbbreviationBeforeAnAgePhraseAsAName() {
    assertThat(names("NKDA, 55 yo male presents with chest pain. GERD, 45 yo female.")).isEmpty();
    assertThat(names("KOSTERS, 55 yo, seen today.")).containsExactly("KOSTERS");
  }

  @Test
  void shouldNotTakeAWordUsedAsAThingElsewhereInTheText() {
    assertThat(names("Kelvanta 20 mg was started. Mailed her the Kelvanta savings offer.")).isEmpty();
  }

  @Test
  void shouldNotTakeClinicalDistractors() {
    assertThat(names("Parkinson's disease and Graves' disease; Wilson disease excluded. Strength 5/5, BP 120/80."))
        .isEmpty();
    assertThat(names("Lasix, Coreg and Lisinopril were held. Glasgow Coma Scale 15, TIMI score 3 at 14:30."))
        .isEmpty();
    assertThat(names("Heart and Lungs were clear. Neurology and Cardiology were consulted.")).isEmpty();
  }

  @Test
  void shouldLeaveLowerCaseShadowTextToTheOtherRules() {
    assertThat(names("hi, my knee hurts and i took zolvexa last night, is that ok with metformin?")).isEmpty();
  }
}
