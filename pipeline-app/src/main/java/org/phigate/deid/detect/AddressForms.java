package org.phigate.deid.detect;

import java.util.Locale;
import java.util.regex.Pattern;
import org.phigate.gazetteer.Lexicon;

/**
 * The validators of the street and postcode rules (GEO) in {@code deid/patterns/recognizers.json}, US and
 * international: streets with the house number after a lower-case street word ("Erzsébet tér 19."), abbreviated
 * street prefixes ("ul. Miła 53"), "the corner of X and Y", compound street names ("Hauptstraße 5"), a place before
 * or after a postcode; each keeps clinical, drug-like and common English words out.
 */
final class AddressForms {
  /** Generic street words written in lower case after the name, followed by the house number. */
  static final String LOWER_STREET_WORD = DetectWords.alternation("address-forms.lower-street-word");
  /** Street words that stand before the name, abbreviated or lower case. */
  private static final String LOWER_PREFIX = DetectWords.alternation("address-forms.lower-prefix");
  private static final String PARTICLE = DetectWords.alternation("address-forms.particle");
  /** Unit words a street name may hold ("5 Elm St Apt 2"), skipped by {@link #plausibleStreetName} (lower case). */
  private static final java.util.Set<String> UNIT_WORDS = DetectWords.set("address-forms.unit-words");
  private static final Pattern STREET_OR_PARTICLE = Pattern.compile("(?:" + LOWER_STREET_WORD + "|" + PARTICLE + ")");
  static final String COUNTRIES = DetectWords.alternation("international-address-detector.countries");
  /** Street words that end a compound street name (Germanic, Nordic, Finnish, Hungarian, Slavic). */
  private static final Pattern SUFFIXED = Pattern.compile("(?i)(?:"
      + DetectWords.alternation("international-address-detector.suffixes") + ")\\.?[ \\t]+\\d");
  static final Pattern DRUG_STEM = Pattern.compile("(?i).*(?:"
      + DetectWords.alternation("international-address-detector.drug-stem") + ")");
  private static final Pattern MONTH = Pattern.compile("(?i)jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec"
      + "|january|february|march|april|june|july|august|september|october|november|december");

  private AddressForms() {}

  /**
   * "in Bjert 6091": the place words are neither clinical, drug-like nor common English, and the number is not a
   * year or a dose.
   */
  static boolean placeBeforePostcode(String match) {
    String[] words = match.split("[ \\t]+");
    String last = words[words.length - 1];
    String number = words.length > 2 && words[words.length - 2].matches("\\d{3}") ? words[words.length - 2] : last;
    if (number.matches("(?:19|20)\\d\\d")) {
      return false;
    }
    Lexicon lx = Lexicon.get();
    for (String w : words) {
      if (Character.isUpperCase(w.charAt(0)) && w.length() > 1 && (lx.isClinicalTerm(w) || lx.isEnglishWord(w))
          && !lx.isName(w) || w.length() > 1 && w.equals(w.toUpperCase(java.util.Locale.ROOT)) && w.length() <= 4
          && Character.isLetter(w.charAt(0))) {
        return false;
      }
    }
    return plausibleStreetName(match.replaceAll("\\d", ""));
  }

  private static final Pattern ORDINAL = Pattern.compile("\\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth"
      + "|seventh|eighth|ninth|tenth");

  /**
   * Lower-case street name words are neither clinical, drug-like nor common English; with a street suffix an
   * ordinal ("fourth avenue") also names a street.
   */
  static boolean lowerStreetWords(String match, boolean suffixed) {
    String[] words = match.trim().split("[ \\t]+");
    Lexicon lx = Lexicon.get();
    int last = suffixed ? words.length - 1 : words.length;
    for (int i = 0; i < last; i++) {
      String w = words[i].replaceAll("[.,]+$", "");
      if (w.isEmpty() || Character.isDigit(w.charAt(0))) {
        continue;
      }
      boolean ordinal = suffixed && ORDINAL.matcher(w).matches();
      if (!ordinal && (w.length() < 4 || lx.isEnglishWord(w) && !lx.isName(w) || lx.isClinicalTerm(w)
          || !plausibleStreetName(w))) {
        return false;
      }
    }
    return true;
  }

