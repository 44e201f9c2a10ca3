package org.phigate.deid.detect;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.phigate.gazetteer.Lexicon;

/**
 * The validators of the cued street rules ({@code pattern:street-cued} in {@code deid/patterns/recognizers.json}):
 * streets named only by their words and a house number, found after a location cue ("lives on Pod Floriánem 1677",
 * "drops you off at 87818 Dalmatinova 68 St.", "is at 9816 214 Pavlou Drandaki", "address: 36 rue de pologne"):
 * without a street word the cue, a house number and place-like name words (not clinical, drug-like or common
 * English) are what make it a street. Names may hold initials ("C. Beerninckstraat"), particles ("Jiřího z
 * Poděbrad", "Avenue d'Ouchy") and, after a street prefix, lower-case words ("rue de pologne").
 */
final class AddressCues {
  private static final String PARTICLE = RegexDetector.define("CUE_PARTICLE");
  private static final String LOWER_PREFIX = RegexDetector.define("CUE_LOWER_PREFIX");

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
            || !AddressForms.plausibleStreetName(w)) {
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
          || !AddressForms.plausibleStreetName(bare)) {
        return 0;
      }
      count++;
    }
    return count;
  }
}
