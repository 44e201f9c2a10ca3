package org.phigate.deid.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.phigate.deid.detect.DetectorTestSupport.hits;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PatternRecognizersTest {
  private final PatternRecognizers recognizers = PatternRecognizers.shipped();

  @Test
  void shouldReadTheRecognizersFromTheDataFile() {
    assertThat(recognizers.names()).contains("phone-extension", "month-day");
  }

  @Test
  void shouldKeepAnExtensionInThePhoneSpan() {
    assertThat(hits(recognizers, "Call me at 555-234-5678 x496 after lunch."))
        .containsExactly("PHONE:555-234-5678 x496");
    assertThat(hits(recognizers, "Office (617) 555-0199 ext. 12, ask for the nurse"))
        .containsExactly("PHONE:(617) 555-0199 ext. 12");
    assertThat(hits(recognizers, "CALL BACK 617-555-0123 X 45.")).containsExactly("PHONE:617-555-0123 X 45");
    assertThat(hits(recognizers, "desk 555-0134, extension 7")).containsExactly("PHONE:555-0134, extension 7");
    assertThat(hits(recognizers, "Call back 555 1234 x2 if no answer")).containsExactly("PHONE:555 1234 x2");
  }

  @Test
  void shouldMakeItAFaxWhenTheNearestCueIsFax() {
    assertThat(hits(recognizers, "Phone 617-555-0100 ext 3, fax 617-555-0101 ext 4"))
        .containsExactly("PHONE:617-555-0100 ext 3", "FAX:617-555-0101 ext 4");
    assertThat(hits(recognizers, "F: 312.555.0188 x 31")).containsExactly("FAX:312.555.0188 x 31");
  }

  @ParameterizedTest
  @ValueSource(strings = {"MRN 123-456-7890 x2", "call 155-234-5678 x12", "phone 555-234-5678 xray today"})
  void shouldLeaveNonNumbersAndMissingExtensionsToOtherDetectors(String text) {
    assertThat(hits(recognizers, text)).as(text).isEmpty();
  }

  @Test
  void shouldFindAMonthAndDayAfterADateCue() {
    assertThat(hits(recognizers, "Last visit 3/14 went well. Appt 4/2 at 10am. Return 05-03 for recheck."))
        .containsExactly("DATE:3/14", "DATE:4/2", "DATE:05-03");
    assertThat(hits(recognizers, "seen on 3-14 and again 03/21.")).containsExactly("DATE:3-14", "DATE:03/21");
  }

  @ParameterizedTest
  @ValueSource(strings = {"BP 120/80 and strength 5/5", "on 3/4 of the days she walks", "since then 1-2 tabs at night",
      "pain 7/10 on 2-3 occasions", "Seen 13/14 of the time", "from 10/40 to 20/20 vision", "on 2/31"})
  void shouldLeaveFractionsScoresAndQuantitiesAlone(String text) {
    assertThat(hits(recognizers, text)).as(text).isEmpty();
  }
}
