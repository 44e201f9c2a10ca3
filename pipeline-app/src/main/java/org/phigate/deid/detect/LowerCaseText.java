package org.phigate.deid.detect;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.phigate.gazetteer.Lexicon;
import org.phigate.schema.PhiFinding;

/**
 * The text the name detectors read when a text part is typed in lower case (portal messages: "hi dr okafor, my son
 * jake usamov has a fever"): the same length and offsets, with the words a capitalized text would show as names put
 * in title case. Title-cased are words no English or clinical list holds (dictionary names and unknown words, letters
 * only), an English-word dictionary name right next to such a word ("grace okafor", "lena brown"), titles and the
 * word after them ("dr wells"), and "i". Every other word stays lower case, so clinical words and drugs still end a
 * name. Text with ordinary capitalization is returned unchanged (the same instance).
 */
final class LowerCaseText {
  private static final Pattern WORD = Pattern.compile("\\p{L}[\\p{L}\\p{M}'’-]*(?<digits>\\d{1,4})?(?![\\p{L}\\d])");
  private static final Set<String> TITLES = DetectWords.set("lower-case-text.titles");
  /** Words that look unknown to the lists but are common in typed messages and notes. */
  private static final Set<String> CHAT = DetectWords.set("lower-case-text.chat");
  /** Function words that never join a name, even when a name list holds them ("will", "may", "so"). */
  private static final Set<String> FUNCTION = DetectWords.set("lower-case-text.function");
  private static final List<String> SUFFIXES = List.of("ed", "d", "ing");
  /** An unknown word with a verb or adverb ending is more likely a clinical verb ("ambulated") than a name. */
  private static final Pattern VERB_ENDING = Pattern.compile("(?:ated|ized|ised|ified|ating|izing|ifying|tion|ness)$");
  /** Credentials after a name and a comma ("kimpe, rn"), upper-cased for the credential cue. */
  private static final Pattern CREDENTIAL = DetectWords.pattern("lower-text.credential");
  /** Verbs that take a drug as their subject: the word before them is a medication, not a person. */
  private static final Pattern DRUG_VERB = DetectWords.pattern("lower-text.drug-verb");
  private static final Set<String> CONNECTORS = Set.of("and", "or");
  private static final Pattern LIST_GAP = Pattern.compile(", (?:and |or )?| and | or ");
  /** At most one capitalized word in this many: the part counts as typed in lower case. */
  private static final int UPPER_RATIO = 30;
  private static final int MIN_WORDS = 4;

  private LowerCaseText() {}

  private static final Object NO_CAPITALS = new Object();

  /**
   * Whether lower-casing leaves {@code text} as it is ({@code text.equals(text.toLowerCase(Locale.ROOT))}): computed
   * once per scanned text ({@link PhiDetector#shared}), since the address rules ask it for every street they extend.
   */
  static boolean unchangedByLowerCase(String text) {
    return PhiDetector.shared(text, NO_CAPITALS, () -> text.equals(text.toLowerCase(java.util.Locale.ROOT)));
  }

