package org.phigate.deid.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.phigate.deid.dates.DateText;
import org.phigate.schema.PhiCategory;
import org.phigate.schema.PhiFinding;

/**
 * Dates in free text: numeric (3/20/1962, 03-20-62), ISO with optional time, HL7 compact (19620320), month names
 * (March 20, 1962; 20 Mar 1962; Mar. 20th; March 2019), and month/day without a year only after a cue word
 * ("on 3/14"), so "5/5 strength" and "BP 120/80" stay. Bare years are not dates here. Every match must be a real
 * calendar date. Ages over 89 ("92-year-old", "age 94", "aged: 97", "94 yo", "91 y/o") are DATE elements under Safe
 * Harbor too; their finding covers the number only, so generalization reads "90+-year-old".
 */
public final class DateDetector implements Detector {
  // lower case too (portal messages are often typed that way), except "may", the verb; a lower-case "may" date
  // needs its year (rule date-month-name-may)
  private static final String M = "(?:" + DateText.MONTH_NAMES + "|" + DateText.MONTH_NAMES.toUpperCase(
      java.util.Locale.ROOT) + "|" + DateText.MONTH_NAMES.toLowerCase(java.util.Locale.ROOT).replace("|may|", "|") + ")";
  private static final String ANY_CASE_M = "(?i:" + DateText.MONTH_NAMES + ")";
  private final List<RegexDetector> rules = List.of(
      rule("pattern:date-numeric", 0.9, MatchStarts.digits(1, 2, "/.-"), "(?<![\\p{Alnum}/.-])(?:\\d{1,2}/\\d{1,2}/(?:\\d{4}|\\d{2})"
          + "|\\d{1,2}-\\d{1,2}-(?:\\d{4}|\\d{2})|\\d{1,2}\\.\\d{1,2}\\.\\d{4})(?![\\p{Alnum}/-]|\\.\\d)"),
      rule("pattern:date-iso", 0.95, MatchStarts.digits(4, 4, "-"), "(?<![\\p{Alnum}-])\\d{4}-\\d{2}-\\d{2}(?:[T ]\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?"
          + "(?:Z|[+-]\\d{2}:?\\d{2})?)?(?![\\p{Alnum}-])"),
      rule("pattern:date-compact", 0.7, MatchStarts.digits(8, 8, ""), "(?<![\\p{Alnum}])(?:19|20)\\d{6}(?![\\p{Alnum}])"),
      rule("pattern:date-month-name", 0.9, MONTH, "\\b" + M + "\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s+(?:19|20)\\d{2}(?![\\d-]))?(?![\\p{Alnum}/])"),
      rule("pattern:date-month-name", 0.9, MatchStarts.digits(1, 2, ORDINAL_OR_SPACE), "\\b\\d{1,2}(?:st|nd|rd|th)?\\s+" + M + "\\.?,?\\s+\\d{4}(?![\\p{Alnum}])"),
      rule("pattern:date-month-year", 0.85, MONTH, "\\b" + M + "\\.?,?\\s+\\d{4}(?![\\p{Alnum}])"),
      rule("pattern:date-cued-month-day", 0.8, CUE, "(?i:\\b(?:on|since|from|until|through|thru|dated|admitted|discharged"
          + "|seen|as of|dob|born|d\\.o\\.b\\.?)\\s*:?\\s+)(?<phi>\\d{1,2}/\\d{1,2})(?![/\\d])"),
      rule("pattern:date-year-first", 0.9, MatchStarts.digits(4, 4, "/."), "(?<![\\p{Alnum}/.-])\\d{4}[/.]\\d{1,2}[/.]\\d{1,2}(?![\\p{Alnum}/]|\\.\\d)"),
      rule("pattern:date-day-month", 0.85, MatchStarts.digits(1, 2, ORDINAL_OR_SPACE), "\\b\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?" + M
          + "\\b\\.?(?:,?\\s+(?:19|20)\\d{2}(?![\\p{Alnum}-]))?"),
      rule("pattern:date-day-month", 0.85, MatchStarts.digits(1, 2, "-"), "\\b\\d{1,2}-" + M + "\\.?-(?:\\d{4}|\\d{2})(?![\\p{Alnum}])"),
      rule("pattern:date-compact-month", 0.85, MatchStarts.digits(1, 2, "A-Za-z"), "\\b\\d{1,2}" + ANY_CASE_M + "(?:\\d{4}|\\d{2})\\b"),
      rule("pattern:date-month-name-may", 0.85, MAY, "\\bmay\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+(?:19|20)\\d{2}(?![\\p{Alnum}-])"
          + "|\\b\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?may,?\\s+(?:19|20)\\d{2}(?![\\p{Alnum}-])"),
      rule("pattern:date-month-dash", 0.85, MONTH, "\\b" + M + "-\\d{1,2}-\\d{4}\\b"),
      rule("pattern:date-month-year", 0.8, MatchStarts.digits(1, 2, "/-"), "(?<![\\p{Alnum}/.-])(?:0?[1-9]|1[0-2])[/-](?:19|20)\\d{2}(?![\\p{Alnum}/-])"));

