package org.phigate.deid.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.phigate.deid.dates.DateText;
import org.phigate.schema.PhiCategory;
import org.phigate.schema.PhiFinding;

/**
 * North American phone numbers with separators or parentheses (a bare 10-digit run is left to ID detectors), with
 * NANP validation (area code and exchange start 2-9). A number is a FAX when the nearest contact cue before it
 * (within 30 characters) is "fax" or "f:", otherwise a PHONE. Also phone numbers in any digit grouping
 * ("60-56-85-91", "(71) 4233-6306", "9472 7916") when a contact cue stands right before them ("Phone:" on the line
 * above, "call me on", "cb#") or right after them ("-Office", " fax"): without a cue such groupings stay unflagged
 * (doses, lab values and scores look the same); the number is a FAX when its own cue says fax.
 */
public final class PhoneFaxDetector implements Detector {
  private static final Pattern PHONE = Pattern.compile(
      "(?<![\\p{Alnum}])(?:\\+?1[\\s.-]?)?(?:\\(\\d{3}\\)\\s*|\\d{3}[\\s.-])\\d{3}[\\s.-]\\d{4}(?:x\\d{1,6})?"
          + "(?!\\d)");
  private static final Pattern CUE = Pattern.compile(
      "(?i)\\b(fax|f:|phone|ph|tel|telephone|cell|mobile|call|pager|home|work|contact)\\b");

  /** Any digit grouping after a contact cue: international and local formats ("0490 75 40 81", "(37) 788-063"). */
  private static final Pattern CUED = Pattern.compile("(?i)\\b(?<cue>phone|ph|tel|telephone|cell|cellphone|mobile|mob"
      + "|fax|pager|beeper|contact(?:\\s+number)?|call(?:\\s+me)?(?:\\s+back)?(?:\\s+at)?|reach(?:\\s+me)?\\s+at"
      + "|callback|call-back|number)\\b\\.?[ \\t]*(?:#|no\\.?|number)?[ \\t]*[:=]?[ \\t]*(?<phi>(?<number>\\+?\\(?\\d[\\d \\t().-]{5,18}\\d)"
      + "(?:x\\d{2,6}(?!\\d))?)(?![\\d/])");

  private static final MatchStarts CUED_STARTS = MatchStarts.prefixes(
      "ph|tel|cell|mob|fax|pager|beeper|contact|call|reach|number");
  private static final MatchStarts PHONE_STARTS = MatchStarts.of("0-9+(").notAfter(MatchStarts.ALNUM);

  @Override
  public List<PhiFinding> find(String path, String text, KnownIdentifiers known) {
    List<PhiFinding> out = new ArrayList<>();
    Matcher c = CUED.matcher(text);
    for (int from = 0; CUED_STARTS.find(c, text, from); from = MatchStarts.after(c)) {
      String number = c.group("number");
      int digits = number.replaceAll("\\D", "").length();
      if (digits >= 7 && digits <= 15 && !DateText.parse(number).isPresent()
          && phoneGroups(number.trim())) {
        boolean fax = c.group("cue").toLowerCase(Locale.ROOT).equals("fax");
        out.add(Findings.span(fax ? PhiCategory.FAX : PhiCategory.PHONE, path, c.start("phi"), c.end("phi"),
            fax ? "context:fax" : "context:phone", 0.85));
      }
    }
    Matcher m = PHONE.matcher(text);
    for (int from = 0; PHONE_STARTS.find(m, text, from); from = MatchStarts.after(m)) {
      String digits = m.group().replaceAll("\\D", "");
      if (digits.length() == 11) {
        digits = digits.substring(1);
      }
      if (digits.charAt(0) < '2' || digits.charAt(3) < '2') {
        continue;
      }
      PhiCategory after = cueAfter(text, m.end());
      boolean fax = after == null ? isFax(text.substring(Math.max(0, m.start() - 30), m.start()))
          : after == PhiCategory.FAX;
      out.add(Findings.span(fax ? PhiCategory.FAX : PhiCategory.PHONE, path, m.start(), m.end(),
          fax ? "pattern:fax" : "pattern:phone", 0.9));
    }
    out.addAll(cued(path, text));
    return out;
  }

  private static boolean isFax(String before) {
    Matcher cue = CUE.matcher(before);
    String last = null;
    while (cue.find()) {
      last = cue.group(1).toLowerCase(Locale.ROOT);
    }
    return ("fax".equals(last) || "f:".equals(last)) && faxCueBefore(before);
  }