  /** No word of the street is a clinical term, and the name is not a drug or common English word. */
  static boolean notClinicalWords(String match) {
    Lexicon lx = Lexicon.get();
    for (String w : match.split("[ \\t]+")) {
      String word = w.replaceAll("[.,]+$", "");
      if (word.isEmpty() || !Character.isUpperCase(word.charAt(0))) {
        continue;
      }
      if (lx.isClinicalTerm(word) && !lx.isName(word)) {
        return false;
      }
    }
    return true;
  }

  private static final Pattern PREFIX_AT_START = Pattern.compile("^(?:\\d{1,6}[ \\t]+)?(?<prefix>"
      + RegexDetector.define("ABBREVIATED_PREFIX") + ")[ \\t]*");

  /**
   * "ul. Miła 53", "rue tachkent 31": every name word after the prefix is a place word, not clinical vocabulary, a
   * unit or an all-capital abbreviation ("via PEG 2"); after a lower-case prefix word also not common English.
   */
  static boolean abbreviatedStreet(String match) {
    java.util.regex.Matcher p = PREFIX_AT_START.matcher(match);
    if (!p.find()) {
      return false;
    }
    boolean lowerPrefix = p.group("prefix").matches(LOWER_PREFIX);
    String name = match.substring(p.end()).replaceFirst("[ \\t]+\\d{1,5}[a-zA-Z]?\\.?$", "");
    Lexicon lx = Lexicon.get();
    for (String w : name.split("[ \\t]+")) {
      String word = w.replaceAll("[.,]+$", "");
      boolean particle = word.matches("de|du|des|del|della|dei|di|da|do|dos|das|la|le|les|van|von|der|den|y|e");
      if (particle) {
        continue;
      }
      if (word.length() < 2 || word.length() > 1 && word.equals(word.toUpperCase(java.util.Locale.ROOT))
          || lx.isClinicalTerm(word) && !lx.isName(word)
          || lowerPrefix && lx.isEnglishWord(word) && !lx.isName(word)) {
        return false;
      }
    }
    return true;
  }

  /** "the corner of A and B": both sides name a place (capitalized or numbered), neither is clinical. */
  static boolean corner(String match) {
    String sides = match.replaceFirst("(?i)^the[ \\t]+corner[ \\t]+of[ \\t]+", "");
    String[] parts = sides.split("[ \\t]+and[ \\t]+", 2);
    return parts.length == 2 && placeSide(parts[0], match) && placeSide(parts[1], match);
  }

  private static boolean placeSide(String side, String whole) {
    boolean lowerText = whole.equals(whole.toLowerCase(java.util.Locale.ROOT));
    Lexicon lx = Lexicon.get();
    for (String w : side.split("[ \\t]+")) {
      String word = w.replaceAll("[.,]+$", "");
      if (word.isEmpty()) {
        continue;
      }
      char c = word.charAt(0);
      boolean streetWord = STREET_OR_PARTICLE.matcher(w).matches();
      if (Character.isLowerCase(c) && !lowerText && word.length() > 3 && !streetWord
          || lx.isClinicalTerm(word) && !lx.isName(word)) {
        return false;
      }
    }
    return true;
  }

  /** A compound street name ends in a street word ("Hauptstraße 5") and is not an English word ("During 1971"). */
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

  /** "number Name number," is a street when its name words are neither clinical, common English nor drug-like. */
  static boolean plausibleStreetName(String match) {
    Lexicon lx = Lexicon.get();
    for (String w : match.split("[ \\t,.]+")) {
      if (w.isEmpty() || !Character.isLetter(w.charAt(0)) || UNIT_WORDS.contains(w.toLowerCase(Locale.ROOT))) {
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

  static boolean notCommonWord(String place) {
    Lexicon lx = Lexicon.get();
    String first = place.split("[ -]")[0];
    return !lx.isClinicalTerm(first) && !lx.isEnglishWord(first) || lx.isName(first);
  }
}
