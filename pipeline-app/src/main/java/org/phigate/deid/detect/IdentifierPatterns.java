package org.phigate.deid.detect;

import java.util.List;
import java.util.regex.Pattern;
import org.phigate.deid.dates.DateText;
import org.phigate.schema.PhiCategory;

/**
 * Single-pattern detectors with their validators: email, URL, IPv4, SSN, PO box, and identifier shapes that need no
 * cue: IPv6 addresses, bare web domains, long digit runs (7+ digits), 4-4-4(-4) digit
 * groups (card and account numbers), letter-digit record numbers such as "MR7730412", and 7-digit local phone
 * numbers ("555-0147"). Each validator keeps clinical numbers (doses, lab values, times, ratios) out.
 */
public final class IdentifierPatterns {
  private static final String TLD = DetectWords.alternation("identifier-patterns.tld");

  private static final String ID = "(?<phi>[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)";
  private static final String TAIL = "[ \\t]*(?:#|no\\.?|number|num|nbr|id|ID)?[ \\t]*[:#=]?[ \\t]*(?:is[ \\t]+)?";
  private static final List<PhiCategory> CUED = List.of(PhiCategory.MRN, PhiCategory.ACCOUNT,
      PhiCategory.HEALTH_PLAN_ID, PhiCategory.LICENSE, PhiCategory.VEHICLE_ID, PhiCategory.DEVICE_ID, PhiCategory.SSN,
      PhiCategory.OTHER_ID);

  private IdentifierPatterns() {}

  /**
   * Record numbers introduced by a context word: "MRN: 00482913", "medical record # A-55102", "acct 7730041",
   * "member ID XJH4429901", "driver's license ...", "VIN ...", "serial no. ...", one rule per category with its cue
   * words in {@code deid/detect-words.txt} ({@code [context-id.<category>]}); the value holds three digits or more.
   */
  public static Detector contextIds() {
    List<RegexDetector> rules = new java.util.ArrayList<>();
    for (PhiCategory category : CUED) {
      String name = category.name().toLowerCase(java.util.Locale.ROOT);
      String cues = DetectWords.alternation("context-id." + name);
      rules.add(new RegexDetector("context:" + name, category, Pattern.compile("(?i)\\b(?:" + cues + ")(?![a-z])" + TAIL
          + ID + "(?![\\p{Alnum}])"), 0.85, IdentifierPatterns::plausibleId)
          .starting(MatchStarts.prefixes(MatchStarts.heads(cues, 5))));
    }
    return Detector.all(rules);
  }

  static boolean plausibleId(String s) {
    int digits = s.replaceAll("\\D", "").length();
    return s.length() >= 4 && digits >= 3;
  }

  public static List<Detector> all() {
    return List.of(ipv6(), domain(), digitRun(), digitGroups(), alphaNumericId(), localPhone());
  }

  public static RegexDetector ipv6() {
    return new RegexDetector("pattern:ipv6", PhiCategory.IP, Pattern.compile(
        "(?i)(?<![\\w:.])(?:[0-9a-f]{0,4}:){2,7}[0-9a-f]{0,4}(?:%\\w+)?(?![\\w:])"), 0.9, IdentifierPatterns::validIpv6)
        .starting(MatchStarts.of("0-9a-fA-F:").notAfter(MatchStarts.WORD + ":.").requires(":")
            .where((text, p) -> text.startsWith(":", skip(text, p, "0123456789abcdefABCDEF"))));
  }

  public static RegexDetector domain() {
    return new RegexDetector("pattern:domain", PhiCategory.URL, Pattern.compile(
        "(?i)(?<![\\w.@/-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\\.){1,8}(?:" + TLD + ")(?![\\w@-])(?:/[^\\s<>\"']*"
            + "[^\\s<>\"'.,;:!?)\\]])?"), 0.8, IdentifierPatterns::plausibleDomain)
        .starting(MatchStarts.of(MatchStarts.ALNUM).notAfter(MatchStarts.WORD + ".@/-").requires(".")
            .where((text, p) -> text.startsWith(".", skip(text, p, LABEL))));
  }

