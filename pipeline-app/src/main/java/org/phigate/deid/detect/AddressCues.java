package org.phigate.deid.detect;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.phigate.gazetteer.Lexicon;
import org.phigate.schema.PhiCategory;

/**
 * Streets named only by their words and a house number, found after a location cue ("lives on Pod Floriánem 1677",
 * "drops you off at 87818 Dalmatinova 68 St.", "is at 9816 214 Pavlou Drandaki", "address: 36 rue de pologne"):
 * without a street word the cue, a house number and place-like name words (not clinical, drug-like or common
 * English) are what make it a street. Names may hold initials ("C. Beerninckstraat"), particles ("Jiřího z
 * Poděbrad", "Avenue d'Ouchy") and, after a street prefix, lower-case words ("rue de pologne").
 */
final class AddressCues {
  static final String DETECTOR = "pattern:street-cued";
  /** A verb or noun of place, then on/at/to/in; "address" with or without a colon. */
  static final String CUE = "(?=[lLrRsSiIaAwWeEdDmMhHoOpPgGcC])(?i:\\b(?:(?:lives?|lived|living|resides?|residing"
      + "|stays?|staying|is|are|was|were|enter|return(?:ed)?|(?:drops?|dropped)[ \\t]+(?:you|him|her|me|us|them)[ \\t]+off"
      + "|located|meet[ \\t]+(?:you|me|us)|arrived|moved|moving|send[ \\t]+(?:it|this|them|a[ \\t]+new[ \\t]+one)|sent"
      + "|mail(?:ed)?|deliver(?:ed)?|ship(?:ped)?|it['’]s|he['’]s|she['’]s|go|come|pick(?:ed)?[ \\t]+(?:you|him|her|me|us)"
      + "[ \\t]+up)[ \\t]+(?:on|at|to|in)(?:[ \\t]+the[ \\t]+(?:north|south|east|west)[ \\t]+(?:side|end)[ \\t]+of)?"
      + "|address(?:[ \\t]+(?:is|with|to))?[ \\t]*:?))[ \\t]+";
  private static final MatchStarts CUE_STARTS = MatchStarts.prefixes("live|living|reside|residing|stay|is|are|was|were|enter|return|drop|located|meet|arrived"
      + "|moved|moving|send|sent|mail|deliver|ship|it|he|she|go|come|pick|address");
  private static final String NUMBERS = "(?:\\d{1,6}[ \\t]+){0,2}";
  private static final String PARTICLE = "(?:" + DetectWords.alternation("address-cues.particle")
      + ")";
  private static final String WORD = "(?:\\p{Lu}\\.|(?:[dlDL]['’])?\\p{Lu}[\\p{L}'’-]{1,30}+)";
  private static final String NAME = "(?:" + PARTICLE + "[ \\t]+)?" + WORD + "(?:[ \\t]+(?:" + PARTICLE + "[ \\t]+)?" + WORD
      + "){0,3}";
  private static final String LOWER_PREFIX = "(?:Rue|rue|Rua|rua|r\\.|Via|via|Calle|calle|Avenida|avenida|Rúa|rúa)";
  private static final String LOWER_NAME = LOWER_PREFIX + "(?:[ \\t]+(?:" + PARTICLE + "|(?!(?:St|Str|st)\\b)\\p{L}[\\p{L}'’-]{1,30}+)){1,4}";
  /** A house number; a period after it belongs to it unless it ends the sentence ("98. st." but "2906. He"). */
  private static final String HOUSE = "\\d{1,5}[a-zA-Z]?(?![\\p{Alnum}]|[.,/:-]\\d)(?:\\.(?![ \\t]+\\p{Lu}|[ \\t]*$))?";
  private static final String NOT_A_DOSE = "(?![ \\t]*(?:" + DetectWords.alternation("address-cues.not-a-dose")
      + ")\\b)";
  private static final String STREET_AFTER = "(?:[ \\t]+(?:St|Str|Street|st)\\.?(?![\\p{L}]))?";
  /** More address after a one-word street: the rest of its line is capitalized and the block goes on ("Pinto Hill"). */
  private static final String MORE_ADDRESS = "(?=[ \\t]+\\p{Lu}[\\p{L}'’-]+(?:[ \\t]+\\p{Lu}[\\p{L}'’-]+)?[ \\t]*\\r?\\n"
      + "|[ \\t]*,?[ \\t]*(?:" + DetectWords.alternation("address.unit-words") + ")\\.?[ \\t]*#?[ \\t]*\\d)";

  /** Places inside a hospital: "moved to Room 4", "returned to Ward 12" are not addresses. */
  private static final Pattern HOSPITAL_PLACE = Pattern.compile("(?i)(?:" + DetectWords.alternation("address-cues.hospital-place")
      + ")\\b.*", Pattern.DOTALL);

  private AddressCues() {}

  /** The lower-case words of a street name ("26 rue des lilas Thomazo") are neither common English nor clinical. */
  static boolean lowerWordsArePlaces(String match) {
    Lexicon lx = Lexicon.get();
    String[] words = match.trim().split("[ \\t]+");
    for (int i = 1; i < words.length; i++) {
      String w = words[i];
      if (!Character.isLowerCase(w.charAt(0)) || words[i - 1].matches("\\d.*") || w.matches(PARTICLE + "|l'|d'")) {
        continue;
      }
      if (lx.isClinicalTerm(w) || lx.isEnglishWord(w) && !lx.isName(w)) {
        return false;
      }
    }
    return true;
  }

  /** Whether a cued place starts with a place inside a hospital ("Room 4", "Ward 12", "ICU 3"). */
  static boolean hospitalPlace(String place) {
    return HOSPITAL_PLACE.matcher(place).matches();
  }

