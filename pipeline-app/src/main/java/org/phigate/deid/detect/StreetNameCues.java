package org.phigate.deid.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.phigate.schema.PhiCategory;
import org.phigate.schema.PhiFinding;

/**
 * Streets named without a house number: 1-4 capitalized words and a street word after a location word ("fell on
 * Berg Hills Street", "lives on Oak Lane", "walked down 5th Avenue"). After a place verb ("lives on", "moved to",
 * "fell on") any non-clinical name will do; after a bare preposition ("on", "at", "near") at least one word must be a
 * person name or not common English, so "works on Wall Street" and "watched Sesame Street" stay while "on Marina
 * Fort Street" goes. A capitalized word right after the street word makes it part of another name ("Wall Street
 * Journal"); facilities ("Main Street Clinic") are found by the facility rule of {@link AddressDetector}.
 */
final class StreetNameCues {
  static final String DETECTOR = "pattern:street-named";
  /** Street words that name a street on their own; words that are also common places ("Park", "Hills") are left out. */
  private static final String TYPE = "(?:Street|St\\.|Avenue|Ave\\.?|Road|Rd\\.?|Lane|Ln\\.?|Drive|Boulevard|Blvd\\.?"
      + "|Way|Court|Place|Terrace|Circle|Parkway|Pkwy\\.?|Highway|Hwy\\.?|Square|Trail|Crescent|Alley|Plaza|Pike"
      + "|Turnpike|Expressway|Freeway|Mews)";
  private static final String WORD = "(?:\\p{Lu}[\\p{L}'’-]{1,30}+|\\d{1,3}(?:st|nd|rd|th))";
  private static final String PARTICLE = "(?:de|del|la|le|van|von|der|den|da|di|du|of|the)";
  private static final String NAME = "(?<phi>" + WORD + "(?:[ \\t]+(?:" + PARTICLE + "[ \\t]+)?" + WORD + "){0,3}[ \\t]+"
      + TYPE + "(?![\\p{L}\\d]))(?![ \\t]+\\p{Lu}|-\\p{L})";
  private static final String PLACE_CUE = "(?i:\\b(?:lives?|lived|living|resides?|resided|residing|stays?|stayed"
      + "|staying|moved|moving|relocated|house|home|apartment|address|fell|fallen|slipped|tripped|struck|crashed|accident"
      + "|collision|found|walking|walked|driving|drove|crossing)[ \\t]+(?:is[ \\t]+)?(?:on|onto|at|to|off|in|near|along|down)"
      + "|\\bthe[ \\t]+corner[ \\t]+of)[ \\t]+";
  private static final String PREPOSITION = "(?=[OoAaNnDdPpFfTtIi])(?<![\\p{L}])(?:[Oo]n|[Oo]nto|[Aa]t|[Oo]ff|[Nn]ear"
      + "|[Aa]long|[Aa]cross|[Dd]own|[Pp]ast|[Ff]rom|[Tt]o|[Ii]nto)[ \\t]+";
  private static final Pattern FUNCTION_WORD = Pattern.compile("(?i)the|a|an|my|our|your|his|her|their|its|this|that"
      + "|these|those|every|each|any|some|no|one|all|new|old|monday|tuesday|wednesday|thursday|friday|saturday"
      + "|sunday|january|february|march|april|may|june|july|august|september|october|november|december");

  private StreetNameCues() {}

  private static final Pattern ANY_TYPE = Pattern.compile("(?<=[ \\t])" + TYPE + "(?![\\p{L}\\d])");
  private static final List<RegexDetector> RULES = List.of(
      new RegexDetector(DETECTOR, PhiCategory.GEO, Pattern.compile(PLACE_CUE + NAME), 0.75, m -> nameWords(m, false)),
      new RegexDetector(DETECTOR, PhiCategory.GEO, Pattern.compile(PREPOSITION + NAME), 0.7, m -> nameWords(m, true)));

  /** The named streets of a text; most texts hold no street word at all and are passed over by one quick scan. */
  static List<PhiFinding> find(String path, String text, KnownIdentifiers known) {
    if (!ANY_TYPE.matcher(text).find()) {
      return List.of();
    }
    List<PhiFinding> out = new ArrayList<>();
    for (RegexDetector rule : RULES) {
      out.addAll(rule.find(path, text, known));
    }
    return out;
  }

  /**
   * The words before the street word are not clinical, drug-like or function words; after a bare preposition one
   * of them must also be a person name, an ordinal or a word outside common English, and a given name before a
   * street word that is also a name ("Mary Lane") is a person.
   */
  static boolean nameWords(String match, boolean needsPlaceWord) {
    String[] words = match.trim().split("[ \\t]+");
    Lexicon lx = Lexicon.get();
    boolean placeWord = false;
    for (int i = 0; i < words.length - 1; i++) {
      String w = words[i];
      if (w.matches(PARTICLE) && i > 0) {
        continue;
      }
      if (Character.isDigit(w.charAt(0))) {
        placeWord = true;
        continue;
      }
      String bare = w.replaceAll("['’]s$", "");
      if (FUNCTION_WORD.matcher(bare).matches() || lx.isClinicalTerm(bare) && !lx.isName(bare)
          || InternationalAddressDetector.DRUG_STEM.matcher(bare).matches()
          || bare.length() > 1 && bare.equals(bare.toUpperCase(Locale.ROOT))) {
        return false;
      }
      placeWord |= lx.isName(bare) || !lx.isEnglishWord(bare);
    }
    // "referred to Mary Lane": a given name and a street word that is also a name are a person
    boolean person = words.length == 2 && lx.isFirstName(words[0]) && !lx.isEnglishWord(words[0])
        && lx.isName(words[1]);
    return !needsPlaceWord || placeWord && !person;
  }
}
