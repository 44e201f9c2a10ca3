package org.phigate.deid.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.phigate.gazetteer.Lexicon;
import org.phigate.schema.PhiCategory;
import org.phigate.schema.PhiFinding;

/**
 * Non-US addresses (GEO): street names in several languages (Rue/Via/Calle first, -straße/-straat/-gade/-vej last,
 * number before or after), postcodes by country format (UK, Canada, Netherlands, Australian state + 4 digits,
 * 5-digit postcode with a city, a country name with a postcode, a postcode after a cue) and the city line of a
 * multi-line address block above its country line.
 */
public final class InternationalAddressDetector implements Detector {
  static final String COUNTRIES = DetectWords.alternation("international-address-detector.countries");
  /** Street words that stand before the name (Romance languages and English "Avenue de ..."). */
  private static final String PREFIX = DetectWords.alternation("international-address-detector.prefix");
  /** Street words that end a compound street name (Germanic, Nordic, Finnish, Hungarian, Slavic). */
  /** The words {@link #PREFIX} starts with, for {@link MatchStarts#near}. */
  private static final String PREFIX_WORDS = DetectWords.alternation("international-address-detector.prefix-words");
  private static final String SUFFIXES = DetectWords.alternation("international-address-detector.suffixes");
  private static final String PARTICLE = "(?:" + DetectWords.alternation("international-address-detector.particle")
      + ")";
  private static final String CAP = "\\p{Lu}[\\p{L}'’-]{0,30}+";
  /** An elided particle written onto the name ("d'Ouchy", "l'Église"). */
  private static final String GLUED = "(?:[dlDL]['’])?";
  private static final String UK_POSTCODE = "[A-Z]{1,2}\\d[A-Z\\d]?[ ]\\d[ABD-HJLNP-UW-Z]{2}";
  private static final String CA_POSTCODE = "[ABCEGHJ-NPRSTVXY]\\d[ABCEGHJ-NPRSTV-Z][ -]?\\d[ABCEGHJ-NPRSTV-Z]\\d";
  private static final String AU_STATES = DetectWords.alternation("international-address-detector.au-states");
  private static final String UNIT = "(?:,?[ \\t]*(?:" + DetectWords.alternation("address.unit-words") + "|Piso|Étage|Whg)\\.?[ \\t]*#?[ \\t]*"
      + "[A-Za-z0-9-]{1,6})?";

  private static final Pattern SUFFIXED = Pattern.compile("(?i)(?:" + SUFFIXES + ")\\.?[ \\t]+\\d");
  /** Cheap scans that must find something before the costlier rule with the same index runs. */
  private static final Map<String, Pattern> PREFILTERS = Map.of(
      "pattern:postcode-uk", Pattern.compile(UK_POSTCODE),
      "pattern:postcode-au", Pattern.compile("\\b(?:" + AU_STATES + "),?[ \\t]+\\d{4}"),
      "pattern:postcode-nl", Pattern.compile("\\d{4}[ ]?[A-Z]{2}[ \\t]+\\p{Lu}"),
      "pattern:city-above-country", Pattern.compile("\\n[ \\t]*,?[ \\t]*(?=\\p{Lu})(?:" + COUNTRIES + ")\\b"));