  static List<RegexDetector> rules() {
    return List.of(
        new RegexDetector(DETECTOR, PhiCategory.GEO, Pattern.compile(CUE + "(?<phi>" + NUMBERS + "(?:" + NAME + "|"
            + LOWER_NAME + ")[ \\t]+" + HOUSE + NOT_A_DOSE + STREET_AFTER + ")"), 0.75, AddressCues::namedStreet).starting(CUE_STARTS),
        new RegexDetector(DETECTOR, PhiCategory.GEO, Pattern.compile(CUE + "(?<phi>\\d{1,6}[ \\t]+(?:\\d{1,6}[ \\t]+)?(?:"
            + NAME + "|" + LOWER_NAME + ")(?:[ \\t]+(?:St|Str|st)\\.|(?:[ \\t]+(?:Street|St|Str|st))?"
            + "(?=[ \\t]*(?:[,;]|\\.(?!\\d)|\\r?\\n|$))))"), 0.75,
            AddressCues::numberedStreet).starting(CUE_STARTS),
        new RegexDetector(DETECTOR, PhiCategory.GEO, Pattern.compile(CUE + "(?<phi>" + NAME + "[ \\t]+" + HOUSE + ")"
            + MORE_ADDRESS), 0.75, m -> placeWords(m.replaceFirst("[ \\t]+\\d.*$", "")) > 0).starting(CUE_STARTS));
  }

  /**
   * In a text typed all in lower case: a cued street of lower-case words with a house number, when a street word
   * ("hegyalja út 98.") or a number before the name ("at 5 kuusiku 12") shows it is a street.
   */
  static List<RegexDetector> lowerCaseRules() {
    return List.of(new RegexDetector(DETECTOR, PhiCategory.GEO, Pattern.compile(CUE + "(?<phi>" + NUMBERS
        + "(?:\\p{Ll}[\\p{Ll}'’-]{0,30}+\\.?[ \\t]+){1,4}" + HOUSE + NOT_A_DOSE + "(?:[ \\t]+st\\.)?)"), 0.75,
        AddressCues::lowerCaseStreet).starting(CUE_STARTS));
  }

  private static final Pattern LOWER_STREET = Pattern.compile("(?:" + AddressForms.LOWER_STREET_WORD + ")");

  /** Every name word is a street word, a particle or a place word (not English or clinical); one is a place word. */
  static boolean lowerCaseStreet(String match) {
    String[] words = match.trim().split("[ \\t]+");
    boolean numberBefore = Character.isDigit(words[0].charAt(0));
    boolean streetWord = false;
    int places = 0;
    Lexicon lx = Lexicon.get();
    for (String w : words) {
      if (Character.isDigit(w.charAt(0)) || w.equals("st.")) {
        continue;
      }
      if (LOWER_STREET.matcher(w).matches()) {
        streetWord = true;
      } else if (!w.matches(PARTICLE)) {
        if (w.length() < 3 || lx.isClinicalTerm(w) || lx.isEnglishWord(w) && !lx.isName(w)
            || !InternationalAddressDetector.plausibleStreetName(w)) {
          return false;
        }
        places++;
      }
    }
    return places > 0 && (streetWord || numberBefore);
  }

  private static final Pattern HOUSE_AT_END = Pattern.compile("[ \\t]+\\d{1,5}[a-zA-Z]?\\.?(?:[ \\t]+(?:St|Str|Street|st)"
      + "\\.?)?$");
  private static final Pattern STREET_WORD_AT_END = Pattern.compile("[ \\t]+(?:St|Str|Street|st)\\.?$");

  /** "[number] Name Words number [St.]": the name words are place-like; one word needs more evidence. */
  static boolean namedStreet(String match) {
    Matcher house = HOUSE_AT_END.matcher(match);
    if (!house.find()) {
      return false;
    }
    String head = match.substring(0, house.start());
    String name = head.replaceFirst("^(?:\\d{1,6}[ \\t]+)+", "");
    boolean numberBefore = name.length() < head.length();
    boolean streetAfter = STREET_WORD_AT_END.matcher(match).find();
    int words = placeWords(name);
    return words > 1 || words == 1 && (numberBefore || streetAfter || prefixed(name) || name.matches(PARTICLE + "[ \\t].*"));
  }

  /** "number [number] Name Words": at least two place-like name words, or a street prefix with one. */
  static boolean numberedStreet(String match) {
    String name = match.replaceFirst("^(?:\\d{1,6}[ \\t]+)+", "").replaceFirst(STREET_WORD_AT_END.pattern(), "");
    int words = placeWords(name);
    return words > 1 || words == 1 && prefixed(name);
  }

  private static boolean prefixed(String name) {
    return name.matches(LOWER_PREFIX + "[ \\t].*");
  }

  /**
   * How many place words the street name holds (initials, particles and a street prefix do not count), or 0 when
   * one of them is clinical, drug-like, a month, common English, an abbreviation in capitals, or a lower-case
   * word outside a prefixed name.
   */
  static int placeWords(String name) {
    boolean prefixed = prefixed(name);
    String[] words = name.trim().split("[ \\t]+");
    int count = 0;
    for (int i = prefixed ? 1 : 0; i < words.length; i++) {
      String w = words[i];
      if (w.matches(PARTICLE) || w.matches("\\p{Lu}\\.")) {
        continue;
      }
      String bare = w.replaceFirst("^[dlDL]['’]", "");
      if (bare.length() < 2 || bare.equals(bare.toUpperCase(Locale.ROOT))
          || Character.isLowerCase(bare.charAt(0)) && !prefixed
          || !InternationalAddressDetector.plausibleStreetName(bare)) {
        return 0;
      }
      count++;
    }
    return count;
  }
}
