package org.phigate.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class BusinessDaysTest {
  @ParameterizedTest(name = "{0} + {1} business days = {2}")
  @CsvSource({
      "2026-11-25T12:00:00Z, 2, 2026-11-27T12:00:00Z", // Wednesday -> Friday
      "2026-11-26T12:00:00Z, 2, 2026-11-30T12:00:00Z", // Thursday -> Monday
      "2026-11-27T15:00:00Z, 1, 2026-11-30T15:00:00Z", // Friday -> Monday
      "2026-11-27T15:00:00Z, 2, 2026-12-01T15:00:00Z", // Friday -> Tuesday
      "2026-11-28T10:00:00Z, 2, 2026-12-02T00:00:00Z", // Saturday: counted from Monday 00:00
      "2026-11-29T23:59:00Z, 1, 2026-12-01T00:00:00Z", // Sunday: counted from Monday 00:00
      "2026-11-23T08:00:00Z, 10, 2026-12-07T08:00:00Z" // two whole weeks
  })
  void shouldSkipSaturdaysAndSundays(String start, long days, String due) {
    assertThat(BusinessDays.plus(Instant.parse(start), days, ZoneOffset.UTC)).isEqualTo(Instant.parse(due));
  }

  @Test
  void shouldSeeTheWeekendInTheConfiguredZone() {
    // Friday 23:00 in Chicago is already Saturday in UTC
    Instant fridayEveningChicago = Instant.parse("2026-11-28T05:00:00Z");
    assertThat(BusinessDays.plus(fridayEveningChicago, 1, ZoneId.of("America/Chicago")))
        .isEqualTo(Instant.parse("2026-12-01T05:00:00Z"));
    assertThat(BusinessDays.plus(fridayEveningChicago, 1, ZoneOffset.UTC))
        .isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
  }

  @Test
  void shouldKeepTheLocalTimeAcrossADaylightSavingChange() {
    // Friday 2026-03-06 09:00 EST; Tuesday 2026-03-10 09:00 is EDT (clocks went forward on Sunday 03-08)
    ZoneId newYork = ZoneId.of("America/New_York");
    assertThat(BusinessDays.plus(Instant.parse("2026-03-06T14:00:00Z"), 2, newYork))
        .isEqualTo(Instant.parse("2026-03-10T13:00:00Z"));
  }
}