  private final List<RegexDetector> rules = List.of(
      new RegexDetector("pattern:street-intl-prefix", PhiCategory.GEO, Pattern.compile(
          "(?<![\\p{L}])(?=[\\d\\p{Lu}])(?:\\d{1,5}[a-z]?(?:[ \\t]?(?:bis|ter))?,?[ \\t]+)?(?:" + PREFIX + ")[ \\t]+(?:" + PARTICLE
              + "[ \\t]+){0,2}" + GLUED + CAP + "(?:[ \\t]+(?:" + PARTICLE + "[ \\t]+)?" + GLUED + CAP + "){0,3}(?:,?[ \\t]*(?:n[º°o.]?[ \\t]*)?"
              + "\\d{1,5}[a-zA-Z]?\\b)?" + UNIT), 0.8, InternationalAddressDetector::notClinicalStreet).starting(MatchStarts.of("0-9A-Z").orUpper().notAfter("A-Za-z")
              .near(PREFIX_WORDS)),
      new RegexDetector("pattern:street-intl-prefix", PhiCategory.GEO, Pattern.compile(
          "(?<![\\p{Alnum}])\\d{1,5}[a-z]?(?:[ \\t]?(?:bis|ter))?,?[ \\t]+(?:rue|avenue|boulevard|allée|chemin|impasse|quai"
              + "|place|via|viale|piazza|corso|calle|avenida|rua)[ \\t]+(?:" + PARTICLE + "[ \\t]+){0,2}"
              + "(?:\\p{Ll}[\\p{L}'’-]{2,30}+[ \\t]+){0,2}" + CAP + "(?:[ \\t]+" + CAP + "){0,3}" + UNIT), 0.8,
          AddressCues::lowerWordsArePlaces).starting(MatchStarts.digits(1, 5, "a-z ,\t")),
      new RegexDetector("pattern:street-intl-suffix", PhiCategory.GEO, Pattern.compile(
          "(?<![\\p{L}])(?:\\d{1,5}[ \\t]+)?(?:\\p{Lu}\\.[ \\t]?)?(?:" + CAP + "[ \\t-]+){0,2}\\p{Lu}[\\p{L}'’-]{0,40}+\\.?"
              + "[ \\t]+\\d{1,5}[a-zA-Z]?\\b\\.?" + UNIT), 0.8, InternationalAddressDetector::suffixedStreet).starting(MatchStarts.of("0-9A-Z").orUpper().notAfter("A-Za-z")
              .near(MatchStarts.DIGITS)),
      new RegexDetector("pattern:street-intl", PhiCategory.GEO, Pattern.compile(
          "(?<![\\p{Alnum},./:-])\\d{1,5}[ \\t]+(?:" + CAP + "[ \\t]+){0,2}" + CAP + "[ \\t]+\\d{1,4}[a-zA-Z]?\\b\\.?"
              + UNIT + "(?=[ \\t]*(?:,|\\r?\\n))"), 0.75, InternationalAddressDetector::plausibleStreetName).starting(MatchStarts.digits(1, 5, " \t")),
      new RegexDetector("pattern:postcode-uk", PhiCategory.GEO, Pattern.compile(
          "(?<phi>(?<![\\p{L}])(?:\\p{Lu}[\\p{L}'’-]{1,30}+[ \\t]+){0,2}(?<![\\p{Alnum}])" + UK_POSTCODE + ")(?![\\p{Alnum}])"),
          0.85, InternationalAddressDetector::notClinicalPlace).starting(MatchStarts.of("A-Z").orUpper().notAfter("A-Za-z")),
      new RegexDetector("pattern:postcode-ca", PhiCategory.GEO, Pattern.compile(
          "(?<![\\p{Alnum}])(?:(?:AB|BC|MB|NB|NL|NS|NT|NU|ON|PE|QC|SK|YT)[ \\t]+)?" + CA_POSTCODE + "(?![\\p{Alnum}])"),
          0.85).starting(MatchStarts.of("A-Z").notAfter(MatchStarts.ALNUM).where((text, p) -> p + 2 < text.length()
              && (Character.isDigit(text.charAt(p + 1)) || text.charAt(p + 2) == ' ' || text.charAt(p + 2) == '\t'))),
      new RegexDetector("pattern:postcode-au", PhiCategory.GEO, Pattern.compile(
          "(?<phi>(?<![\\p{L}])(?:\\p{Lu}[\\p{L}'’-]{1,30}+[ \\t]+){0,2}(?:" + AU_STATES + "),?[ \\t]+\\d{4})(?![\\d-])"),
          0.8, InternationalAddressDetector::notClinicalPlace).starting(MatchStarts.of("A-Z").orUpper().notAfter("A-Za-z")
              .near(AU_STATES.toLowerCase(Locale.ROOT))),
      new RegexDetector("pattern:postcode-nl", PhiCategory.GEO, Pattern.compile(
          "(?<![\\p{Alnum}])[1-9]\\d{3}[ ]?[A-Z]{2}[ \\t]+\\p{Lu}[\\p{L}'’-]{1,30}+(?:[ \\t]+\\p{Lu}[\\p{L}'’-]{1,30}+)?"), 0.8,
          InternationalAddressDetector::notClinicalPlace).starting(MatchStarts.digits(4, 4, " A-Z")),
      new RegexDetector("pattern:postcode-city", PhiCategory.GEO, Pattern.compile(
          "(?=[A-Z\\d])(?<=[,\\n:;][ \\t]{0,3}|^[ \\t]{0,3}|\\b(?:in|at)[ \\t])(?:\\d{4}-\\d{3}|(?:[A-Z]{1,2}-)?\\d{4,5})[ \\t]+\\p{Lu}[\\p{L}'’-]{1,30}+(?:[ \\t-](?:(?:am|an|sur|la|de|del|im)"
              + "[ \\t])?\\p{Lu}[\\p{L}'’-]{1,30}+){0,2}(?:[ \\t]+(?:Cedex|CEDEX)(?:[ \\t]+\\d{1,2})?)?(?![ \\t]*\\d)"), 0.8,
          InternationalAddressDetector::plausibleCityAfterCode).starting(MatchStarts.of("A-Z0-9")
          .where(InternationalAddressDetector::afterListOrInOrAt)),
      new RegexDetector("pattern:postcode-country", PhiCategory.GEO, Pattern.compile(
          "\\b(?=\\p{Lu})(?:" + COUNTRIES + ")(?:[ \\t]*\\([\\p{L} ]{1,20}\\))?,?[ \\t]+\\d{4,6}(?![\\d.,/:-]\\d|\\d)"), 0.85).starting(MatchStarts.prefixes(COUNTRIES)),
      new RegexDetector("pattern:postcode-cue", PhiCategory.GEO, Pattern.compile(
          "(?=[zZpPcC])(?i:\\b(?:zip|zip code|postal code|postcode|post code|PLZ|CAP|código postal|code postal)\\b)[ \\t]*[:#]?[ \\t]*"
              + "(?<phi>\\d{4,6}|" + UK_POSTCODE + "|" + CA_POSTCODE + ")(?![\\p{Alnum}])"), 0.85).starting(MatchStarts.prefixes("zip|post|plz|cap|código|code")),
      new RegexDetector("pattern:city-above-country", PhiCategory.GEO, Pattern.compile(
          "(?m)(?<phi>(?<![\\p{L}])\\p{Lu}[\\p{L}'’.-]{0,30}+(?:[ \\t]+\\p{L}[\\p{L}'’.-]{0,30}+){0,3})[ \\t]*,?[ \\t]*\\r?\\n"
              + "[ \\t]*,?[ \\t]*(?:" + COUNTRIES + ")\\b"), 0.75,
          InternationalAddressDetector::notClinicalPlace).starting(MatchStarts.capitalized().requires("\n")));

