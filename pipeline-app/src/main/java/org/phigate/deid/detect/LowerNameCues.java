package org.phigate.deid.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.phigate.gazetteer.Lexicon;
import org.phigate.schema.PhiCategory;
import org.phigate.schema.PhiFinding;

/**
 * Names that portal messages type in lower case or leave alone on a sign-off line, read behind strong cues only, in
 * any capitalization: a self-introduction that ends its clause ("hi, this is annelin.", "this is bulut, auguszta."),
 * a name coordinated with a title-cued one ("please have hamanda vergers or dr. burkhardt call"), a relative's name
 * between the relation and a verb ("my niece yno has had a fever"), the object of a causative or perception verb
 * before a verb only a person does ("have you heard nijito asano speak"), a middle initial between two name words
 * ("leidy t muris"), and a sign-off at the end of the text (after a closing word "thanks, tony", after a dash
 * "- jarred", or alone on the last line after a sentence "Nanetta").
 * A word counts when no English or clinical list holds it; an English word only when a name list holds it as a given
 * name and the cue is a sign-off or a surname follows it. Run by {@link NameCueDetector} on its (shadow) text.
 */
final class LowerNameCues {
  private static final Pattern WORD = Pattern.compile("\\p{L}[\\p{L}\\p{M}'’]*(?:-\\p{L}[\\p{L}\\p{M}'’]*)*");
  private static final Pattern INTRO = DetectWords.pattern("lower-cues.intro");
  private static final Pattern CLOSING = DetectWords.pattern("lower-cues.closing");
  private static final Pattern TEXT_END = Pattern.compile("[ \\t.!]*\\s*");
  private static final Pattern DASH = Pattern.compile("(?m)^[ \\t]*(?:-{1,2}|–|—|~)[ \\t]*");
  private static final Pattern COORDINATED = DetectWords.pattern("lower-cues.coordinated");
  private static final Pattern RELATION = DetectWords.pattern("lower-cues.relation");
  private static final Set<String> CAUSATIVE_WORDS = DetectWords.set("lower-name-cues.causative-words");
  /** The object of a causative or perception verb before a verb only a person does: "have X call", "heard X speak". */
  private static final Pattern CAUSATIVE = DetectWords.pattern("lower-cues.causative");
  /** Words a closing or sign-off addresses that are no person's name. */
  private static final Set<String> NOT_NAMES = DetectWords.set("lower-name-cues.not-names");
  private static final Set<String> PARTICLES = DetectWords.set("lower-name-cues.particles");
  private static final Set<String> INTRO_WORDS = DetectWords.set("lower-name-cues.intro-words");
  private static final Set<String> POSSESSIVES = DetectWords.set("lower-name-cues.possessives");
  private static final int MAX_WORDS = 3;
  /** The longest first word of a cue ("watched"): longer tokens are skipped at once. */
  private static final int MAX_CUE_WORD = 7;
  /** How far from the end of the text a closing word may stand. */
  private static final int TAIL = 80;

  private LowerNameCues() {}

