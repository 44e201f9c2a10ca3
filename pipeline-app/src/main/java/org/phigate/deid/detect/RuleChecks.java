package org.phigate.deid.detect;

import java.util.Map;
import java.util.function.Predicate;
import org.phigate.deid.dates.DateText;

/**
 * The named checks the data rules of {@link RegexDetector} use: validators of a match ({@code validate}) and tests of
 * a match's start ({@code starts.where}), with the identifier validators that keep clinical numbers (doses, lab
 * values, times, ratios) out; the address validators are {@link AddressForms}'.
 */
final class RuleChecks {
  static final Map<String, Predicate<String>> VALIDATORS = Map.ofEntries(
      Map.entry("plausible-id", RuleChecks::plausibleId),
      Map.entry("plausible-alnum-id", RuleChecks::plausibleAlnumId),
      Map.entry("plausible-domain", RuleChecks::plausibleDomain),
      Map.entry("valid-ipv6", RuleChecks::validIpv6),
      Map.entry("valid-ipv4", RuleChecks::validIpv4),
      Map.entry("valid-ssn", RuleChecks::validSsn),
      Map.entry("calendar-date", d -> DateText.parse(d).isPresent()),
      Map.entry("over-89", RuleChecks::over89),
      Map.entry("common-place", p -> AddressForms.notCommonWord(p) && !AddressCues.hospitalPlace(p)),
      Map.entry("not-hospital-place", p -> !AddressCues.hospitalPlace(p)),
      Map.entry("not-clinical-words", AddressForms::notClinicalWords),
      Map.entry("abbreviated-street", AddressForms::abbreviatedStreet),
      Map.entry("corner", AddressForms::corner),
      Map.entry("plausible-street-name", AddressForms::plausibleStreetName),
      Map.entry("place-before-postcode", AddressForms::placeBeforePostcode),
      Map.entry("lower-street-suffixed", m -> AddressForms.lowerStreetWords(m, true)),
      Map.entry("lower-street-bare", m -> AddressForms.lowerStreetWords(m, false)),
      Map.entry("not-clinical-street", AddressForms::notClinicalStreet),
      Map.entry("lower-words-are-places", AddressCues::lowerWordsArePlaces),
      Map.entry("suffixed-street", AddressForms::suffixedStreet),
      Map.entry("not-clinical-place", AddressForms::notClinicalPlace),
      Map.entry("plausible-city-after-code", AddressForms::plausibleCityAfterCode),
      Map.entry("named-street", AddressCues::namedStreet),
      Map.entry("numbered-street", AddressCues::numberedStreet),
      Map.entry("place-words-before-house", m -> AddressCues.placeWords(m.replaceFirst("[ \\t]+\\d.*$", "")) > 0),
      Map.entry("lower-case-street", AddressCues::lowerCaseStreet),
      Map.entry("block-place-words", m -> AddressBlocks.placeWords(m, false)),
      Map.entry("block-place-before-postcode", m -> !m.matches(".*[ \\t](?:19|20)\\d\\d") && AddressBlocks.placeWords(m, true)));

  /** The characters of a domain label: a domain's first label runs up to a dot. */
  private static final String LABEL = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-";

  static final Map<String, MatchStarts.StartTest> START_TESTS = Map.of(
      "hex-then-colon", (text, p) -> text.startsWith(":", skip(text, p, "0123456789abcdefABCDEF")),
      "label-then-dot", (text, p) -> text.startsWith(".", skip(text, p, LABEL)),
      "four-digits", RuleChecks::fourDigits,
      "may-or-short-number", (text, p) -> text.charAt(p) > '9' ? text.regionMatches(true, p, "may", 0, 3)
          : MatchStarts.digitRun(text, p, 3) <= 2,
      "words-then-comma", RuleChecks::wordsThenComma,
      "number-then-abbreviated-prefix", (text, p) -> abbreviatedPrefix().at(text, p),
      "after-in-or-at", RuleChecks::afterInOrAt,
      "after-list-or-in-or-at", RuleChecks::afterListOrInOrAt,
      "digit-or-blank-after-letter", (text, p) -> p + 2 < text.length()
          && (Character.isDigit(text.charAt(p + 1)) || text.charAt(p + 2) == ' ' || text.charAt(p + 2) == '\t'));

  /** Built on first use: the data rules that name this test are read while this class initializes. */
  private static volatile MatchStarts.StartTest abbreviatedPrefix;

  private RuleChecks() {}

  private static MatchStarts.StartTest abbreviatedPrefix() {
    MatchStarts.StartTest t = abbreviatedPrefix;
    if (t == null) {
      t = numberThen(RegexDetector.define("ABBREVIATED_PREFIX"));
      abbreviatedPrefix = t;
    }
    return t;
  }

  /** An age over 89 (and not over 125): a DATE element under Safe Harbor. */
  static boolean over89(String digits) {
    int age = Integer.parseInt(digits);
    return age > 89 && age <= 125;
  }

  /** An identifier after a cue: four characters or more, three digits or more. */
  static boolean plausibleId(String s) {
    int digits = s.replaceAll("\\D", "").length();
    return s.length() >= 4 && digits >= 3;
  }

  /** The first position from {@code p} on that holds none of {@code chars}. */
  private static int skip(String text, int p, String chars) {
    int k = p;
    while (k < text.length() && chars.indexOf(text.charAt(k)) >= 0) {
      k++;
    }
    return k;
  }