  /** A compound street name ends in a street word ("Hauptstraße 5") and is not an English word ("During 1971"). */
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

  static boolean suffixedStreet(String match) {
    java.util.regex.Matcher m = SUFFIXED.matcher(match);
    if (!m.find()) {
      return false;
    }
    String[] words = match.substring(0, m.end()).trim().split("[ \\t-]+");
    String word = words[Math.max(0, words.length - 2)].replaceAll("\\.$", "");
    Lexicon lx = Lexicon.get();
    String suffix = m.group().replaceFirst("\\.?[ \\t]+\\d$", "");
    return word.equalsIgnoreCase(suffix) || !lx.isEnglishWord(word) || lx.isName(word);
  }

  /** A prefix-street match is kept unless its name words are clinical vocabulary ("Place of service", "Via IV"). */
  static boolean notClinicalStreet(String match) {
    String[] words = match.replaceAll("^[\\d ,\\t]+", "").split("[ \\t]+");
    if (words.length < 2) {
      return false;
    }
    String name = words[words.length > 2 && words[1].length() <= 4 && Character.isLowerCase(words[1].charAt(0))
        ? 2 : 1].replaceAll("[,.]", "");
    Lexicon lx = Lexicon.get();
    return name.length() > 1 && !lx.isClinicalTerm(name) && !name.equals(name.toUpperCase(Locale.ROOT))
        || lx.isName(name);
  }

  static final Pattern DRUG_STEM = Pattern.compile("(?i).*(?:" + DetectWords.alternation("international-address-detector.drug-stem")
      + ")");

  private static final Pattern MONTH = Pattern.compile("(?i)jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec"
      + "|january|february|march|april|june|july|august|september|october|november|december");

  /** "number Name number," is a street when its name words are neither clinical, common English nor drug-like. */
  static boolean plausibleStreetName(String match) {
    Lexicon lx = Lexicon.get();
    for (String w : match.split("[ \\t,.]+")) {
      if (w.isEmpty() || !Character.isLetter(w.charAt(0)) || w.matches("(?i)apt|apartment|suite|ste|unit|flat|piso|whg")) {
        continue;
      }
      if (lx.isClinicalTerm(w) || lx.isEnglishWord(w) && !lx.isName(w) || DRUG_STEM.matcher(w).matches()
          || MONTH.matcher(w).matches()) {
        return false;
      }
    }
    return true;
  }

  /** The capitalized words of a place are not clinical vocabulary. */
  static boolean notClinicalPlace(String place) {
    Lexicon lx = Lexicon.get();
    for (String w : place.split("[ \\t\\r\\n,]+")) {
      String word = w.replaceAll("[.'’-]+$", "");
      if (word.length() > 2 && !Character.isDigit(word.charAt(0)) && lx.isClinicalTerm(word) && !lx.isName(word)) {
        return false;
      }
    }
    return true;
  }

  /** "10115 Berlin": the word after a 4–5 digit code is a place name, not a unit or clinical word ("5000 Units"). */
  static boolean plausibleCityAfterCode(String match) {
    String[] words = match.trim().replaceFirst("^(\\d{4})-\\d{3}", "$1").split("[ \\t-]+");
    if (words[0].matches("(?:19|20)\\d\\d")) {
      return false;
    }
    String city = words[words.length > 1 && words[0].matches("[A-Z]{1,2}") ? 2 : 1];
    Lexicon lx = Lexicon.get();
    return city.length() > 2 && !city.equals(city.toUpperCase(Locale.ROOT)) && notClinicalPlace(city)
        && (!lx.isEnglishWord(city) || lx.isName(city));
  }

  @Override
  public List<PhiFinding> find(String path, String text, KnownIdentifiers known) {
    List<PhiFinding> out = new ArrayList<>();
    for (RegexDetector rule : rules) {
      Pattern pre = PREFILTERS.get(rule.name());
      if (pre == null || pre.matcher(text).find()) {
        out.addAll(rule.find(path, text, known));
      }
    }
    return AddressBlocks.extend(path, text, out);
  }
}