  static void find(NameTokens nt, String path, List<PhiFinding> out) {
    String text = nt.text();
    Lexicon lx = nt.lexicon();
    // one pass over the tokens: a cue pattern is tried only where its first word stands
    List<NameTokens.Tok> toks = nt.tokens();
    for (int i = 0; i < toks.size(); i++) {
      NameTokens.Tok t = toks.get(i);
      if (t.end() - t.start() > MAX_CUE_WORD) {
        continue;
      }
      String first = Lexicon.lower(t.base());
      if (first.length() == 1 && i > 0 && i + 1 < toks.size()) {
        add(out, path, initial(text, toks.get(i - 1), t, toks.get(i + 1), lx), "cue:name-initial", 0.7);
      } else if (INTRO_WORDS.contains(first)) {
        Matcher m = INTRO.matcher(text).region(t.start(), text.length());
        if (m.lookingAt() && (NameForms.startsClause(text, t.start()) || afterComma(text, t.start()))) {
          add(out, path, intro(text, m.end(), lx), "cue:name-self-intro", 0.8);
        }
      } else if (first.equals("or") || first.equals("and")) {
        if (t.start() > 0 && COORDINATED.matcher(text).region(t.start() - 1, text.length()).lookingAt()) {
          add(out, path, coordinated(text, t.start() - 1, lx), "cue:name-coordinated", 0.75);
        }
      } else if (CAUSATIVE_WORDS.contains(first)) {
        Matcher m = CAUSATIVE.matcher(text).region(t.start(), text.length());
        if (m.lookingAt()) {
          add(out, path, object(text, m.start("w"), m.end("w"), lx), "cue:name-object", 0.75);
        }
      } else if (POSSESSIVES.contains(first)) {
        Matcher m = RELATION.matcher(text).region(t.start(), text.length());
        if (m.lookingAt()) {
          add(out, path, relative(text, m.start("w"), m.end("w"), lx), "cue:name-relative", 0.75);
        }
      }
    }
    // a sign-off ends the text: only its last line or two are read
    int tail = Math.max(0, text.length() - TAIL);
    Matcher m = CLOSING.matcher(text).region(tail, text.length()).useTransparentBounds(true)
        .useAnchoringBounds(false);
    while (m.find()) {
      add(out, path, signOff(text, m.end(), lx, true), "cue:name-signoff", 0.8);
    }
    m = DASH.matcher(text).region(tail, text.length()).useTransparentBounds(true).useAnchoringBounds(false);
    while (m.find()) {
      add(out, path, signOff(text, m.end(), lx, true), "cue:name-signoff", 0.75);
    }
    add(out, path, lastLine(text, lx), "cue:name-signoff", 0.7);
  }

  /** "annelin.", "django bersselaar.", "bulut, auguszta.": one or two name words, then the clause ends. */
  private static int[] intro(String text, int from, Lexicon lx) {
    List<int[]> words = words(text, from, true, MAX_WORDS);
    for (int n = Math.min(2, words.size()); n >= 1; n--) {
      int end = words.get(n - 1)[1];
      if (!clauseEnd(text, end)) {
        continue;
      }
      boolean ok = true;
      for (int k = 0; k < n; k++) {
        String w = word(text, words.get(k));
        ok &= unknown(w, lx, 2) || dictionaryOnly(w, lx) || n == 2 && k == 0 && givenName(w, lx)
            && unknown(word(text, words.get(1)), lx, 3);
      }
      if (ok) {
        return new int[] {words.get(0)[0], end};
      }
    }
    return null;
  }

  /**
   * "yno", "anjaneya van der berg": every word a name word, particles inside, and any word after a particle (the
   * surname a particle announces); else nothing.
   */
  private static int[] relative(String text, int start, int end, Lexicon lx) {
    List<int[]> words = words(text, start, false, 4);
    if (words.isEmpty() || words.get(words.size() - 1)[1] < end) {
      return null;
    }
    boolean afterParticle = false;
    for (int k = 0; k < words.size() && words.get(k)[1] <= end; k++) {
      String w = word(text, words.get(k));
      boolean particle = k > 0 && words.get(k)[1] < end && PARTICLES.contains(Lexicon.lower(w));
      boolean name = unknown(w, lx, 3) || dictionaryOnly(w, lx)
          || afterParticle && !stop(w) && !lx.isClinicalTerm(w) && w.length() > 2;
      if (!(particle || name)) {
        return null;
      }
      afterParticle = particle;
    }
    return new int[] {start, end};
  }

  /**
   * "nijito asano", "hamira velgrot", "maria": two or three name words (particles inside, an English given name only
   * first), or one dictionary name no English list holds.
   */
  private static int[] object(String text, int start, int end, Lexicon lx) {
    List<int[]> words = words(text, start, false, MAX_WORDS);
    int n = 0;
    while (n < words.size() && words.get(n)[1] <= end) {
      n++;
    }
    if (n == 0 || words.get(n - 1)[1] != end) {
      return null;
    }
    if (n == 1) {
      return dictionaryOnly(word(text, words.get(0)), lx) ? new int[] {start, end} : null;
    }
    for (int k = 0; k < n; k++) {
      String w = word(text, words.get(k));
      boolean ok = unknown(w, lx, 3) || dictionaryOnly(w, lx) || k == 0 && givenName(w, lx)
          || k > 0 && k < n - 1 && PARTICLES.contains(Lexicon.lower(w));
      if (!ok) {
        return null;
      }
    }
    return new int[] {start, end};
  }

