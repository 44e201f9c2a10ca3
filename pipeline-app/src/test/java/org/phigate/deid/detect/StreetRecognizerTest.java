package org.phigate.deid.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.phigate.deid.detect.DetectorTestSupport.texts;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.phigate.schema.PhiCategory;

/** Streets without a house number, now found by the gazetteer recognizer (street types from USPS Pub 28). */
class StreetRecognizerTest {
  private final Detector addresses = new Detector() {
    private final PhiDetector all = PhiDetector.withDefaultDetectors();

    @Override
    public java.util.List<org.phigate.schema.PhiFinding> find(String path, String text, KnownIdentifiers known) {
      return all.detect(new org.phigate.schema.PhiContent("k", java.util.List.of(), java.util.List.of(
          new org.phigate.schema.TextPart(path, text))));
    }
  };

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "The early shows on Marina Fort Street were important to them.|Marina Fort Street",
      "Pt fell on Oak Lane last night, no LOC.|Oak Lane",
      "Her son lives on Main Street with his wife.|Main Street",
      "She was struck by a car near Kowalczyk Avenue.|Kowalczyk Avenue",
      "Walked down 5th Avenue to the pharmacy.|5th Avenue",
      "They moved to Tarsicio Isle Road in June.|Tarsicio Isle Road",
      "Meet at the corner of Berg Hills Street.|Berg Hills Street",
      "The daughter picks him up on Ane Flats Blvd. every Monday.|Ane Flats Blvd.",
      "Found down on Van der Berg Way by EMS.|Van der Berg Way"})
  void shouldFindAStreetWithoutAHouseNumberAfterALocationWord(String text, String street) {
    assertThat(texts(addresses, text, PhiCategory.GEO)).as(text).containsExactly(street);
  }

  @ParameterizedTest
  @ValueSource(strings = {"She works on Wall Street as a trader.", "He reads the Wall Street Journal daily.",
      "The kids watched Sesame Street on TV.", "Pt is on Lasix 40 daily.", "Baker's cyst on the left.",
      "Parkinson's disease and Graves' disease were excluded.", "He is on aspirin 81 mg.",
      "Patient is at Stage 3 CKD.", "Moved to Room 4 bed 2.", "Pain is at level 4, Grade 2 edema.",
      "BP 120/80, strength 5/5, seen at 14:30.", "She is on Your Way to Health program.",
      "Referred to Family Court and to Supreme Court.", "On My Way home she fell.", "Hgb at 12.1, Na at 138.",
      "Transferred to Ward 12 on Lasix Drive protocol.", "Referred to Mary Lane, NP, for wound care.",
      "Seen on Monday Drive time was short."})
  void shouldNotTakeClinicalOrCommonTextForAStreet(String text) {
    assertThat(texts(addresses, text, PhiCategory.GEO)).as(text).isEmpty();
  }

  @Test
  void shouldLeaveAFacilityNamedAfterAStreetToTheFacilityRule() {
    assertThat(texts(addresses, "Follow up at Main Street Clinic next week.", PhiCategory.GEO))
        .containsExactly("Main Street Clinic");
  }

  @Test
  void shouldNotTakeAStreetThatIsPartOfALongerCapitalizedName() {
    assertThat(texts(addresses, "She lives near Baker Street Station in London.", PhiCategory.GEO))
        .doesNotContain("Baker Street");
  }
}
