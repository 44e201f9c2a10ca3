package org.phigate.deid.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.phigate.schema.PhiCategory;
import org.phigate.schema.PhiFinding;

/**
 * Ages over 89 ("92-year-old", "age 94", "aged: 97", "94 yo", "91 y/o"): a DATE element under Safe Harbor. The
 * finding covers the number only, so generalization reads "90+-year-old".
 */
public final class AgeOver89Detector implements Detector {
  static final String NAME = "pattern:age-over-89";
  private static final List<RegexDetector> RULES = List.of(
      rule(MatchStarts.digits(), "(?i)(?<![\\p{Alnum}.])(?<phi>\\d{2,3})(?=[\\s-]*(?:years?|yrs?)[\\s-]*old\\b)"),
      rule(MatchStarts.words("a"), "(?i)\\b(?:age|aged)\\s*:?\\s*(?<phi>\\d{2,3})(?![\\p{Alnum}.])"),
      rule(MatchStarts.digits(), "(?i)(?<![\\p{Alnum}.])(?<phi>\\d{2,3})\\s*(?:yo|y/o|y\\.o\\.?|yr\\.? old|y|yr|yrs)(?![\\p{Alnum}/])"),
      rule(MatchStarts.digits(), "(?i)(?<![\\p{Alnum}.])(?<phi>\\d{2,3})(?=\\s*(?:M|F|male|female|man|woman|yo[mf])\\b)"),
      rule(MatchStarts.words("i"), "(?i)\\b(?:in\\s+(?:his|her|their)\\s+)(?<phi>\\d{2,3})(?=s\\b)"));
  private static final RegexDetector SPELLED = new RegexDetector(NAME, PhiCategory.DATE, Pattern.compile(
      "(?i)\\b(?:ninety|one hundred)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?(?=[\\s-]+(?:years?"
      + "|yrs?)[\\s-]*old\\b)"), 0.85).starting(MatchStarts.words("no"));

  private static RegexDetector rule(MatchStarts starts, String regex) {
    return new RegexDetector(NAME, PhiCategory.DATE, Pattern.compile(regex), 0.9, AgeOver89Detector::over89)
        .starting(starts);
  }

  static boolean over89(String digits) {
    int age = Integer.parseInt(digits);
    return age > 89 && age <= 125;
  }

  @Override
  public List<PhiFinding> find(String path, String text, KnownIdentifiers known) {
    List<PhiFinding> out = new ArrayList<>(SPELLED.find(path, text, known));
    for (RegexDetector rule : RULES) {
      out.addAll(rule.find(path, text, known));
    }
    return out;
  }
}