  /** "leidy t muris", "ronen d. fouw": a single-letter middle initial between two name words on one line. */
  private static int[] initial(String text, NameTokens.Tok prev, NameTokens.Tok t, NameTokens.Tok next, Lexicon lx) {
    int after = t.end() < text.length() && text.charAt(t.end()) == '.' ? t.end() + 1 : t.end();
    char c = text.charAt(t.start());
    if (!Character.isLetter(c) || t.end() - t.start() != 1 || after == t.end() && "aAiI".indexOf(c) >= 0
        || prev.end() + 1 != t.start() || text.charAt(prev.end()) != ' ' || after + 1 != next.start()
        || text.charAt(after) != ' '
        // "Turkovice u Prelouce", "Rua Vinte e Cinco": a lower-case letter between capitalized words is a word
        || Character.isLowerCase(c) && (Character.isUpperCase(text.charAt(prev.start()))
        || Character.isUpperCase(text.charAt(next.start())))) {
      return null;
    }
    String given = text.substring(prev.start(), prev.end());
    String family = text.substring(next.start(), next.end());
    boolean names = (unknown(given, lx, 3) || dictionaryOnly(given, lx))
        && (unknown(family, lx, 3) || dictionaryOnly(family, lx));
    return names ? new int[] {prev.start(), next.end()} : null;
  }

  /** One or two words that end the text: a given name (English or not) or an unknown word, then a surname. */
  private static int[] signOff(String text, int from, Lexicon lx, boolean englishGiven) {
    List<int[]> words = words(text, from, false, MAX_WORDS);
    if (words.isEmpty() || words.size() > 2
        || !TEXT_END.matcher(text).region(words.get(words.size() - 1)[1], text.length()).matches()) {
      return null;
    }
    String first = word(text, words.get(0));
    boolean ok = unknown(first, lx, 2) || dictionaryOnly(first, lx) || englishGiven && givenName(first, lx);
    if (words.size() == 2) {
      String last = word(text, words.get(1));
      ok &= unknown(last, lx, 2) || dictionaryOnly(last, lx) || lx.isLastName(last) && !stop(last);
    }
    return ok ? new int[] {words.get(0)[0], words.get(words.size() - 1)[1]} : null;
  }

  /** The last line alone after a sentence ("... with questions.\nNanetta"): a sign-off. */
  private static int[] lastLine(String text, Lexicon lx) {
    int end = text.length();
    while (end > 0 && Character.isWhitespace(text.charAt(end - 1))) {
      end--;
    }
    int nl = text.lastIndexOf('\n', end - 1);
    if (nl <= 0) {
      return null;
    }
    int k = nl - 1;
    while (k >= 0 && Character.isWhitespace(text.charAt(k))) {
      k--;
    }
    if (k < 0 || ".!?".indexOf(text.charAt(k)) < 0) {
      return null;
    }
    int from = nl + 1;
    while (from < end && (text.charAt(from) == ' ' || text.charAt(from) == '\t')) {
      from++;
    }
    // an English given name alone on the line only when written with a capital ("Chase")
    boolean capital = from < end && Character.isUpperCase(text.charAt(from));
    return signOff(text, from, lx, capital);
  }

  /** "hamanda vergers or dr. burkhardt": the name words right before the coordinator, read backwards. */
  private static int[] coordinated(String text, int end, Lexicon lx) {
    List<int[]> back = new ArrayList<>();
    int pos = end;
    while (back.size() < MAX_WORDS + 2) {
      int s = pos;
      while (s > 0 && isWordChar(text.charAt(s - 1))) {
        s--;
      }
      if (s == pos) {
        break;
      }
      back.add(0, new int[] {s, pos});
      if (s < 1 || text.charAt(s - 1) != ' ') {
        break;
      }
      pos = s - 1;
    }
    // the longest run of name words ending at the coordinator; particles only inside, an English given name first
    int first = back.size();
    int names = 0;
    for (int k = back.size() - 1; k >= 0 && names < MAX_WORDS; k--) {
      String w = word(text, back.get(k));
      boolean edge = k == back.size() - 1;
      if (unknown(w, lx, 3) || dictionaryOnly(w, lx)
          || edge && k > 0 && lx.isLastName(w) && !stop(w) && unknown(word(text, back.get(k - 1)), lx, 3)) {
        first = k;
        names++;
      } else if (!edge && names > 0 && PARTICLES.contains(Lexicon.lower(w))) {
        continue;
      } else {
        if (!edge && names > 0 && givenName(w, lx)) {
          first = k;
          names++;
        }
        break;
      }
    }
    if (first >= back.size() || PARTICLES.contains(Lexicon.lower(word(text, back.get(first))))) {
      return null;
    }
    boolean single = first == back.size() - 1;
    if (single && !dictionaryOnly(word(text, back.get(first)), lx)) {
      return null;
    }
    return new int[] {back.get(first)[0], back.get(back.size() - 1)[1]};
  }