  /** A cue word followed by a number labels that number ("Phone 555-0100   Fax 555-0199"), not the one before. */
  private static final String NO_NUMBER_AFTER = "(?![ \\t]*[:#.=]?[ \\t]*\\+?\\(?\\d)";
  private static final String NUMBER = "\\+?\\(?\\d[\\d().\\- \\t]{5,20}\\d(?:x\\d{1,6})?";
  private static final Pattern BEFORE = Pattern.compile("(?=[pPtTcCmMfFoObBdDrRaA])(?i)(?<![\\p{L}])(?<cue>phone|tel|telephone|cell|cellphone"
      + "|mobile|mob|fax|pager|beeper|office|desk|cb|callback|call-back|contact(?:[ \\t]+(?:number|no\\.?))?"
      + "|call[ \\t]+(?:me[ \\t]+)?(?:back[ \\t]+)?(?:on|at)|reach[ \\t]+(?:me[ \\t]+)?(?:on|at)|text[ \\t]+me[ \\t]+(?:on|at)"
      + "|answering[ \\t]+(?:at|on)|messages[ \\t]+to|my[ \\t]+registered(?:[ \\t]+(?:number|mobile|phone))?)"
      + "(?![\\p{L}])\\.?[ \\t]*(?:#|no\\.?|number)?[ \\t]*[:=]?[ \\t]*(?:\\r?\\n[ \\t]*)?(?<phi>" + NUMBER + ")"
      + "(?![\\d/]|[.,:-]\\d)");
  private static final Pattern AFTER = Pattern.compile("(?<![\\p{Alnum}+./:-])(?<phi>" + NUMBER
      + ")[ \\t]*-?[ \\t]*(?i:(?<cue>office|fax|mobile|cell|cellphone|pager)(?![\\p{L}]))" + NO_NUMBER_AFTER);
  private static final Pattern AFTER_CUE_WORD = Pattern.compile("(?=[oOfFmMcCpP])(?i:office|fax|mobile|cell|pager)");
  /** "416 60 039 office": a cue word right after a number labels that number. */
  private static final Pattern LABEL_OF_PREVIOUS = Pattern.compile("\\d[ \\t]?-?[ \\t]?$");
  private static final Pattern TRAILING_FAX = Pattern.compile("(?i)\\d[ \\t]?-?[ \\t]?fax[ \\t]*[,;\\\\]*[ \\t]*\\r?\\n[ \\t]*$");

  private static final MatchStarts BEFORE_STARTS = MatchStarts.prefixes("phone|tel|cell|mob|fax|pager|beeper|office|desk|cb|callback|call|contact"
      + "|reach|text|answering|messages|my", "A-Za-z");
  private static final MatchStarts AFTER_STARTS = MatchStarts.of("0-9+(").notAfter(MatchStarts.ALNUM + "+./:-");

  private static final String NOT_AFTER = "(?<![\\p{Alnum}+./:,-])";
  private static final String NOT_BEFORE = "(?![\\p{Alnum}]|[.,/:-]\\d)";
  private static final Pattern E164 = Pattern.compile("(?=\\+)" + NOT_AFTER + "\\+[1-9]\\d{0,2}(?:[ \\t.-]?\\(0\\))?"
      + "(?:[ \\t.-]?\\(?\\d{1,5}\\)?){1,6}(?:x\\d{1,6})?" + NOT_BEFORE);
  private static final Pattern INTL_PREFIX = Pattern.compile("(?=0)" + NOT_AFTER + "00[1-9]\\d{0,2}(?:[ \\t.-]\\(?\\d{1,5}\\)?)"
      + "{2,6}" + NOT_BEFORE);
  private static final Pattern TRUNK = Pattern.compile("(?=[(0])" + NOT_AFTER + "(?:\\(0\\d{1,4}\\)[ \\t]?\\d{2,5}(?:[ \\t-]\\d{2,5}){0,2}"
      + "|0\\d{1,4}(?:[ \\t-]\\d{2,5}){2,4}|0\\d{2,4}[ \\t/-]\\d{5,8}|0[1-9](?:\\.\\d\\d){4})" + NOT_BEFORE);

  /** E.164 starts at "+", the others at "0" or "(": after none of NOT_AFTER's characters. */
  private static final MatchStarts INTL_STARTS = MatchStarts.of("+0(").notAfter(MatchStarts.ALNUM + "+./:,-");

  /**
   * Phone numbers outside the North American plan without a cue word: E.164 ("+44 20 7946 0958", "+49 (0)30 123456"),
   * the "00" international prefix, and national formats with a trunk 0 ("(02) 9876 5432", "0161 496 0000",
   * "030 1234567", "01 23 45 67 89"), validated by digit count (E.164: at most 15) and never a date.
   */
  static Detector international() {
    return (path, text, known) -> {
      List<PhiFinding> out = new ArrayList<>();
      addIntl(out, path, text, E164, INTL_STARTS.requires("+"), 8, 15, "pattern:phone-e164");
      addIntl(out, path, text, INTL_PREFIX, INTL_STARTS, 10, 17, "pattern:phone-intl");
      addIntl(out, path, text, TRUNK, INTL_STARTS, 9, 12, "pattern:phone-national");
      return out;
    };
  }


