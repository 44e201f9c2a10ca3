package org.phigate.deid.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.phigate.gazetteer.Lexicon;
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
  private static final String UNAMBIGUOUS_STATES = DetectWords.alternation("address-detector.unambiguous-states");
  private static final String STATE_NAMES = DetectWords.alternation("address-detector.state-names");
  private static final String SUFFIX = DetectWords.alternation("address-detector.suffix");
  private static final String WORD = "(?:St\\.|[\\p{Lu}0-9][\\p{L}0-9'-]*|de|la|las|los|del|von|van|der|den|dos|da|di|ter|bin)";
  private static final String ZIP = "\\d{5}(?:-\\d{4})?";

  private final List<RegexDetector> rules = List.of(
      new RegexDetector("pattern:street-address", PhiCategory.GEO, Pattern.compile(
          "(?<![\\p{Alnum}])\\d{1,6}[A-Z]?[ \\t]+(?:[NSEW]\\.?[ \\t]+)?(?:" + WORD + "[ \\t]+){0,3}\\p{Lu}[\\p{L}0-9'-]*[ \\t]+(?:"
              + SUFFIX + ")\\b\\.?(?:,?\\s*(?:Apt|Apartment|Suite|Ste|Unit|#)\\.?\\s*#?\\s*[A-Za-z0-9-]+)?"), 0.85).starting(MatchStarts.digits(1, 6, "A-Z \t")),
      new RegexDetector(ZIP_DETECTOR, PhiCategory.GEO, Pattern.compile(
          "\\b(?:(?:" + STATES + ")|(?i:" + STATE_NAMES + "))\\.?,?\\s+(?<phi>" + ZIP + ")(?![\\d-])"), 0.9).starting(MatchStarts.prefixes(STATES + "|" + STATE_NAMES)),
      new RegexDetector(ZIP_DETECTOR, PhiCategory.GEO, Pattern.compile(
          "(?i)\\b(?:zip|zip code|postal code)\\s*[:#]?\\s*(?<phi>" + ZIP + ")(?![\\d-])"), 0.9).starting(MatchStarts.prefixes("zip|postal code")),
      new RegexDetector("pattern:city-state", PhiCategory.GEO, Pattern.compile(
          "(?<phi>(?<![\\p{L}])\\p{Lu}\\p{Ll}+(?:[ ]\\p{Lu}\\p{Ll}+){0,2}),[ ]?(?:(?:" + UNAMBIGUOUS_STATES + ")\\b|(?:" + STATES
              + ")(?=\\s+" + ZIP + "))"), 0.8).starting(MatchStarts.capitalized().near(STATES)
          .where(AddressDetector::wordsThenComma)),
      new RegexDetector("pattern:facility", PhiCategory.GEO, Pattern.compile(
          "(?<![\\p{L}'’.-])(?:\\p{Lu}[\\p{L}'’.-]++[ \\t]+){1,4}(?:Hospital|Medical Center|Clinic|Health Center|Pharmacy|Nursing Home"
              + "|Rehabilitation Center|Hospice|Medical Group|Urgent Care|Family Practice|Family Medicine"
              + "|Surgery Center|Imaging|Radiology|Laboratories|Nursing Center|Skilled Nursing Facility|Assisted Living"
              + "|Senior Living|Health System|Healthcare|Health Care|Infirmary|Dialysis Center|Cancer Center"
              + "|Pediatrics|Internal Medicine|Women's Health|Behavioral Health|Health Partners|Physicians)\\b"), 0.75).starting(MatchStarts.capitalized().notAfter("'.-")
              .near("hospital|medical|clinic|health|pharmacy|nursing|rehabilitation|hospice|urgent|family|surgery|imaging"
                  + "|radiology|laboratories|skilled|assisted|senior|infirmary|dialysis|cancer|pediatrics|internal|women"
                  + "|behavioral|physicians")),
      new RegexDetector("pattern:city-cue", PhiCategory.GEO, Pattern.compile(
          "(?i:\\b(?:lives|living|resides|residing|moved|moving|relocated|relocating|home|born|raised|visiting"
              + "|travell?ed|returned)\\s+(?:in|to|from|at\\s+home\\s+in)\\s+)(?<phi>\\p{Lu}\\p{Ll}+(?:[ -]\\p{Lu}\\p{Ll}+){0,2})"),
          0.7, p -> notCommonWord(p) && !AddressCues.hospitalPlace(p)).starting(MatchStarts.prefixes("lives|living|resides|residing|moved|moving|relocat|home|born|raised|visiting|travel|returned")),
      IdentifierPatterns.poBox(),
      new RegexDetector("pattern:unit", PhiCategory.GEO, Pattern.compile(
          "(?i)\\b(?:apt|apartment|suite|ste)\\.?[ \\t]*#?[ \\t]*\\d+[A-Za-z]?\\b|\\b(?:PSC|CMR|Unit)[ \\t]+\\d+,?[ \\t]+Box"
              + "[ \\t]+\\d+\\b"), 0.8).starting(MatchStarts.prefixes("apt|apartment|suite|ste|psc|cmr|unit")));
  private static final List<RegexDetector> FORMS = java.util.stream.Stream.concat(AddressForms.rules().stream(),
      AddressCues.rules().stream()).toList();
  private static final List<RegexDetector> LOWER_CASE_FORMS = java.util.stream.Stream.concat(
      AddressForms.lowerCaseRules().stream(), AddressCues.lowerCaseRules().stream()).toList();
  /** After an address cue, the capitalized words and numbers that follow; used only where no other rule found GEO. */
  private static final RegexDetector FALLBACK_RULE =
      new RegexDetector("cue:address", PhiCategory.GEO, Pattern.compile(
          "(?i:\\b(?:address(?:\\s+is)?|lives\\s+(?:at|on)|living\\s+at|resides\\s+at|residing\\s+at|moved\\s+to"
              + "|mail(?:ing)?\\s+address|home\\s+address)\\b)[ \\t]*:?[ \\t]*(?<phi>(?:\\d[\\w-]*|\\p{Lu}[\\p{L}'’.-]*)"
              + "(?:(?:,[ \\t]*|[ \\t]+)(?:\\d[\\w-]*|\\p{Lu}[\\p{L}'’.-]*|de|do|da|dei|del|della|di|la|le|du|van|von|der"
              + "|den|dos|das|u\\.|str\\.?|utca|tér|ul\\.)){0,8})"), 0.75, p -> !AddressCues.hospitalPlace(p)).starting(MatchStarts.prefixes("address|lives|living|resides|residing|moved|mail|home"));

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

  static boolean notCommonWord(String place) {
    Lexicon lx = Lexicon.get();
    String first = place.split("[ -]")[0];
    return !lx.isClinicalTerm(first) && !lx.isEnglishWord(first) || lx.isName(first);
  }

  @Override
  public List<PhiFinding> find(String path, String text, KnownIdentifiers known) {
    List<PhiFinding> out = new ArrayList<>(Detector.all(rules).find(path, text, known));
    out.addAll(Detector.all(FORMS).find(path, text, known));
    if (LowerCaseText.unchangedByLowerCase(text)) {
      out.addAll(Detector.all(LOWER_CASE_FORMS).find(path, text, known));
      out.addAll(AddressBlocks.lowerCase(path, text, known));
    }
    for (PhiFinding cued : FALLBACK_RULE.find(path, text, known)) {
      if (out.stream().noneMatch(f -> f.getStart() < cued.getEnd() && cued.getStart() < f.getEnd())) {
        out.add(cued);
      }
    }
    return AddressBlocks.extend(path, text, out);
  }

  /** "Springfield," or "Palm Beach Gardens,": up to three capitalized words, single-spaced, then a comma. */
  private static boolean wordsThenComma(String text, int p) {
    int k = p;
    for (int w = 0; w < 3; w++) {
      if (k >= text.length() || !upper(text.charAt(k))) {
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

  private static boolean upper(char c) {
    return Character.isUpperCase(c) || Character.isSurrogate(c);
  }

}
