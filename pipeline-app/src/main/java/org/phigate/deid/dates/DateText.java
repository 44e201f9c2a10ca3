package org.phigate.deid.dates;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads, re-renders and shifts dates written in the forms clinical text and messages use: HL7 DT/TS
 * ({@code 19620320}, {@code 196203201030}), ISO/FHIR ({@code 1962-03-20}, {@code 1962-03-20T10:30:00Z}), US numeric
 * ({@code 3/20/1962}, {@code 03-20-62}), and month names ({@code March 20, 1962}, {@code 20 Mar 1962},
 * {@code Mar. 20th}, {@code March 1962}). Shifting keeps the original rendering: widths, separators, month-name
 * style, ordinal suffixes and any time part.
 */
public final class DateText {
  public static final String MONTH_NAMES = "(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
      + "|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)";
  private static final String DAY = "(?<d>\\d{1,2}(?:st|nd|rd|th)?)";
  private static final int NO_YEAR_REFERENCE = 2000;

  private static final List<Pattern> SHAPES = List.of(
      Pattern.compile("(?<y>\\d{4})(?<m>\\d{2})(?<d>\\d{2})(?:\\d{2,6}(?:\\.\\d{1,4})?)?(?:[+-]\\d{4})?"),
      Pattern.compile("(?<y>\\d{4})-(?<m>\\d{2})-(?<d>\\d{2})(?:[T ]\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?"
          + "(?:Z|[+-]\\d{2}:?\\d{2})?)?"),
      Pattern.compile("(?<m>\\d{1,2})(?<s>[/.-])(?<d>\\d{1,2})\\k<s>(?<y>\\d{4}|\\d{2})"),
      Pattern.compile("(?i)(?<mon>" + MONTH_NAMES + ")\\.?\\s+" + DAY + ",?\\s+(?<y>\\d{4})"),
      Pattern.compile("(?i)" + DAY + "\\s+(?<mon>" + MONTH_NAMES + ")\\.?,?\\s+(?<y>\\d{4})"),
      Pattern.compile("(?i)(?<mon>" + MONTH_NAMES + ")\\.?,?\\s+(?<y>\\d{4})"),
      Pattern.compile("(?i)(?<mon>" + MONTH_NAMES + ")\\.?\\s+" + DAY),
      Pattern.compile("(?<m>\\d{1,2})/(?<d>\\d{1,2})"),
      Pattern.compile("(?<y>\\d{4})(?<s>[/.])(?<m>\\d{1,2})\\k<s>(?<d>\\d{1,2})"),
      Pattern.compile("(?i)(?<d>\\d{1,2})(?<s>[- ]?)(?<mon>" + MONTH_NAMES + ")\\.?\\k<s>(?<y>\\d{4}|\\d{2})"),
      Pattern.compile("(?i)" + DAY + "\\s+of\\s+(?<mon>" + MONTH_NAMES + ")\\.?(?:,?\\s+(?<y>\\d{4}))?"),
      Pattern.compile("(?i)" + DAY + "\\s+(?<mon>" + MONTH_NAMES + ")\\.?"),
      Pattern.compile("(?i)(?<mon>" + MONTH_NAMES + ")-(?<d>\\d{1,2})-(?<y>\\d{4})"),
      Pattern.compile("(?<m>\\d{1,2})[/-](?<y>(?:19|20)\\d{2})"));

  private DateText() {}

  /** A date read from text: the date itself and where its year, month and day components sit in the text. */
  public record Parsed(String text, LocalDate date, boolean hasYear, boolean hasDay, Matcher matcher,
                       boolean dayFirst) {

    /** The four-digit year, when the text has one. */
    public Optional<Integer> year() {
      return hasYear ? Optional.of(date.getYear()) : Optional.empty();
    }
  }

  /** Reads the whole of {@code text} (surrounding whitespace ignored) as a date, if it is one in a known form. */
  public static Optional<Parsed> parse(String text) {
    String trimmed = text.strip();
    for (Pattern shape : SHAPES) {
      Matcher m = shape.matcher(trimmed);
      if (m.matches()) {
        Optional<Parsed> parsed = toDate(trimmed, m);
        if (parsed.isPresent()) {
          return parsed;
        }
      }
    }
    return Optional.empty();
  }

  /** {@code text} moved by {@code days} days in its own rendering, or empty when it is not a date. */
  public static Optional<String> shift(String text, int days) {
    return parse(text).map(p -> render(p, p.date().plusDays(days)));
  }