  /** {@code text} with name-shaped words title-cased when the part is typed in lower case; else {@code text}. */
  static String forNames(String text, Lexicon lexicon) {
    if (!lowerCase(text)) {
      return text;
    }
    char[] out = text.toCharArray();
    List<int[]> words = new ArrayList<>();
    List<String> bases = new ArrayList<>();
    Matcher m = WORD.matcher(text);
    while (m.find()) {
      String base = base(m.group(), m.group("digits"));
      words.add(new int[] {m.start(), m.start() + base.length(), m.end()});
      bases.add(base);
    }
    int n = words.size();
    // 0: stays, 1: dictionary name no English or clinical list holds, 2: unknown word, 3: other word to title-case
    int[] kind = new int[n];
    for (int i = 0; i < n; i++) {
      String base = bases.get(i);
      if (TITLES.contains(base) || base.equals("i") && words.get(i)[2] - words.get(i)[0] == 1) {
        kind[i] = 3;
      } else if (words.get(i)[2] > words.get(i)[1] && Character.isDigit(text.charAt(words.get(i)[2] - 1))
          && lexicon.isName(base) && !lexicon.isClinicalTerm(base)) {
        // "sunny31": a name with a number attached is a user or record name
        kind[i] = 1;
      } else if (nameShaped(base, lexicon) && !beforeNumber(text, words.get(i)[2])
          && !drugLike(text, words.get(i)[2], base)) {
        kind[i] = base.length() <= 3 ? 4 : lexicon.isName(base) ? 1 : VERB_ENDING.matcher(base).find() ? 0 : 2;
      }
    }
    for (int i = 0; i < n; i++) {
      boolean prev = i > 0 && (gap(text, words.get(i - 1)[2], words.get(i)[0])
          || TITLES.contains(bases.get(i - 1)) && text.startsWith(". ", words.get(i - 1)[2])
          && words.get(i)[0] - words.get(i - 1)[2] == 2);
      boolean next = i + 1 < n && gap(text, words.get(i)[2], words.get(i + 1)[0]);
      String base = bases.get(i);
      boolean capitalize = switch (kind[i]) {
        case 1, 3 -> true;
        // a third unknown word after two name words is more likely a place or a company than a name part
        case 2 -> !(i > 1 && prev && nameKind(kind[i - 1]) && nameKind(kind[i - 2])
            && gap(text, words.get(i - 2)[2], words.get(i - 1)[0]));
        // "asa class 3", "dob": a three-letter word only beside a longer name word ("bo lindqvist")
        case 4 -> prev && (kind[i - 1] == 1 || kind[i - 1] == 2) || next && (kind[i + 1] == 1 || kind[i + 1] == 2);
        default -> prev && TITLES.contains(bases.get(i - 1)) && letters(base) && base.length() > 1
            // an English-word name next to a name: "grace okafor", "lena brown"
            || next && kind[i + 1] == 1 && lexicon.isFirstName(base) && englishName(base, lexicon)
            || prev && nameKind(kind[i - 1]) && lexicon.isLastName(base) && englishName(base, lexicon);
      };
      if (capitalize) {
        titleCase(out, words.get(i)[0], words.get(i)[1]);
      }
    }
    // "mrs. street called ... street will bring": a word a title made a name is one at its other mentions too
    Set<String> titled = new HashSet<>();
    for (int i = 1; i < n; i++) {
      if (TITLES.contains(bases.get(i - 1)) && Character.isUpperCase(out[words.get(i)[0]]) && kind[i] == 0) {
        titled.add(bases.get(i));
      }
    }
    for (int i = 0; i < n && !titled.isEmpty(); i++) {
      if (titled.contains(bases.get(i))) {
        titleCase(out, words.get(i)[0], words.get(i)[1]);
      }
    }
    initials(text, words, bases, kind, lexicon, out);
    listMembers(text, words, bases, lexicon, out);
    Matcher c = CREDENTIAL.matcher(text);
    while (c.find()) {
      for (int k = c.start(1); k < c.end(1); k++) {
        out[k] = Character.toUpperCase(out[k]);
      }
    }
    return new String(out);
  }

