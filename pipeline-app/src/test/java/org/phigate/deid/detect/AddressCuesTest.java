package org.phigate.deid.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.phigate.deid.detect.DetectorTestSupport.texts;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.phigate.schema.PhiCategory;

class AddressCuesTest {
  private final AddressDetector addresses = new AddressDetector();

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Her daughter lives on Pod Floriánem 1677 now.|Pod Floriánem 1677",
      "He lives on the north side of Joaquin Suarez 2906.|Joaquin Suarez 2906",
      "The shuttle drops you off at 87818 Dalmatinova 68 St. every Monday|87818 Dalmatinova 68 St.",
      "Pedestrians must enter on Hoge Wei 32 St. after six|Hoge Wei 32 St.",
      "Please return to Eyrarodda 66 Apt. 4 in case of an issue.|Eyrarodda 66 Apt. 4",
      "The clinic is at 9816 214 Pavlou Drandaki|9816 214 Pavlou Drandaki",
      "She moved to Peter Zuidhove 188, please update the chart.|Peter Zuidhove 188",
      "I now live in 6570 Jiřího z Poděbrad 1874, Velká Bukovina|6570 Jiřího z Poděbrad 1874, Velká Bukovina",
      "his address: 48334 36 rue de pologne, call first|48334 36 rue de pologne",
      "The home is at 70248 31 Rue tachkent St. near the park|70248 31 Rue tachkent St."})
  void shouldFindAStreetWithoutAStreetWordAfterALocationCue(String text, String street) {
    assertThat(texts(addresses, text, PhiCategory.GEO)).as(text).containsExactly(street);
  }

  @Test
  void shouldFindInitialsAndGluedParticlesInStreetNames() {
    Detector intl = AddressDetector.international();
    assertThat(texts(intl, "The station is on C. Beerninckstraat 88", PhiCategory.GEO))
        .containsExactly("C. Beerninckstraat 88");
    assertThat(texts(intl, "Send records to 9243 Avenue d'Ouchy 109 Apt. 758, Lausanne, Switzerland 1006",
        PhiCategory.GEO)).containsExactly("9243 Avenue d'Ouchy 109 Apt. 758, Lausanne, Switzerland 1006");
  }

  @Test
  void shouldFollowAOneWordStreetIntoItsBlock() {
    String text = "Please send a new one to Aqqusinersuaq 176 Pinto Hill\n Suite 487\n Nuuk\n Greenland 08167";
    assertThat(texts(addresses, text, PhiCategory.GEO)).containsExactly(text.substring(text.indexOf("Aqq")));
  }

  @Test
  void shouldReadTheIncrementSignAsAGreekDeltaAndAnEmptyFieldAsPartOfTheAddress() {
    String greek = "It's in Λεωφόρος Συγγρού 119\n Apt. 658\n ΑΓΙΟΣ ∆ΟΜΕΤΙΟΣ\n Cyprus 25572";
    assertThat(texts(addresses, greek, PhiCategory.GEO)).containsExactly(greek.substring(8));
    assertThat(texts(addresses, "It arrived at 23100 Ilichova 23 Suite 274 Ljubljana nan last night.", PhiCategory.GEO))
        .containsExactly("23100 Ilichova 23 Suite 274 Ljubljana nan");
  }

  @Test
  void shouldFindLowerCaseCuedStreetsOnlyWithAStreetWordOrANumberBefore() {
    assertThat(texts(addresses, "pedestrians must enter on hegyalja út 98. st. the first months", PhiCategory.GEO))
        .containsExactly("hegyalja út 98. st.");
    assertThat(texts(addresses, "pt is on eliquis 5 daily, he is on lasix 40 and at stage 3", PhiCategory.GEO)).isEmpty();
    assertThat(texts(addresses, "i was seen on 3 west 12 and moved to room 4 bed 2", PhiCategory.GEO)).isEmpty();
  }

  @Test
  void shouldTakeLowerCaseNameWordsAfterANumberedPrefixUnlessTheyAreEnglish() {
    Detector intl = AddressDetector.international();
    String quoted = ">Alberico Rizzo\n>770 26 rue des lieutemants Thomazo\n>Apt. 735\n>DOLE\n>France 35910";
    assertThat(texts(intl, quoted, PhiCategory.GEO)).containsExactly(quoted.substring(quoted.indexOf("770")));
    assertThat(texts(intl, "flushed 2 via the Foley catheter", PhiCategory.GEO)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"Pt is on Lasix 40 daily.", "She was seen on 3 West 12 overnight.", "Moved to Room 4 bed 2.",
      "He is on aspirin 81 mg.", "Patient is at Stage 3 CKD.", "Apt. to follow up in 2 weeks.", "Pain is at level 4.",
      "Edema is at Grade 2.", "Pt is on Eliquis 5 BID", "She is on Keppra 500 mg twice daily.",
      "He lives at home with Dr. Parkinson 2 days a week.", "Graves' disease is at 3 of 5 criteria.",
      "BP is at 120/80, HR 88.", "Strength is at 5/5 bilaterally.", "She returned to Ward 12 at 14:30.",
      "He is on Humalog 75/25 with meals.", "Transferred to ICU 3 after the event.", "Patient is in Bay 12.",
      "Pt is on Metoprolol Succinate 25", "Her address is on file.", "Sent to Radiology 2 for CT."})
  void shouldNotTakeClinicalTextForAStreet(String text) {
    assertThat(texts(addresses, text, PhiCategory.GEO)).as(text).isEmpty();
  }
}