  /** Words from {@code from} on one line, separated by single spaces (or ", " when {@code comma}). */
  private static List<int[]> words(String text, int from, boolean comma, int max) {
    List<int[]> out = new ArrayList<>();
    Matcher w = WORD.matcher(text);
    int pos = from;
    while (out.size() < max && w.find(pos) && w.start() == pos) {
      out.add(new int[] {w.start(), w.end()});
      if (w.end() < text.length() && text.charAt(w.end()) == ' ') {
        pos = w.end() + 1;
      } else if (comma && text.startsWith(", ", w.end())) {
        pos = w.end() + 2;
      } else {
        break;
      }
    }
    return out;
  }

  private static String word(String text, int[] span) {
    return text.substring(span[0], span[1]);
  }

  private static boolean isWordChar(char c) {
    return Character.isLetter(c) || Character.getType(c) == Character.NON_SPACING_MARK || c == '-' || c == '\''
        || c == '’';
  }

  /** After the word: a sentence or clause end, a line end, the end of the text, or "and". */
  private static boolean clauseEnd(String text, int end) {
    int k = MatchStarts.skipBlanks(text, end);
    return k == text.length() || ".!?;,\n\r".indexOf(text.charAt(k)) >= 0
        || text.regionMatches(true, k, "and ", 0, 4);
  }

  private static boolean afterComma(String text, int start) {
    int k = start - 1;
    while (k >= 0 && text.charAt(k) == ' ') {
      k--;
    }
    return k >= 0 && (text.charAt(k) == ',' || text.charAt(k) == ':');
  }

  /** A word no English, clinical or chat list holds, letters only, not a drug shape. */
  private static boolean unknown(String word, Lexicon lx, int minLength) {
    String w = Lexicon.lower(word);
    if (w.length() < minLength || stop(w) || NameContext.DRUG.matcher(w).matches() || allCapsShort(word)) {
      return false;
    }
    if (w.length() < 3) {
      return lx.isName(w) && !lx.isEnglishWord(w) && !lx.isClinicalTerm(w);
    }
    return LowerCaseText.nameShaped(w, lx);
  }

  /** A dictionary name no English or clinical list holds ("maria"). */
  private static boolean dictionaryOnly(String word, Lexicon lx) {
    String w = Lexicon.lower(word);
    return w.length() >= 2 && lx.isName(w) && !lx.isEnglishWord(w) && !lx.isClinicalTerm(w) && !stop(w)
        && !allCapsShort(word);
  }

  /** A dictionary given name even when it is an English word ("tony", "chase"), never a function word. */
  private static boolean givenName(String word, Lexicon lx) {
    String w = Lexicon.lower(word);
    return w.length() >= 3 && lx.isFirstName(w) && !stop(w) && !allCapsShort(word)
        && w.chars().allMatch(Character::isLetter);
  }

  private static boolean stop(String word) {
    return NOT_NAMES.contains(Lexicon.lower(word));
  }

  /** "WNL", "ROS": a short word in capitals is an abbreviation. */
  private static boolean allCapsShort(String word) {
    return word.length() <= 4 && word.length() > 1 && word.chars().allMatch(Character::isUpperCase);
  }

  private static void add(List<PhiFinding> out, String path, int[] span, String detector, double confidence) {
    if (span != null && span[1] - span[0] >= 2) {
      out.add(Findings.span(PhiCategory.NAME, path, span[0], span[1], detector, confidence));
    }
  }
}
