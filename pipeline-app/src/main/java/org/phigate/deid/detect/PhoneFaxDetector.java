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
 * (within 30 characters) is "fax" or "f:", otherwise a PHONE.
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
          && PhoneCues.phoneGroups(number.trim())) {
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
      PhiCategory after = PhoneCues.cueAfter(text, m.end());
      boolean fax = after == null ? isFax(text.substring(Math.max(0, m.start() - 30), m.start()))
          : after == PhiCategory.FAX;
      out.add(Findings.span(fax ? PhiCategory.FAX : PhiCategory.PHONE, path, m.start(), m.end(),
          fax ? "pattern:fax" : "pattern:phone", 0.9));
    }
    out.addAll(PhoneCues.find(path, text));
    return out;
  }

  private static boolean isFax(String before) {
    Matcher cue = CUE.matcher(before);
    String last = null;
    while (cue.find()) {
      last = cue.group(1).toLowerCase(Locale.ROOT);
    }
    return ("fax".equals(last) || "f:".equals(last)) && PhoneCues.faxCueBefore(before);
  }
}
