package org.phigate.deid.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.phigate.schema.PhiCategory;
import org.phigate.schema.PhiFinding;

/**
 * US street addresses typed in lower case ("our address is 7883 van den heuvel rd, apt 12e, flobbeburg, tx 70571"),
 * only in text parts that are lower case throughout ({@link LowerCaseText#lowerCase}) and only after an address cue,
 * because without capitals "2 blocks down the road" has the same shape. The street (with its unit), the city and
 * the ZIP become separate GEO findings; the state stays, as in {@link AddressDetector}. Detector name:
 * {@code pattern:street-lower}.
 */
public final class LowerCaseAddressDetector implements Detector {
  static final String NAME = "pattern:street-lower";
  // "dr" alone is the doctor ("call 2 dr smith"): it is a drive only before a city, state and ZIP (DRIVE)
  private static final String SUFFIX = Lexicon.Cues.alternation("lower-case-address-detector.suffix");
  private static final String LOWER_STATES = AddressDetector.STATES.toLowerCase(java.util.Locale.ROOT);
  /** "dr" is a drive only when the city, state and ZIP follow it ("6123 zaaijer dr, schenkers hollow, mn 28222"). */
  private static final String DRIVE = "dr(?=\\.?,[^,\\n]{2,40},\\s*(?:" + LOWER_STATES + ")\\.?\\s+\\d{5})";
  private static final Pattern ADDRESS = Pattern.compile(
      "\\b(?:address(?:\\s+is|:)|live(?:s|d)?\\s+at|living\\s+at|staying\\s+at|moved\\s+to|move\\s+to|mail(?:ed)?"
          + "\\s+(?:it\\s+)?to|send\\s+(?:it\\s+|them\\s+)?to|ship\\s+(?:it\\s+)?to|deliver(?:ed)?\\s+to)\\s+"
          + "(?<street>\\d{1,6}[a-z]?\\s+(?:[\\p{Ll}'-]+\\s+){0,3}[\\p{Ll}'-]+\\s+(?:" + SUFFIX + "|" + DRIVE + ")\\b\\.?"
          + "(?:,?\\s*(?:apt|apartment|suite|ste|unit|#)\\.?\\s*#?\\s*[a-z0-9-]+)?)"
          + "(?:,\\s*(?<city>\\p{Ll}[\\p{Ll}' -]{1,40}?),\\s*(?:" + LOWER_STATES + ")\\.?\\s+(?<zip>\\d{5}(?:-\\d{4})?)(?![\\d-]))?");

  @Override
  public List<PhiFinding> find(String path, String text, KnownIdentifiers known) {
    List<PhiFinding> out = new ArrayList<>();
    if (!LowerCaseText.lowerCase(text)) {
      return out;
    }
    Matcher m = ADDRESS.matcher(text);
    while (m.find()) {
      for (String group : List.of("street", "city", "zip")) {
        if (m.start(group) >= 0) {
          out.add(Findings.span(PhiCategory.GEO, path, m.start(group), m.end(group), NAME, 0.8));
        }
      }
    }
    return out;
  }
}
