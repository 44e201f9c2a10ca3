package org.phigate.deid.dates;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DateTextTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "19620320|19620310", "196203201030|196203101030", "1962-03-20|1962-03-10",
      "1962-03-20T10:30:00Z|1962-03-10T10:30:00Z", "03/20/1962|03/10/1962", "3/20/62|3/10/62", "03-20-1962|03-10-1962",
      "March 20, 1962|March 10, 1962", "Mar. 20th, 1962|Mar. 10th, 1962", "20 MARCH 1962|10 MARCH 1962",
      "Mar 20|Mar 10", "3/20|3/10", "March 1, 1962|February 19, 1962", "March 1962|March 1962"})
  void shouldShiftADateKeepingItsRendering(String original, String shifted) {
    assertThat(DateText.shift(original, -10)).contains(shifted);
  }

  @Test
  void shouldReadTheYearOnlyWhenTheTextHasOne() {
    assertThat(DateText.parse("3/20/62").orElseThrow().year()).contains(1962);
    assertThat(DateText.parse("3/20/12").orElseThrow().year()).contains(2012);
    assertThat(DateText.parse("March 20").orElseThrow().year()).isEmpty();
    assertThat(DateText.parse("2/30/2020")).isEmpty();
    assertThat(DateText.parse("1962")).isEmpty();
  }

  @Test
  void shouldRenderADateInCommonForms() {
    assertThat(DateText.renderings(LocalDate.of(1962, 3, 2))).contains("19620302", "1962-03-02", "03/02/1962",
        "3/2/1962", "3/2/62", "March 2, 1962", "Mar 2, 1962", "2 March 1962", "March 2nd, 1962");
  }
}
