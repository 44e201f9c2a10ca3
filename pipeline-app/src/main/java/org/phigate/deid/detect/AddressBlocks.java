package org.phigate.deid.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.phigate.schema.PhiCategory;
import org.phigate.schema.PhiFinding;

/**
 * Extends a street-address finding over the lines (or comma-separated parts) that follow it in an address block:
 * unit, city, country, postcode; a state or province code ends the block (states are not PHI). Each continuation must start after a line break or comma
 * and look like an address part; at most six parts are taken, so the scan is bounded.
 */
final class AddressBlocks {
  static final String DETECTOR = "pattern:address-block";
  private static final Pattern PART = Pattern.compile("[ \\t]*(?:\\r?\\n|,)[ \\t]*,?[ \\t]*(?<part>"
      + "(?:Apt|Apartment|Suite|Ste|Unit|Flat)\\.?[ \\t]*#?[ \\t]*[A-Za-z0-9-]{1,6}"
      + "|(?:" + InternationalAddressDetector.COUNTRIES + "|United States(?: of America)?|USA)(?:[ \\t]*\\([\\p{L} ]{1,20}\\))?"
      + "(?:[ \\t]+\\d{3,6}(?:-\\d{3,4})?)?(?![\\p{L}])"
      + "|\\d{4,6}(?:-\\d{3,4})?(?![\\p{Alnum}])"
      + "|\\p{Lu}[\\p{L}'’.-]{2,30}+(?:[ \\t]\\p{Lu}[\\p{L}'’.-]{1,30}+){0,2}(?![ \\t]*\\p{Ll})"
      + ")");
  private static final Pattern COUNTRY = Pattern.compile("(?:" + InternationalAddressDetector.COUNTRIES
      + "|United States|USA)\\b.*");
  private static final Pattern LEADING_NUMBER = Pattern.compile(
      "(?:(?:Flat|Apt|Apartment|Unit|Suite)\\.?[ \\t]*\\d{1,5}[A-Za-z]?,?[ \\t]+|\\d{1,6}[ \\t]+)$");

  private AddressBlocks() {}

  /** The findings with every street-address finding (detector name starting "pattern:street") extended. */
  static List<PhiFinding> extend(String path, String text, List<PhiFinding> findings) {
    List<PhiFinding> out = new ArrayList<>(findings.size());
    for (PhiFinding f : findings) {
      if (f.getCategory() != PhiCategory.GEO || f.getDetector() == null || !f.getDetector().startsWith("pattern:street")) {
        out.add(f);
        continue;
      }
      int start = f.getStart();
      Matcher lead = LEADING_NUMBER.matcher(text.substring(Math.max(0, start - 20), start));
      if (Character.isDigit(text.charAt(start)) && lead.find()) {
        start -= lead.group().length();
      }
      int end = f.getEnd();
      Matcher m = PART.matcher(text);
      for (int parts = 0; parts < 6; parts++) {
        m.region(end, text.length());
        if (!m.lookingAt() || !InternationalAddressDetector.notClinicalPlace(m.group("part"))
            || !plausiblePart(m.group("part"))) {
          break;
        }
        end = m.end();
      }
      out.add(start == f.getStart() && end == f.getEnd() ? f
          : Findings.span(PhiCategory.GEO, path, start, end, f.getDetector(), f.getConfidence()));
    }
    return out;
  }

  /** A capitalized part is a place name, not a common English word that starts the next sentence. */
  private static boolean plausiblePart(String part) {
    char c = part.charAt(0);
    if (!Character.isLetter(c) || part.length() <= 2 || part.startsWith("Apt") || part.startsWith("Suite")
        || part.startsWith("Unit") || part.startsWith("Flat") || part.startsWith("Ste")) {
      return true;
    }
    String first = part.split("[ \\t]")[0];
    Lexicon lx = Lexicon.get();
    return !lx.isEnglishWord(first) || lx.isName(first)
        || COUNTRY.matcher(part).matches();
  }
}
