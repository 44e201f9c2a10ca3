package org.phigate.review;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** Adds business days (Monday to Friday in a zone) to an instant; public holidays are not skipped. */
public final class BusinessDays {
  private BusinessDays() {}

  /**
   * {@code start} plus {@code days} business days in {@code zone}: the same local time that many weekdays later. A
   * start on a weekend counts from the following Monday at midnight, so "2 business days" after a Saturday message
   * is Wednesday 00:00; a Friday 15:00 message is due Tuesday 15:00.
   */
  public static Instant plus(Instant start, long days, ZoneId zone) {
    ZonedDateTime at = start.atZone(zone);
    if (weekend(at.getDayOfWeek())) {
      at = nextMonday(at).toLocalDate().atStartOfDay(zone);
    }
    for (long left = days; left > 0; left--) {
      at = at.plusDays(1);
      if (weekend(at.getDayOfWeek())) {
        at = nextMonday(at);
      }
    }
    return at.toInstant();
  }

  private static ZonedDateTime nextMonday(ZonedDateTime at) {
    return at.plusDays(at.getDayOfWeek() == DayOfWeek.SATURDAY ? 2 : 1);
  }

  private static boolean weekend(DayOfWeek day) {
    return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
  }
}
