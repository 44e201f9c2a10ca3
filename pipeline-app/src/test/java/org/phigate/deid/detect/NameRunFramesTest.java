package org.phigate.deid.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.phigate.deid.detect.DetectorTestSupport.names;

import org.junit.jupiter.api.Test;

/** All-caps name runs and particle surnames, and the headers, abbreviations and Latin phrases that must stay. */
class NameRunFramesTest {
  @Test
  void shouldTakeAnAllCapsRunInAPatientFrameWhole() {
    assertThat(names("CLINIC VISIT\nWIAN KOSTERS returns for creatinine 1.1")).containsExactly("WIAN KOSTERS");
    assertThat(names("Medical Center\nAN JUNGTON (MRN 38488592) was admitted")).containsExactly("AN JUNGTON");
    assertThat(names("Dear Dr. Meier, ENÉ WELSINK was treated here for pneumonia.")).contains("ENÉ WELSINK");
    assertThat(names("Subjective: Pt TREASA DE seen and examined.")).containsExactly("TREASA DE");
    assertThat(names("Family Practice\nICO HAMSTRA, 55 yo, MRN 55801360.")).containsExactly("ICO HAMSTRA");
  }

  @Test
  void shouldNotTakeHeadersAbbreviationsOrDiagnosesInCapitals() {
    assertThat(names("CT HEAD (MRN 12345678)\nNO ACUTE DISTRESS. CBC AND BMP were ordered.")).isEmpty();
    assertThat(names("DE QUERVAIN TENOSYNOVITIS returns for follow-up. CHEST PAIN, 55 yo, MRN 1234.")).isEmpty();
    assertThat(names("ED NOTE (MRN 12345678)\nHPI: BP 120/80, strength 5/5. AN ACUTE ONSET, 55 yo.")).isEmpty();
  }

  @Test
  void shouldTakeAParticleSurnameAsSubjectSpeakerFamilyOrBeforeACredential() {
    assertThat(names("Hello Dr. Meier, the van den Heuvel family says thank you.")).contains("van den Heuvel");
    assertThat(names("Babinski sign negative. van den Heuvel has been sleeping better."))
        .containsExactly("van den Heuvel");
    assertThat(names("Today de los Reyes reports dizziness on Lasix.")).containsExactly("de los Reyes");
    assertThat(names("Today bin Rashid reports dizziness; da Silva will call back.")).containsExactly("bin Rashid",
        "da Silva");
    assertThat(names("\"I was moving in that direction,\" says Du Cane.")).containsExactly("Du Cane");
    assertThat(names("Will continue to monitor.\nAdripathi De rosa-Cepeda, RN"))
        .containsExactly("Adripathi De rosa-Cepeda");
  }

  @Test
  void shouldNotTakeLatinPhrasesEponymsOrPlaces() {
    assertThat(names("De novo lesion; de Quervain tenosynovitis reports on imaging were reviewed.")).isEmpty();
    assertThat(names("The da Vinci robot was used. Lives in La Crosse. Parkinson's disease is stable.")).isEmpty();
    assertThat(names("In vivo and in situ findings; per os; de facto and ad lib diet.")).isEmpty();
  }
}
