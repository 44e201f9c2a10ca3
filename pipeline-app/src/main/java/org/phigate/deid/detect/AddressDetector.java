package org.phigate.deid.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.phigate.schema.PhiCategory;
import org.phigate.schema.PhiFinding;

/**
 * Geographic subdivisions smaller than a state (GEO): street addresses (number, capitalized name, suffix, optional
 * unit), ZIP codes after a state or a "ZIP" cue, a city before a state abbreviation, and named facilities
 * ("... Hospital", "... Clinic"). States themselves are not PHI and stay.
 */
public final class AddressDetector implements Detector {
  public static final String ZIP_DETECTOR = "pattern:zip";
  static final String STATES = DetectWords.alternation("address-detector.states");
  private static final Detector RULES = RegexDetector.groupDetector("address");
  private static final Detector FORMS = RegexDetector.groupDetector("address-forms");
  private static final Detector LOWER_CASE_FORMS = RegexDetector.groupDetector("address-lower");
  /** After an address cue, the capitalized words and numbers that follow; used only where no other rule found GEO. */
  private static final Detector FALLBACK_RULE = RegexDetector.groupDetector("address-fallback");
  private static final Detector INTERNATIONAL = RegexDetector.groupDetector("address-intl");

  static final String LOWER_STREET = "pattern:street-lower";
  // "dr" alone is the doctor ("call 2 dr smith"): it is a drive only before a city, state and ZIP (DRIVE)
  private static final String LOWER_SUFFIX = DetectWords.alternation("address-detector.lower-suffix");
  private static final String LOWER_STATES = STATES.toLowerCase(java.util.Locale.ROOT);
  /** "dr" is a drive only when the city, state and ZIP follow it ("6123 zaaijer dr, schenkers hollow, mn 28222"). */
  private static final String DRIVE = "dr(?=\\.?,[^,\\n]{2,40},\\s*(?:" + LOWER_STATES + ")\\.?\\s+\\d{5})";
  private static final Pattern LOWER_ADDRESS = Pattern.compile(
      "\\b(?:address(?:\\s+is|:)|live(?:s|d)?\\s+at|living\\s+at|staying\\s+at|moved\\s+to|move\\s+to|mail(?:ed)?"
          + "\\s+(?:it\\s+)?to|send\\s+(?:it\\s+|them\\s+)?to|ship\\s+(?:it\\s+)?to|deliver(?:ed)?\\s+to)\\s+"
          + "(?<street>\\d{1,6}[a-z]?\\s+(?:[\\p{Ll}'-]+\\s+){0,3}[\\p{Ll}'-]+\\s+(?:" + LOWER_SUFFIX + "|" + DRIVE + ")\\b\\.?"
          + "(?:,?\\s*(?:apt|apartment|suite|ste|unit|#)\\.?\\s*#?\\s*[a-z0-9-]+)?)"
          + "(?:,\\s*(?<city>\\p{Ll}[\\p{Ll}' -]{1,40}?),\\s*(?:" + LOWER_STATES + ")\\.?\\s+(?<zip>\\d{5}(?:-\\d{4})?)(?![\\d-]))?");

  /**
   * US street addresses typed in lower case ("our address is 7883 van den heuvel rd, apt 12e, flobbeburg, tx 70571"),
   * only in text parts that are lower case throughout ({@link LowerCaseText#lowerCase}) and only after an address cue,
   * because without capitals "2 blocks down the road" has the same shape. The street (with its unit), the city and
   * the ZIP become separate GEO findings; the state stays. Detector name: {@value #LOWER_STREET}.
   */
  static Detector lowerCaseStreets() {
    return (path, text, known) -> {
      List<PhiFinding> out = new ArrayList<>();
      if (!LowerCaseText.lowerCase(text)) {
        return out;
      }
      Matcher m = LOWER_ADDRESS.matcher(text);
      while (m.find()) {
        for (String group : List.of("street", "city", "zip")) {
          if (m.start(group) >= 0) {
            out.add(Findings.span(PhiCategory.GEO, path, m.start(group), m.end(group), LOWER_STREET, 0.8));
          }
        }
      }
      return out;
    };
  }

  /**
   * Non-US addresses (GEO, the {@code address-intl} rules): street names in several languages (Rue/Via/Calle first,
   * -straße/-straat/-gade/-vej last, number before or after), postcodes by country format (UK, Canada, Netherlands,
   * Australian state + 4 digits, 5-digit postcode with a city, a country name with a postcode, a postcode after a
   * cue) and the city line of a multi-line address block above its country line.
   */
  public static Detector international() {
    return (path, text, known) -> AddressBlocks.extend(path, text, INTERNATIONAL.find(path, text, known));
  }

  @Override
  public List<PhiFinding> find(String path, String text, KnownIdentifiers known) {
    List<PhiFinding> out = new ArrayList<>(RULES.find(path, text, known));
    out.addAll(FORMS.find(path, text, known));
    if (LowerCaseText.unchangedByLowerCase(text)) {
      out.addAll(LOWER_CASE_FORMS.find(path, text, known));
      out.addAll(AddressBlocks.lowerCase(path, text, known));
    }
    for (PhiFinding cued : FALLBACK_RULE.find(path, text, known)) {
      if (out.stream().noneMatch(f -> f.getStart() < cued.getEnd() && cued.getStart() < f.getEnd())) {
        out.add(cued);
      }
    }
    return AddressBlocks.extend(path, text, out);
  }
}