  /** Four digits among the letters, digits and hyphens from {@code p} on: the alnum-id's look-ahead. */
  private static boolean fourDigits(String text, int p) {
    int digits = 0;
    for (int k = p; k < text.length() && digits < 4; k++) {
      char c = text.charAt(k);
      if (c >= '0' && c <= '9') {
        digits++;
      } else if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-')) {
        break;
      }
    }
    return digits == 4;
  }

  static boolean plausibleAlnumId(String s) {
    String lower = s.toLowerCase(java.util.Locale.ROOT);
    // units and lab shapes are not identifiers: 1000mg, 250mcg, 2024-03-14 is a date (another detector), x4000
    return !lower.matches("\\d+(?:mg|mcg|ml|units?|iu|meq|mmol|kg|cm|mm|hrs?|min|sec|ms|kcal|cc|l)")
        && !lower.matches("\\d+-\\d+") && DateText.parse(s).isEmpty()
        // a phone number followed by its label ("788-063-Office", "4508x769") is the phone detectors' business
        && !lower.matches("[\\d-]+-(?:office|fax|mobile|cell|home|work|desk)|\\d[\\d-]*\\dx\\d{1,6}");
  }

  static boolean plausibleDomain(String s) {
    String host = s.split("/", 2)[0].toLowerCase(java.util.Locale.ROOT);
    // "e.g", "i.e", "p.o" and abbreviations with single-letter labels are not domains
    String[] labels = host.split("\\.");
    return labels.length >= 2 && labels[labels.length - 2].length() >= 2 && !host.matches("\\d+(\\.\\d+)*");
  }

  static boolean validIpv6(String s) {
    String addr = s.contains("%") ? s.substring(0, s.indexOf('%')) : s;
    int doubleColon = addr.indexOf("::");
    if (doubleColon != addr.lastIndexOf("::")) {
      return false;
    }
    String[] groups = addr.split(":", -1);
    int nonEmpty = 0;
    boolean hexLetter = false;
    for (String g : groups) {
      if (g.length() > 4) {
        return false;
      }
      if (!g.isEmpty()) {
        nonEmpty++;
        hexLetter |= g.matches(".*[a-fA-F].*");
      }
    }
    if (doubleColon < 0) {
      return groups.length == 8 && nonEmpty == 8;
    }
    // compressed: at least two groups, and not a clock time like 10::30
    return nonEmpty >= 2 && (hexLetter || nonEmpty >= 3) || addr.equals("::1");
  }

  static boolean validIpv4(String s) {
    for (String octet : s.split("\\.")) {
      if (octet.length() > 1 && octet.startsWith("0") || Integer.parseInt(octet) > 255) {
        return false;
      }
    }
    return true;
  }

  /** SSA rules: area not 000, 666 or 900-999; group not 00; serial not 0000. */
  static boolean validSsn(String s) {
    String d = s.replaceAll("\\D", "");
    if (d.length() != 9) {
      return false;
    }
    int area = Integer.parseInt(d.substring(0, 3));
    int group = Integer.parseInt(d.substring(3, 5));
    int serial = Integer.parseInt(d.substring(5));
    return area != 0 && area != 666 && area < 900 && group != 0 && serial != 0;
  }

  /** "Springfield," or "Palm Beach Gardens,": up to three capitalized words, single-spaced, then a comma. */
  private static boolean wordsThenComma(String text, int p) {
    int k = p;
    for (int w = 0; w < 3; w++) {
      if (k >= text.length() || !(Character.isUpperCase(text.charAt(k)) || Character.isSurrogate(text.charAt(k)))) {
        return false;
      }
      int s = ++k;
      while (k < text.length() && (Character.isLowerCase(text.charAt(k)) || Character.isSurrogate(text.charAt(k)))) {
        k++;
      }
      if (k == s || k >= text.length() || text.charAt(k) != ',' && text.charAt(k) != ' ') {
        return false;
      }
      if (text.charAt(k++) == ',') {
        return true;
      }
    }
    return false;
  }

  /**
   * A start test for "(?:\\d{1,6}[ \\t]+)?(?:words)": at a digit, a number of up to six digits and blanks, then the
   * first letter of one of the words (none when a word does not open with a plain letter).
   */
  static MatchStarts.StartTest numberThen(String alternation) {
    StringBuilder firsts = new StringBuilder();
    for (String alt : alternation.split("\\|")) {
      char c = alt.isEmpty() ? '(' : alt.charAt(0);
      if (!Character.isLetter(c)) {
        return (text, p) -> true;
      }
      firsts.append(Character.toLowerCase(c)).append(Character.toUpperCase(c));
    }
    return (text, p) -> {
      int run = MatchStarts.digitRun(text, p, 7);
      if (run == 0) {
        return true;
      }
      int k = p + run;
      int blanks = k;
      k = MatchStarts.skipBlanks(text, k);
      return run <= 6 && k > blanks && k < text.length() && firsts.indexOf(String.valueOf(text.charAt(k))) >= 0;
    };
  }

  /** The postcode-city look-behind: ",", a line break, ":" or ";" and up to three blanks, the text's start, or "in ". */
  static boolean afterListOrInOrAt(String text, int p) {
    for (int j = 0; j <= 3 && p - j >= 0; j++) {
      if (j > 0 && text.charAt(p - j) != ' ' && text.charAt(p - j) != '\t') {
        break;
      }
      if (p - j == 0 || ",\n:;".indexOf(text.charAt(p - j - 1)) >= 0) {
        return true;
      }
    }
    return afterInOrAt(text, p);
  }

  /** Right after "in" or "at" (any case) and a blank. */
  static boolean afterInOrAt(String text, int p) {
    return p >= 3 && (text.charAt(p - 1) == ' ' || text.charAt(p - 1) == '\t')
        && (text.regionMatches(true, p - 3, "in", 0, 2) || text.regionMatches(true, p - 3, "at", 0, 2));
  }
}
