package org.phigate.deid.detect;

import java.util.List;
import java.util.regex.Pattern;
import org.phigate.gazetteer.Lexicon;
import org.phigate.schema.PhiCategory;

/**
 * More street-address shapes (GEO): military mail (PSC/Unit/ship + APO/FPO/DPO line), post boxes in other
 * languages, streets with the house number after a lower-case street word ("Erzsébet tér 19.", "Trenerys gate 232"),
 * abbreviated street prefixes ("ul. Miła 53", "C/ Señores Curas 88", "Λ. Αλεξάνδρας 14"), "the corner of X and Y",
 * and a ZIP or postcode after a cue in any common format.
 */
final class AddressForms {
  private static final String PLACE_WORD = "\\p{Lu}[\\p{L}'’.-]{0,30}+";
  private static final String ANY_WORD = "\\p{L}[\\p{L}'’.-]{0,30}+";
  /** Generic street words written in lower case after the name, followed by the house number. */
  static final String LOWER_STREET_WORD = DetectWords.alternation("address-forms.lower-street-word");
  /** Street words that stand before the name, abbreviated or lower case. */
  private static final String LOWER_PREFIX = DetectWords.alternation("address-forms.lower-prefix");
  private static final String ABBREVIATED_PREFIX = "ul\\.|C/|c/|Λ\\.|Λεωφ\\.|Λεωφόρος|Οδός|trg|Trg|" + LOWER_PREFIX;
  private static final String CORNER_TOKEN = "[\\p{Lu}\\d][\\p{L}\\d'’.-]*+";
  private static final String PARTICLE = DetectWords.alternation("address-forms.particle");
  private static final String LOWER_SUFFIX = DetectWords.alternation("address-forms.lower-suffix");
  private static final Pattern STREET_OR_PARTICLE = Pattern.compile("(?:" + LOWER_STREET_WORD + "|" + PARTICLE + ")");
  /** A European postcode closing a {@code phi} group, then a preposition or the end of the clause. */
  static final String POSTCODE_THEN_END = "(?:\\d{4}-\\d{3}|\\d{4,5}|\\d{3}[ ]\\d{2}))(?=[ \\t]+(?:in|on|at|for|and|to|since"
      + "|with)\\b|[ \\t]*(?:[,;!?]|\\.(?!\\d)|$))";
  private static final String NUMBER_AFTER = "[ \\t]+\\d{1,5}[a-zA-Z]?\\b\\.?";

  private AddressForms() {}

  /**
   * A start test for "(?:\\d{1,6}[ \\t]+)?(?:words)": at a digit, a number of up to six digits and blanks, then the
   * first letter of one of the words (none when a word does not open with a plain letter).
   */
  static MatchStarts.StartTest numberThen(String alternation) {
    StringBuilder firsts = new StringBuilder();
    for (String alt : alternation.split("\\|")) {
      char c = alt.isEmpty() ? '(' : alt.charAt(0);
      if (!Character.isLetter(c)) {
        return (text, p) -> true;
      }
      firsts.append(Character.toLowerCase(c)).append(Character.toUpperCase(c));
    }
    return (text, p) -> {
      int run = MatchStarts.digitRun(text, p, 7);
      if (run == 0) {
        return true;
      }
      int k = p + run;
      int blanks = k;
      k = MatchStarts.skipBlanks(text, k);
      return run <= 6 && k > blanks && k < text.length() && firsts.indexOf(String.valueOf(text.charAt(k))) >= 0;
    };
  }

