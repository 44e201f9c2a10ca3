package org.phigate.deid.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.phigate.deid.detect.DetectorTestSupport.hits;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LowerCaseAddressDetectorTest {
  private static final String BEFORE = "hi, this is about my mom. she had a fever since monday, temp 101.2. ";
  private static final String AFTER = ". please have the nurse call me back, thanks";

  @Test
  void shouldFindStreetCityAndZipButNotTheStateAfterAnAddressCue() {
    String text = BEFORE + "our address is 7883 van den heuvel rd, apt 12e, flobbeburg, tx 70571" + AFTER;
    assertThat(hits(AddressDetector.lowerCaseStreets(), text))
        .containsExactly("GEO:7883 van den heuvel rd, apt 12e", "GEO:flobbeburg", "GEO:70571");
  }

  @Test
  void shouldFindAStreetWithoutCityAfterALivesAtCue() {
    String text = BEFORE + "she lives at 9164 beijen way now and i drive her" + AFTER;
    assertThat(hits(AddressDetector.lowerCaseStreets(), text)).containsExactly("GEO:9164 beijen way");
  }

  @Test
  void shouldTakeDrAsADriveOnlyBeforeACityStateAndZip() {
    String text = BEFORE + "our address is 6123 zaaijer dr, schenkers hollow, mn 28222" + AFTER;
    assertThat(hits(AddressDetector.lowerCaseStreets(), text))
        .containsExactly("GEO:6123 zaaijer dr", "GEO:schenkers hollow", "GEO:28222");
    assertThat(hits(AddressDetector.lowerCaseStreets(), BEFORE + "send it to 2 dr smith, he knows" + AFTER)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"i walked 2 blocks down the road today", "she moved to 3 west 12 last week",
      "your address is on file", "call 2 dr smith at the clinic", "took 2 tabs on the way home"})
  void shouldLeaveLowerCaseTextWithoutACuedStreetAlone(String sentence) {
    assertThat(hits(AddressDetector.lowerCaseStreets(), BEFORE + sentence + AFTER)).isEmpty();
  }

  @Test
  void shouldLeaveCapitalizedTextToTheOtherAddressDetectors() {
    String text = "Patient states our address is 7883 van den heuvel rd, apt 12e, per the daughter. She will call.";
    assertThat(hits(AddressDetector.lowerCaseStreets(), text)).isEmpty();
  }
}