  /** Fewer than one word in {@value #UPPER_RATIO} starts with a capital, over at least {@value #MIN_WORDS} words. */
  static boolean lowerCase(String text) {
    int words = 0;
    int upper = 0;
    boolean inWord = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean letter = Character.isLetter(c);
      if (letter && !inWord && i + 1 < text.length() && Character.isLetter(text.charAt(i + 1))) {
        words++;
        upper += Character.isUpperCase(c) ? 1 : 0;
      }
      inWord = letter;
    }
    return words >= MIN_WORDS && upper * UPPER_RATIO < words;
  }

  /**
   * Whether a name finding made on the title-cased text stands: two unknown words alone ("olmesartan medoxomil",
   * "antepartum eclampsia") are no name without the capitals a writer gives them.
   */
  static boolean keeps(PhiFinding f) {
    // the name-shape model reads capitalization as evidence; the shadow's title case is not
    return !"shape:name-pair".equals(f.getDetector()) && !f.getDetector().startsWith("model:");
  }

  /** "ronen d fouw", "eric g. samoylova": a single letter between two name words is a middle initial. */
  private static void initials(String text, List<int[]> words, List<String> bases, int[] kind, Lexicon lexicon,
      char[] out) {
    for (int i = 1; i + 1 < words.size(); i++) {
      int[] w = words.get(i);
      boolean single = w[2] - w[0] == 1 && Character.isLowerCase(text.charAt(w[0]));
      int after = w[2] < text.length() && text.charAt(w[2]) == '.' ? w[2] + 1 : w[2];
      if (!single || !nameKind(kind[i + 1]) || !gap(text, words.get(i - 1)[2], w[0])
          || !gap(text, after, words.get(i + 1)[0])) {
        continue;
      }
      // "pearly e bozsik": an English-word given name before the initial is part of the name too
      String given = bases.get(i - 1);
      boolean englishGiven = kind[i - 1] == 0 && lexicon.isFirstName(given) && englishName(given, lexicon)
          && !lexicon.isClinicalTerm(given);
      if (nameKind(kind[i - 1]) || englishGiven) {
        out[w[0]] = Character.toUpperCase(out[w[0]]);
        titleCase(out, words.get(i - 1)[0], words.get(i - 1)[1]);
      }
    }
  }

  /** "kristina, chad and caleb": an English-word given name listed beside a title-cased name is one too. */
  private static void listMembers(String text, List<int[]> words, List<String> bases, Lexicon lexicon, char[] out) {
    for (int pass = 0; pass < 2; pass++) {
      for (int k = 0; k < words.size(); k++) {
        int i = pass == 0 ? k : words.size() - 1 - k;
        int[] w = words.get(i);
        String base = bases.get(i);
        if (Character.isUpperCase(out[w[0]]) || !lexicon.isFirstName(base) || !englishName(base, lexicon)
            || lexicon.isClinicalTerm(base)) {
          continue;
        }
        int l = i - 1 - (i > 1 && CONNECTORS.contains(bases.get(i - 1)) ? 1 : 0);
        int r = i + 1 + (i + 2 < words.size() && CONNECTORS.contains(bases.get(i + 1)) ? 1 : 0);
        String left = l >= 0 ? text.substring(words.get(l)[2], w[0]) : "";
        String right = r < words.size() ? text.substring(w[2], words.get(r)[0]) : "";
        boolean inList = LIST_GAP.matcher(left).matches() && LIST_GAP.matcher(right).matches();
        // a bare comma is a list only with another list gap on the word's other side ("see you soon, donie!")
        boolean listed = l >= 0 && Character.isUpperCase(out[words.get(l)[0]])
            && LIST_GAP.matcher(left).matches() && (inList || !left.equals(", "))
            || r < words.size() && Character.isUpperCase(out[words.get(r)[0]])
            && LIST_GAP.matcher(right).matches() && (inList || !right.equals(", "));
        if (listed) {
          titleCase(out, w[0], w[1]);
        }
      }
    }
  }

  private static boolean nameKind(int kind) {
    return kind == 1 || kind == 2;
  }

  /** "zolvexa was titrated", "olmesartan": a drug-name ending, or the subject of a verb drugs take. */
  private static boolean drugLike(String text, int end, String base) {
    if (NameContext.DRUG.matcher(base).matches()) {
      return true;
    }
    Matcher m = DRUG_VERB.matcher(text);
    return m.region(end, Math.min(text.length(), end + 40)).lookingAt();
  }

  /** "camila 28 day pack", "zolvexa 5 mg": a word before a number is a product or a dose, not a name. */
  private static boolean beforeNumber(String text, int end) {
    return end + 1 < text.length() && text.charAt(end) == ' ' && Character.isDigit(text.charAt(end + 1));
  }

  private static String base(String word, String digits) {
    String w = digits == null ? word : word.substring(0, word.length() - digits.length());
    return w.replaceAll("['’][s]?$", "");
  }

  /** A dictionary name or unknown word: no English or clinical list holds it (nor any part of a hyphenated one). */
  static boolean nameShaped(String base, Lexicon lexicon) {
    if (base.length() < 3 || !letters(base) || CHAT.contains(base) || lexicon.isClinicalTerm(base)
        || lexicon.isEnglishWord(base)) {
      return false;
    }
    if (inflected(base, lexicon)) {
      return false;
    }
    for (String part : base.split("-")) {
      if (part.length() < 2 || lexicon.isEnglishWord(part) || lexicon.isClinicalTerm(part)) {
        return false;
      }
    }
    return true;
  }

  /** "ambulated", "titrating", "nebs": an inflection of an English or clinical word the lists hold in base form. */
  private static boolean inflected(String base, Lexicon lexicon) {
    for (String suffix : SUFFIXES) {
      if (base.length() > suffix.length() + 2 && base.endsWith(suffix)) {
        String stem = base.substring(0, base.length() - suffix.length());
        if (known(stem, lexicon) || known(stem + "e", lexicon)
            || stem.length() > 3 && stem.charAt(stem.length() - 1) == stem.charAt(stem.length() - 2)
            && known(stem.substring(0, stem.length() - 1), lexicon)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean known(String word, Lexicon lexicon) {
    return lexicon.isEnglishWord(word) || lexicon.isClinicalTerm(word);
  }

  private static boolean englishName(String word, Lexicon lexicon) {
    return word.length() > 2 && letters(word) && !CHAT.contains(word)
        && !FUNCTION.contains(word);
  }

  private static boolean letters(String base) {
    for (int i = 0; i < base.length(); i++) {
      char c = base.charAt(i);
      if (!(Character.isLowerCase(c) || c == '-' && i > 0 && i + 1 < base.length())) {
        return false;
      }
    }
    return true;
  }

  /** One space between two words on one line. */
  private static boolean gap(String text, int from, int to) {
    return to - from == 1 && text.charAt(from) == ' ';
  }

  private static void titleCase(char[] out, int start, int end) {
    boolean wordStart = true;
    for (int i = start; i < end; i++) {
      if (wordStart && !Character.isSurrogate(out[i])) {
        out[i] = Character.toTitleCase(out[i]);
      }
      wordStart = out[i] == '-';
    }
  }
}