  static List<PhiFinding> cued(String path, String text) {
    List<PhiFinding> out = new ArrayList<>();
    add(out, path, text, BEFORE.matcher(text), BEFORE_STARTS, "context:phone-cue");
    if (AFTER_CUE_WORD.matcher(text).find()) {
      add(out, path, text, AFTER.matcher(text), AFTER_STARTS, "context:phone-cue-after");
    }
    return out;
  }

  private static void add(List<PhiFinding> out, String path, String text, Matcher m, MatchStarts starts,
      String name) {
    boolean before = m.pattern() == BEFORE;
    for (int from = 0; starts.find(m, text, from); from = MatchStarts.after(m)) {
      if (before && LABEL_OF_PREVIOUS.matcher(text).region(Math.max(0, m.start() - 4), m.start()).find()) {
        continue;
      }
      String number = m.group("phi").replaceFirst("[ \\t().-]+$", "");
      long digits = number.chars().filter(Character::isDigit).count();
      boolean date = number.matches(".*\\D.*") && DateText.parse(number).isPresent();
      if (digits < 7 || digits > 18 || date || !phoneGroups(number)) {
        continue;
      }
      PhiCategory after = before ? cueAfter(text, m.start("phi") + number.length()) : null;
      boolean fax = after == null ? m.group("cue").toLowerCase(Locale.ROOT).equals("fax") : after == PhiCategory.FAX;
      out.add(Findings.span(fax ? PhiCategory.FAX : PhiCategory.PHONE, path, m.start("phi"),
          m.start("phi") + number.length(), fax ? name.replace("phone", "fax") : name, 0.85));
    }
  }

  /** Digit groups of a phone number: each has two or more digits (a leading "+1" country code aside). */
  static boolean phoneGroups(String number) {
    String core = number.replaceFirst("(?i)[ \\t]*(?:x|ext\\.?|extension)[ \\t]*\\d+$", "").replaceFirst("^\\+\\d{1,3}[ \\t.-]", "");
    if (core.replaceAll("\\D", "").length() >= 10) {
      core = core.replaceFirst("^\\d[ \\t.-]", "");
    }
    if (core.matches(".*\\d[ \\t]{2,}\\d.*")) {
      return false;
    }
    for (String group : core.split("[ \\t.-]+")) {
      if (group.replaceAll("\\D", "").length() < 2) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether the last contact cue in {@code before} is a fax cue for the number that follows; "555 1234 fax" before
   * it labels the previous number, not this one.
   */
  static boolean faxCueBefore(String before) {
    return !TRAILING_FAX.matcher(before).find();
  }

  /** The category a cue right after the number gives it ("-Fax", " mobile"), or null when there is none. */
  static PhiCategory cueAfter(String text, int end) {
    Matcher m = AFTER_CUE.matcher(text).region(end, text.length());
    if (!m.lookingAt()) {
      return null;
    }
    return m.group(1).equalsIgnoreCase("fax") ? PhiCategory.FAX : PhiCategory.PHONE;
  }

  private static final Pattern AFTER_CUE = Pattern.compile("[ \\t]*-?[ \\t]*(?i:(office|fax|mobile|cell|cellphone|pager))"
      + "(?![\\p{L}])" + NO_NUMBER_AFTER);

  private static void addIntl(List<PhiFinding> out, String path, String text, Pattern pattern, MatchStarts starts,
      int min, int max, String name) {
    Matcher m = pattern.matcher(text);
    for (int from = 0; starts.find(m, text, from); from = MatchStarts.after(m)) {
      String number = m.group();
      long digits = number.chars().filter(Character::isDigit).count();
      if (digits < min || digits > max || DateText.parse(number).isPresent()) {
        continue;
      }
      PhiCategory after = cueAfter(text, m.end());
      boolean fax = after == null ? intlFax(text.substring(Math.max(0, m.start() - 30), m.start()))
          : after == PhiCategory.FAX;
      out.add(Findings.span(fax ? PhiCategory.FAX : PhiCategory.PHONE, path, m.start(), m.end(),
          fax ? name.replace("phone", "fax") : name, 0.85));
    }
  }

  private static boolean intlFax(String before) {
    int fax = before.toLowerCase(java.util.Locale.ROOT).lastIndexOf("fax");
    if (fax < 0) {
      return false;
    }
    String after = before.substring(fax).toLowerCase(java.util.Locale.ROOT);
    return !after.contains("phone") && !after.contains("tel") && !after.contains("mobile")
        && faxCueBefore(before);
  }
}