  static List<RegexDetector> rules() {
    return List.of(
        new RegexDetector("pattern:military-mail", PhiCategory.GEO, Pattern.compile(
            "(?=[PCUpcuADFadf])(?i)(?<![\\p{Alnum}])(?:(?:PSC|CMR|Unit)[ \\t]+\\d{1,5},?[ \\t]+Box[ \\t]+\\d{1,5}"
                + "|(?:USNS|USNV|USS|USCGC|USAV)[ \\t]+\\p{L}[\\p{L}'’-]{1,30}+(?:[ \\t]+\\p{L}[\\p{L}'’-]{1,30}+)?)"
                + "[ \\t]*,?[ \\t]*(?:\\r?\\n[ \\t]*)?(?-i:(?:APO|FPO|DPO|apo|fpo|dpo)[ \\t]+(?:AA|AE|AP|aa|ae|ap))"
                + "[ \\t]+\\d{5}(?:-\\d{4})?(?!\\d)"
                + "|(?<![\\p{Alnum}])(?-i:APO|FPO|DPO)[ \\t]+(?-i:AA|AE|AP)[ \\t]+\\d{5}(?:-\\d{4})?(?!\\d)"), 0.9).starting(MatchStarts.prefixes("psc|cmr|unit|usns|usnv|uss|uscgc|usav|apo|fpo|dpo", MatchStarts.ALNUM)),
        new RegexDetector("pattern:street-po-box", PhiCategory.GEO, Pattern.compile(
            "(?=[PBACS])(?<![\\p{L}])(?:Postbox|Postboks|Postfach|Boîte postale|Apartado|Casilla|Caixa Postal|Skrytka pocztowa)"
                + "[ \\t]+\\d{1,6}(?!\\d)"), 0.85).starting(MatchStarts.prefixes(
                "Postbox|Postboks|Postfach|Boîte postale|Apartado|Casilla|Caixa Postal|Skrytka pocztowa", "A-Za-z")),
        new RegexDetector("pattern:street-number-after", PhiCategory.GEO, Pattern.compile(
            "(?=[\\d\\p{Lu}])(?<![\\p{L}\\d])(?:\\d{1,6}[ \\t]+)?" + PLACE_WORD + "[ \\t]+(?:" + ANY_WORD + "[ \\t]+){0,2}(?:" + LOWER_STREET_WORD + ")"
                + NUMBER_AFTER), 0.8, AddressForms::notClinicalWords).starting(MatchStarts.of("0-9A-Z").orUpper().notAfter("A-Za-z0-9")
                    .near(MatchStarts.DIGITS)),
        new RegexDetector("pattern:street-prefix-abbrev", PhiCategory.GEO, Pattern.compile(
            "(?=[\\dCcΛΟTtRrVvAu])(?<![\\p{L}\\d])(?:\\d{1,6}[ \\t]+)?(?:" + ABBREVIATED_PREFIX + ")[ \\t]*(?:" + ANY_WORD + "[ \\t]+){1,4}"
                + "\\d{1,5}[a-zA-Z]?\\b\\.?"), 0.8, AddressForms::abbreviatedStreet).starting(MatchStarts.of("0-9CcTtRrVvAu").orUpper().notAfter("A-Za-z0-9")
                .where(numberThen(ABBREVIATED_PREFIX))),
        new RegexDetector("pattern:street-corner", PhiCategory.GEO, Pattern.compile(
            "(?i:\\bthe[ \\t]+corner[ \\t]+of)[ \\t]+(?:[\\p{L}\\d][\\p{L}\\d'’.-]*+[ \\t]+){1,6}?and[ \\t]+"
                + "(?:(?:" + PARTICLE + ")[ \\t]+)?" + CORNER_TOKEN + "(?:(?<!\\p{L}{4}\\.)[ \\t]+(?:" + CORNER_TOKEN + "|" + PARTICLE + ")){0,4}"), 0.75,
            AddressForms::corner).starting(MatchStarts.prefixes("the")),
        new RegexDetector("pattern:street-corner", PhiCategory.GEO, Pattern.compile(
            "\\bthe[ \\t]+corner[ \\t]+of[ \\t]+[\\p{Ll}\\d][^\\n.,;:!?\\p{Lu}]{0,50}?[ \\t]and[ \\t]+"
                + "[\\p{Ll}\\d][^\\n.,;:!?\\p{Lu}]{0,40}?(?=[ \\t]*(?:[.,;!?]|\\r?\\n|$))"), 0.75, AddressForms::corner).starting(MatchStarts.prefixes("the")),
        new RegexDetector("pattern:street-unit", PhiCategory.GEO, Pattern.compile(
            "(?=\\d)(?<![\\p{Alnum}.,/:-])\\d{1,6}[ \\t]+(?:" + PLACE_WORD + "[ \\t]+){1,5}\\d{1,5}[a-zA-Z]?\\.?,?[ \\t]+(?:"
                + DetectWords.alternation("address.unit-words") + ")\\.?[ \\t]*#?[ \\t]*\\d{1,5}[A-Za-z]?\\b"), 0.8,
            InternationalAddressDetector::plausibleStreetName).starting(MatchStarts.digits(1, 6, " \t")),
        new RegexDetector("pattern:postcode-after-city", PhiCategory.GEO, Pattern.compile(
            "(?<=\\b[Ii]n[ \\t])(?<phi>" + PLACE_WORD + "(?:[ \\t]+(?:" + PLACE_WORD + "|de|da|do|del|di|la|le|am|an|im|sur))"
                + "{0,3}[ \\t]+" + POSTCODE_THEN_END), 0.75, AddressForms::placeBeforePostcode).starting(MatchStarts.of("A-Z").orUpper()
                .where(InternationalAddressDetector::afterInOrAt)),
        new RegexDetector(AddressDetector.ZIP_DETECTOR, PhiCategory.GEO, Pattern.compile(
            "(?=[zZpP])(?i:\\b(?:zip|zip[ \\t]?code|postal[ \\t]code|postcode|post[ \\t]code)\\b)[ \\t]*(?:is[ \\t]+|[:#][ \\t]*)?"
                + "(?<phi>\\d{3}[ ]\\d{2}|\\d{4,5}-\\d{3,4}|\\d{4}[ ]?[A-Z]{2}|\\d{3,6})(?![\\p{Alnum}]|[.,/:]\\d)"), 0.85).starting(MatchStarts.prefixes("zip|post")));
  }

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
    return InternationalAddressDetector.plausibleStreetName(match.replaceAll("\\d", ""));
  }

  /** Street shapes for a text written all in lower case (portal messages typed without capitals). */
  static List<RegexDetector> lowerCaseRules() {
    return List.of(
        new RegexDetector("pattern:street-lower", PhiCategory.GEO, Pattern.compile(
            "(?<![\\p{L}\\d.,/:-])\\d{1,6}[ \\t]+(?:\\d{1,6}[ \\t]+)?(?:\\p{Ll}[\\p{Ll}'’-]+[ \\t]+){1,3}(?:" + LOWER_SUFFIX
                + ")\\b\\.?"), 0.75, m -> lowerStreetWords(m, true)).starting(MatchStarts.digits(1, 6, " \t")),
        new RegexDetector("pattern:street-lower", PhiCategory.GEO, Pattern.compile(
            "(?<![\\p{L}\\d.,/:-])\\d{1,6}[ \\t]+(?:\\p{Ll}[\\p{Ll}'’-]+[ \\t]+){1,2}\\d{1,4}[a-z]?\\b\\.?"
                + "(?=[ \\t]*(?:,|\\r?\\n|$|(?:st|apt|suite|ste|unit)\\b))"), 0.75, m -> lowerStreetWords(m, false)).starting(MatchStarts.digits(1, 6, " \t")));
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
          || !InternationalAddressDetector.plausibleStreetName(w))) {
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
      + ABBREVIATED_PREFIX + ")[ \\t]*");

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
}