  public static RegexDetector digitRun() {
    return new RegexDetector("pattern:digit-run", PhiCategory.OTHER_ID, Pattern.compile(
        "(?<![\\d.,])\\d{7,}(?![\\d]|[.,]\\d)"), 0.6)
        .starting(MatchStarts.digits(7, Integer.MAX_VALUE, ""));
  }

  public static RegexDetector digitGroups() {
    return new RegexDetector("pattern:digit-groups", PhiCategory.ACCOUNT, Pattern.compile(
        "(?<![\\d-])\\d{4}(?<sep>[ -])\\d{4}\\k<sep>\\d{4}(?:\\k<sep>\\d{1,4})?(?![\\d-])|(?<![\\d-])\\d{4}[ -]\\d{6}[ -]\\d{5}(?![\\d-])"),
        0.8)
        .starting(MatchStarts.digits(4, 4, " -"));
  }

  /** Mixed letters and digits, 6+ characters with 4+ digits: "MR7730412", "XJH4429901", "S99997911", "X85082377X". */
  public static RegexDetector alphaNumericId() {
    return new RegexDetector("pattern:alnum-id", PhiCategory.OTHER_ID, Pattern.compile(
        "(?<![\\p{Alnum}.-])(?=[A-Za-z0-9-]*[A-Za-z])(?=(?:[A-Za-z-]*\\d){4})[A-Za-z0-9](?:[A-Za-z0-9-]{4,28})"
            + "[A-Za-z0-9](?![\\p{Alnum}]|-\\w|\\.\\d)"), 0.6, IdentifierPatterns::plausibleAlnumId)
        .starting(MatchStarts.of(MatchStarts.ALNUM).notAfter(MatchStarts.ALNUM + ".-").where(IdentifierPatterns::fourDigits));
  }

  /** The characters of a domain label: a domain's first label runs up to a dot. */
  private static final String LABEL = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-";

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

  public static RegexDetector localPhone() {
    return new RegexDetector("pattern:phone-local", PhiCategory.PHONE, Pattern.compile(
        "(?<![\\w/.-])[2-9]\\d{2}-\\d{4}(?![\\d-])"), 0.7)
        .starting(MatchStarts.of("2-9").notAfter(MatchStarts.WORD + "/.-").requires("-"));
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

  public static RegexDetector email() {
    return new RegexDetector("pattern:email", PhiCategory.EMAIL, Pattern.compile(
        "(?i)(?<![\\w.+-])[a-z0-9._%+-]+@[a-z0-9-]+(?:\\.[a-z0-9-]+){0,8}\\.[a-z]{2,}(?![\\w-])"), 0.95)
        .starting(MatchStarts.of("A-Za-z0-9._%+-").notAfter(MatchStarts.WORD + ".+-").requires("@"));
  }

  public static RegexDetector url() {
    return new RegexDetector("pattern:url", PhiCategory.URL, Pattern.compile(
        "(?i)\\b(?:https?://|www\\.)[^\\s<>\"']*[^\\s<>\"'.,;:!?)\\]]"), 0.9)
        .starting(MatchStarts.words("hw"));
  }

  public static RegexDetector ipv4() {
    return new RegexDetector("pattern:ipv4", PhiCategory.IP, Pattern.compile(
        "(?<![\\d.])(?:\\d{1,3}\\.){3}\\d{1,3}(?![\\d]|\\.\\d)"), 0.9, IdentifierPatterns::validIpv4)
        .starting(MatchStarts.digits(1, 3, ".").requires("."));
  }

  public static RegexDetector ssn() {
    return new RegexDetector("pattern:ssn", PhiCategory.SSN, Pattern.compile(
        "(?<![\\d-])\\d{3}-\\d{2}-\\d{4}(?![\\d-])"), 0.9, IdentifierPatterns::validSsn)
        .starting(MatchStarts.digits(3, 3, "-").requires("-"));
  }

  public static RegexDetector poBox() {
    return new RegexDetector("pattern:po-box", PhiCategory.GEO, Pattern.compile(
        "(?i)\\bP\\.?\\s?O\\.?\\s+Box\\s+\\d+\\b"), 0.9)
        .starting(MatchStarts.words("p"));
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
}
