package org.phigate.deid.detect;

import java.util.ArrayList;
import java.util.List;
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
  static final String STATES = "AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE"
      + "|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|PR|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY";
  private static final String UNAMBIGUOUS_STATES = "AL|AK|AZ|AR|CA|CT|DC|FL|GA|IL|IA|KS|KY|LA|MA|MI|MN|MS|MO|MT|NE"
      + "|NV|NH|NJ|NM|NY|NC|ND|OH|PR|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY";
  private static final String STATE_NAMES = "Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware"
      + "|Florida|Georgia|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts"
      + "|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico"
      + "|New York|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|South Carolina"
      + "|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|West Virginia|Wisconsin|Wyoming";
  private static final String SUFFIX = "Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way"
      + "|Place|Pl|Terrace|Ter|Circle|Cir|Parkway|Pkwy|Highway|Hwy|Square|Sq|Trail|Trl";
  private static final String WORD = "[A-Z0-9][A-Za-z0-9'-]*";
  private static final String ZIP = "\\d{5}(?:-\\d{4})?";

  private final List<RegexDetector> rules = List.of(
      new RegexDetector("pattern:street-address", PhiCategory.GEO, Pattern.compile(
          "(?<![\\p{Alnum}])\\d{1,6}[A-Z]?\\s+(?:[NSEW]\\.?\\s+)?(?:" + WORD + "\\s+){0,3}[A-Z][A-Za-z0-9'-]*\\s+(?:"
              + SUFFIX + ")\\b\\.?(?:,?\\s*(?:Apt|Apartment|Suite|Ste|Unit|#)\\.?\\s*#?\\s*[A-Za-z0-9-]+)?"), 0.85),
      new RegexDetector(ZIP_DETECTOR, PhiCategory.GEO, Pattern.compile(
          "\\b(?:(?:" + STATES + ")|(?i:" + STATE_NAMES + "))\\.?,?\\s+(?<phi>" + ZIP + ")(?![\\d-])"), 0.9),
      new RegexDetector(ZIP_DETECTOR, PhiCategory.GEO, Pattern.compile(
          "(?i)\\b(?:zip|zip code|postal code)\\s*[:#]?\\s*(?<phi>" + ZIP + ")(?![\\d-])"), 0.9),
      new RegexDetector("pattern:city-state", PhiCategory.GEO, Pattern.compile(
          "(?<phi>\\b[A-Z][a-z]+(?:[ ][A-Z][a-z]+){0,2}),[ ]?(?:(?:" + UNAMBIGUOUS_STATES + ")\\b|(?:" + STATES
              + ")(?=\\s+" + ZIP + "))"), 0.8),
      new RegexDetector("pattern:facility", PhiCategory.GEO, Pattern.compile(
          "\\b(?:[A-Z][A-Za-z'.-]+\\s+){1,4}(?:Hospital|Medical Center|Clinic|Health Center|Pharmacy|Nursing Home"
              + "|Rehabilitation Center|Hospice)\\b"), 0.75),
      SimplePatterns.poBox());

  @Override
  public List<PhiFinding> find(String path, String text, KnownIdentifiers known) {
    List<PhiFinding> out = new ArrayList<>();
    for (RegexDetector rule : rules) {
      out.addAll(rule.find(path, text, known));
    }
    return out;
  }
}