  private static final MatchStarts MONTH = MatchStarts.prefixes("jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec");
  private static final MatchStarts CUE = MatchStarts.prefixes(
      "on|since|from|until|through|thru|dated|admitted|discharged|seen|as of|dob|born|d.o.b");
  private static final MatchStarts MAY = MatchStarts.words("m0123456789").where((text, p) -> text.charAt(p) > '9'
      ? text.regionMatches(true, p, "may", 0, 3) : MatchStarts.digitRun(text, p, 3) <= 2);
  /** What may follow the day in "20th March", "20 March": an ordinal suffix or {@code \\s}. */
  private static final String ORDINAL_OR_SPACE = "sntrSNTR \t\n\u000b\f\r";
  private static final String SPACE = " \t\n\u000b\f\r";

  /** Ages over 89 ("92-year-old", "age 94", "94 yo"): a DATE element; the finding covers the number only. */
  static final String AGE = "pattern:age-over-89";
  private static final List<RegexDetector> AGE_RULES = List.of(new RegexDetector(AGE, PhiCategory.DATE, Pattern.compile(
      "(?i)\\b(?:ninety|one hundred)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?(?=[\\s-]+(?:years?"
      + "|yrs?)[\\s-]*old\\b)"), 0.85).starting(MatchStarts.words("no")),
      ageRule(MatchStarts.digits(2, 3, "yY" + SPACE + "-"), "(?i)(?<![\\p{Alnum}.])(?<phi>\\d{2,3})(?=[\\s-]*(?:years?|yrs?)[\\s-]*old\\b)"),
      ageRule(MatchStarts.words("a"), "(?i)\\b(?:age|aged)\\s*:?\\s*(?<phi>\\d{2,3})(?![\\p{Alnum}.])"),
      ageRule(MatchStarts.digits(2, 3, "yY" + SPACE), "(?i)(?<![\\p{Alnum}.])(?<phi>\\d{2,3})\\s*(?:yo|y/o|y\\.o\\.?|yr\\.? old|y|yr|yrs)(?![\\p{Alnum}/])"),
      ageRule(MatchStarts.digits(2, 3, "mMfFwWyY" + SPACE), "(?i)(?<![\\p{Alnum}.])(?<phi>\\d{2,3})(?=\\s*(?:M|F|male|female|man|woman|yo[mf])\\b)"),
      ageRule(MatchStarts.words("i"), "(?i)\\b(?:in\\s+(?:his|her|their)\\s+)(?<phi>\\d{2,3})(?=s\\b)"));

  private static RegexDetector ageRule(MatchStarts starts, String regex) {
    return new RegexDetector(AGE, PhiCategory.DATE, Pattern.compile(regex), 0.9, DateDetector::over89)
        .starting(starts);
  }

  private static RegexDetector rule(String name, double confidence, MatchStarts starts, String regex) {
    return new RegexDetector(name, PhiCategory.DATE, Pattern.compile(regex), confidence,
        s -> DateText.parse(s).isPresent()).starting(starts);
  }

  /** The ages over 89 alone (spelled "ninety-two years old" too). */
  static Detector agesOver89() {
    return Detector.all(AGE_RULES);
  }

  static boolean over89(String digits) {
    int age = Integer.parseInt(digits);
    return age > 89 && age <= 125;
  }

  @Override
  public List<PhiFinding> find(String path, String text, KnownIdentifiers known) {
    List<PhiFinding> out = new ArrayList<>(Detector.all(rules).find(path, text, known));
    out.addAll(agesOver89().find(path, text, known));
    return out;
  }
}
