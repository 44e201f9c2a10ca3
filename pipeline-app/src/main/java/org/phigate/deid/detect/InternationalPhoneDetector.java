package org.phigate.deid.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.phigate.schema.PhiCategory;
import org.phigate.schema.PhiFinding;

/**
 * Phone numbers outside the North American plan without a cue word: E.164 ("+44 20 7946 0958", "+49 (0)30 123456"),
 * the "00" international prefix, and national formats with a trunk 0 ("(02) 9876 5432", "0161 496 0000",
 * "030 1234567", "01 23 45 67 89"), validated by digit count (E.164: at most 15) and never a date.
 */
public final class InternationalPhoneDetector implements Detector {
  private static final String NOT_AFTER = "(?<![\\p{Alnum}+./:,-])";
  private static final String NOT_BEFORE = "(?![\\p{Alnum}]|[.,/:-]\\d)";
  private static final Pattern E164 = Pattern.compile("(?=\\+)" + NOT_AFTER + "\\+[1-9]\\d{0,2}(?:[ \\t.-]?\\(0\\))?"
      + "(?:[ \\t.-]?\\(?\\d{1,5}\\)?){1,6}(?:x\\d{1,6})?" + NOT_BEFORE);
  private static final Pattern INTL_PREFIX = Pattern.compile("(?=0)" + NOT_AFTER + "00[1-9]\\d{0,2}(?:[ \\t.-]\\(?\\d{1,5}\\)?)"
      + "{2,6}" + NOT_BEFORE);
  private static final Pattern TRUNK = Pattern.compile("(?=[(0])" + NOT_AFTER + "(?:\\(0\\d{1,4}\\)[ \\t]?\\d{2,5}(?:[ \\t-]\\d{2,5}){0,2}"
      + "|0\\d{1,4}(?:[ \\t-]\\d{2,5}){2,4}|0\\d{2,4}[ \\t/-]\\d{5,8}|0[1-9](?:\\.\\d\\d){4})" + NOT_BEFORE);

  /** E.164 starts at "+", the others at "0" or "(": after none of NOT_AFTER's characters. */
  private static final MatchStarts STARTS = MatchStarts.of("+0(").notAfter(MatchStarts.ALNUM + "+./:,-");

  @Override
  public List<PhiFinding> find(String path, String text, KnownIdentifiers known) {
    List<PhiFinding> out = new ArrayList<>();
    add(out, path, text, E164, STARTS.requires("+"), 8, 15, "pattern:phone-e164");
    add(out, path, text, INTL_PREFIX, STARTS, 10, 17, "pattern:phone-intl");
    add(out, path, text, TRUNK, STARTS, 9, 12, "pattern:phone-national");
    return out;
  }

  private static void add(List<PhiFinding> out, String path, String text, Pattern pattern, MatchStarts starts,
      int min, int max, String name) {
    Matcher m = pattern.matcher(text);
    for (int from = 0; starts.find(m, text, from); from = MatchStarts.after(m)) {
      String number = m.group();
      int digits = 0;
      for (int i = 0; i < number.length(); i++) {
        digits += Character.isDigit(number.charAt(i)) ? 1 : 0;
      }
      if (digits < min || digits > max || DateText.parse(number).isPresent()) {
        continue;
      }
      PhiCategory after = PhoneCues.cueAfter(text, m.end());
      boolean fax = after == null ? isFax(text.substring(Math.max(0, m.start() - 30), m.start()))
          : after == PhiCategory.FAX;
      out.add(Findings.span(fax ? PhiCategory.FAX : PhiCategory.PHONE, path, m.start(), m.end(),
          fax ? name.replace("phone", "fax") : name, 0.85));
    }
  }

  private static boolean isFax(String before) {
    int fax = before.toLowerCase(java.util.Locale.ROOT).lastIndexOf("fax");
    if (fax < 0) {
      return false;
    }
    String after = before.substring(fax).toLowerCase(java.util.Locale.ROOT);
    return !after.contains("phone") && !after.contains("tel") && !after.contains("mobile")
        && PhoneCues.faxCueBefore(before);
  }
}