  /** Common renderings of a date, for finding a known date again in free text. */
  public static List<String> renderings(LocalDate date) {
    LinkedHashSet<String> out = new LinkedHashSet<>();
    int y = date.getYear();
    int m = date.getMonthValue();
    int d = date.getDayOfMonth();
    String yy = String.format("%02d", y % 100);
    String full = date.getMonth().getDisplayName(TextStyle.FULL, Locale.US);
    String abbr = date.getMonth().getDisplayName(TextStyle.SHORT, Locale.US);
    out.add(String.format("%04d%02d%02d", y, m, d));
    out.add(String.format("%04d-%02d-%02d", y, m, d));
    for (String sep : List.of("/", "-", ".")) {
      out.add(String.format("%02d%s%02d%s%04d", m, sep, d, sep, y));
      out.add(String.format("%d%s%d%s%04d", m, sep, d, sep, y));
      out.add(String.format("%02d%s%02d%s%s", m, sep, d, sep, yy));
      out.add(String.format("%d%s%d%s%s", m, sep, d, sep, yy));
    }
    for (String month : List.of(full, abbr, abbr + ".")) {
      out.add(month + " " + d + ", " + y);
      out.add(month + " " + d + " " + y);
      out.add(month + " " + d + ordinal(d) + ", " + y);
      out.add(d + " " + month + " " + y);
    }
    return List.copyOf(out);
  }

  private static Optional<Parsed> toDate(String text, Matcher m) {
    boolean hasYear = group(m, "y") != null;
    boolean hasDay = group(m, "d") != null;
    int year = hasYear ? fullYear(group(m, "y")) : NO_YEAR_REFERENCE;
    int month = group(m, "mon") != null ? monthOf(group(m, "mon")) : Integer.parseInt(group(m, "m"));
    int day = hasDay ? Integer.parseInt(group(m, "d").replaceAll("\\D", "")) : 15;
    // numeric day-first dates (15/05/2013, as Europe and the FHIR narrative renderer write them)
    boolean dayFirst = group(m, "mon") == null && hasDay && month > 12 && day <= 12;
    if (dayFirst) {
      int swap = month;
      month = day;
      day = swap;
    }
    try {
      return Optional.of(new Parsed(text, LocalDate.of(year, month, day), hasYear, hasDay, m, dayFirst));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  private static String render(Parsed p, LocalDate to) {
    Matcher m = p.matcher();
    List<int[]> spans = new ArrayList<>();
    List<String> values = new ArrayList<>();
    if (group(m, "y") != null) {
      String y = m.group("y");
      spans.add(new int[] {m.start("y"), m.end("y")});
      values.add(y.length() == 2 ? String.format("%02d", to.getYear() % 100) : String.format("%04d", to.getYear()));
    }
    if (group(m, "mon") != null) {
      spans.add(new int[] {m.start("mon"), m.end("mon")});
      values.add(monthName(m.group("mon"), to.getMonth()));
    } else {
      spans.add(new int[] {m.start("m"), m.end("m")});
      values.add(width(m.group("m").length(), p.dayFirst() ? to.getDayOfMonth() : to.getMonthValue()));
    }
    if (group(m, "d") != null) {
      String d = m.group("d");
      String digits = d.replaceAll("\\D", "");
      String suffix = d.length() > digits.length() ? ordinal(to.getDayOfMonth()) : "";
      spans.add(new int[] {m.start("d"), m.end("d")});
      values.add(width(digits.length(), p.dayFirst() ? to.getMonthValue() : to.getDayOfMonth()) + suffix);
    }
    StringBuilder out = new StringBuilder(p.text());
    List<Integer> order = new ArrayList<>(List.of(0, 1, 2).subList(0, spans.size()));
    order.sort((a, b) -> spans.get(b)[0] - spans.get(a)[0]);
    for (int i : order) {
      out.replace(spans.get(i)[0], spans.get(i)[1], values.get(i));
    }
    return out.toString();
  }

  private static String group(Matcher m, String name) {
    try {
      return m.group(name);
    } catch (IllegalArgumentException noSuchGroup) {
      return null;
    }
  }

  private static int fullYear(String y) {
    int v = Integer.parseInt(y);
    if (y.length() == 2) {
      return v < 30 ? 2000 + v : 1900 + v;
    }
    return v;
  }

  private static int monthOf(String name) {
    String prefix = name.substring(0, 3).toLowerCase(Locale.ROOT);
    for (Month month : Month.values()) {
      if (month.getDisplayName(TextStyle.SHORT, Locale.US).toLowerCase(Locale.ROOT).equals(prefix)) {
        return month.getValue();
      }
    }
    throw new IllegalArgumentException("not a month name");
  }

  private static String monthName(String original, Month month) {
    String name = original.length() > 4 || original.equalsIgnoreCase("june") || original.equalsIgnoreCase("july")
        ? month.getDisplayName(TextStyle.FULL, Locale.US)
        : month.getDisplayName(TextStyle.SHORT, Locale.US);
    if (original.equals(original.toUpperCase(Locale.ROOT))) {
      return name.toUpperCase(Locale.ROOT);
    }
    if (original.equals(original.toLowerCase(Locale.ROOT))) {
      return name.toLowerCase(Locale.ROOT);
    }
    return name;
  }

  private static String width(int width, int value) {
    return width >= 2 ? String.format("%02d", value) : Integer.toString(value);
  }

  static String ordinal(int day) {
    if (day >= 11 && day <= 13) {
      return "th";
    }
    return switch (day % 10) {
      case 1 -> "st";
      case 2 -> "nd";
      case 3 -> "rd";
      default -> "th";
    };
  }
}
