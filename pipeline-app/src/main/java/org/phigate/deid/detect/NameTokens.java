package org.phigate.deid.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.phigate.gazetteer.Lexicon;

/**
 * Word tokens of a text classified for name detection: dictionary names (strong, or weak when also an English
 * word), unknown capitalized words, name particles ("van", "de la", "bin") and initials; everything else (English
 * words, clinical terms, abbreviations) breaks a name. Immutable once built.
 */
final class NameTokens {
  /** How a token can take part in a name. */
  enum Kind { STRONG, WEAK, UNKNOWN, PARTICLE, INITIAL, CLINICAL, LOWER, SHORT_CAPS, OTHER }

  /** One token: offsets into the text, its letters-only base and its kind. */
  record Tok(int start, int end, String base, Kind kind, boolean firstName, boolean lastName) {
    /** A capitalized clinical term (eponym) that may still end a cued name: "her son Errol Sjögren". */
    boolean eponym() {
      return kind == Kind.CLINICAL && Character.isUpperCase(base.charAt(0));
    }

    boolean nameLike() {
      return kind == Kind.STRONG || kind == Kind.WEAK || kind == Kind.UNKNOWN;
    }

    boolean joiner() {
      return kind == Kind.PARTICLE || kind == Kind.INITIAL;
    }
  }

  private static final Pattern TOKEN = Pattern.compile(
      "\\p{L}[\\p{L}\\p{M}'’]*(?:-\\p{L}[\\p{L}\\p{M}'’]*){0,4}(?<digits>\\d{1,4}(?![\\d.]))?\\.?");
  private static final Set<String> PARTICLES = DetectWords.set("name-tokens.particles");
  private static final Set<String> CREDENTIALS = DetectWords.set("name-tokens.credentials");
  private static final Set<String> FUNCTION_WORDS = DetectWords.set("name-tokens.function-words");
  /** Words that make a preceding eponym clinical: "Wilson disease", "Turner syndrome", "Foley catheter". */
  private static final Set<String> HEADS = DetectWords.set("name-tokens.heads");
  private static final int MAX_RUN = 5;
  /** A lower-case Latin species epithet after a genus: "auris", "pneumoniae", "aeruginosa". */
  private static final Pattern SPECIES = Pattern.compile("\\p{Ll}{3,}(?:ae|ii|us|um|is|ans|ens|a|i)");
  /** "I'm", "you're", "don't": a pronoun or verb with a clitic is never a name. */
  private static final Pattern CONTRACTION = Pattern.compile("(?i)(?:" + DetectWords.alternation("name-tokens.contraction")
      + ")['’](?:m|re|ve|ll|d|t|s)|\\p{L}+n['’]t");

  private final String text;
  private final Lexicon lexicon;
  private final List<Tok> tokens;

  /** The tokens of {@code text}, built once per scan ({@link PhiDetector#shared}) for every name detector. */
  static NameTokens of(String text, Lexicon lexicon) {
    return PhiDetector.shared(text, lexicon, () -> new NameTokens(text, lexicon));
  }

  NameTokens(String text, Lexicon lexicon) {
    this.text = text;
    this.lexicon = lexicon;
    this.tokens = new ArrayList<>();
    Matcher m = TOKEN.matcher(text);
    while (m.find()) {
      tokens.add(classify(m, lexicon));
    }
    // a clinical term that is also a name counts as a (weak) name unless used as an eponym: possessive ("Wilson's")
    // or followed by a clinical head word ("Wilson disease"); "Dr. Wilson" and "Gilbert Rico" are names
    for (int i = 0; i < tokens.size(); i++) {
      Tok t = tokens.get(i);
      if (t.kind() == Kind.CLINICAL && lexicon.isName(t.base()) && !possessive(t)
          && !(i + 1 < tokens.size() && HEADS.contains(Lexicon.lower(text.substring(tokens.get(i + 1).start(),
              tokens.get(i + 1).end()))))) {
        tokens.set(i, new Tok(t.start(), t.end(), t.base(), Kind.WEAK, t.firstName(), t.lastName()));
      }
    }
    // "Tietze syndrome", "Candida auris": a name word before a lower-case clinical head or Latin species is clinical
    for (int i = 0; i + 1 < tokens.size(); i++) {
      Tok t = tokens.get(i);
      Tok n = tokens.get(i + 1);
      String next = text.substring(n.start(), n.end());
      if (t.nameLike() && !possessive(t) && adjacent(t, n) && (HEADS.contains(next) || SPECIES.matcher(next).matches()
          && !lexicon.isEnglishWord(next) && !lexicon.isName(next))) {
        tokens.set(i, new Tok(t.start(), t.end(), t.base(), Kind.CLINICAL, t.firstName(), t.lastName()));
      }
    }
    for (int i = 0; i < tokens.size(); i++) {
      Tok t = tokens.get(i);
      if (t.kind() == Kind.SHORT_CAPS && (capitalName(i - 1, t) || capitalName(i + 1, t))) {
        tokens.set(i, new Tok(t.start(), t.end(), t.base(), Kind.WEAK, false, false));
      }
    }
    // "Martim A Pereira": a capital A or I between two name words on one line is a middle initial, not the article
    for (int i = 1; i + 1 < tokens.size(); i++) {
      Tok t = tokens.get(i);
      if (t.end() - t.start() == 1 && "AI".indexOf(text.charAt(t.start())) >= 0 && tokens.get(i - 1).nameLike()
          && tokens.get(i + 1).nameLike() && adjacent(tokens.get(i - 1), t) && adjacent(t, tokens.get(i + 1))) {
        tokens.set(i, new Tok(t.start(), t.end(), t.base(), Kind.INITIAL, false, false));
      }
    }
  }

  private boolean capitalName(int i, Tok next) {
    if (i < 0 || i >= tokens.size()) {
      return false;
    }
    Tok t = tokens.get(i);
    return t.nameLike() && t.base().length() > 3 && t.base().equals(t.base().toUpperCase(Locale.ROOT))
        && (t.start() < next.start() ? adjacent(t, next) : adjacent(next, t));
  }

  /** A clinical head word that makes the capitalized word before it clinical: "syndrome", "catheter". */
  static boolean isHead(String lowerWord) {
    return HEADS.contains(lowerWord);
  }

  List<Tok> tokens() {
    return tokens;
  }

  private Tok classify(Matcher m, Lexicon lx) {
    String raw = m.group();
    int end = m.end();
    boolean dot = raw.endsWith(".");
    if (dot && raw.length() == 2 && Character.isUpperCase(raw.charAt(0))) {
      return new Tok(m.start(), end, raw.substring(0, 1), Kind.INITIAL, false, false);
    }
    if (dot) {
      raw = raw.substring(0, raw.length() - 1);
      end--;
    }
    String unpossessed = raw.substring(0, raw.length() - possessiveEnding(raw));
    end -= raw.length() - unpossessed.length();
    raw = unpossessed;
    boolean digits = m.group("digits") != null;
    int letters = raw.length();
    while (letters > 0 && raw.charAt(letters - 1) >= '0' && raw.charAt(letters - 1) <= '9') {
      letters--;
    }
    String base = raw.substring(0, letters);
    if (base.isEmpty()) {
      return new Tok(m.start(), end, raw, Kind.OTHER, false, false);
    }
    String lowerBase = Lexicon.lower(base);
    if (CREDENTIALS.contains(lowerBase) || FUNCTION_WORDS.contains(lowerBase)
        || (base.indexOf('\'') >= 0 || base.indexOf('’') >= 0) && CONTRACTION.matcher(base).matches()) {
      return new Tok(m.start(), end, base, Kind.OTHER, false, false);
    }
    if (PARTICLES.contains(base) || PARTICLES.contains(Lexicon.lower(base)) && base.equals(base.toUpperCase(Locale.ROOT))
        && base.length() > 1) {
      return new Tok(m.start(), end, base, Kind.PARTICLE, false, false);
    }
    if (!Character.isUpperCase(base.charAt(0))) {
      // lower case: a candidate only; lowerName() checks the word lists when a cue asks ("lena andersson")
      boolean lower = !digits && base.length() > 1
          && base.chars().allMatch(c -> Character.isLowerCase(c) || c == '-' || c == '\'' || c == '’');
      return new Tok(m.start(), end, base, lower ? Kind.LOWER : Kind.OTHER, false, false);
    }
    if (base.length() == 1) {
      return new Tok(m.start(), end, base, digits ? Kind.OTHER : Kind.INITIAL, false, false);
    }
    boolean allCaps = base.equals(base.toUpperCase(Locale.ROOT));
    String[] parts = base.split("-");
    boolean name = true;
    boolean english = true;
    boolean clinical = false;
    for (String p : parts) {
      name &= lx.isName(p);
      english &= lx.isEnglishWord(p);
      clinical |= lx.isClinicalTerm(p);
    }
    boolean first = lx.isFirstName(parts[0]);
    boolean last = lx.isLastName(parts[parts.length - 1]);
    if (clinical && !(parts.length > 1 && name)) {
      return new Tok(m.start(), end, base, Kind.CLINICAL, first, last);
    }
    if (name && allCaps && base.length() <= 3 && lx.nameFrequency(base) < 2) {
      // "DOB", "ROS": a short word in capitals that one name list holds is read as an abbreviation, unless it
      // stands next to a longer name word in capitals ("FLO JAGODZIŃSKI"; see the constructor)
      return new Tok(m.start(), end, base, Kind.SHORT_CAPS, first, last);
    }
    if (name) {
      // two-letter names ("Na", "Al", "Li") also spell lab values and abbreviations: they need a partner
      return new Tok(m.start(), end, base, english || base.length() <= 2 ? Kind.WEAK : Kind.STRONG, first, last);
    }
    if (english || digits || allCaps && base.length() <= 3 || !mostlyLower(base)) {
      return new Tok(m.start(), end, base, Kind.OTHER, first, last);
    }
    return new Tok(m.start(), end, base, Kind.UNKNOWN, first, last);
  }

  /** Length of a final apostrophe with an optional s ("Wilson's", "Jones'"), which a name token drops. */
  private static int possessiveEnding(String raw) {
    int n = raw.length();
    char last = n > 0 ? raw.charAt(n - 1) : 0;
    if ((last == 's' || last == 'S') && n > 1 && (raw.charAt(n - 2) == '\'' || raw.charAt(n - 2) == '’')) {
      return 2;
    }
    return last == '\'' || last == '’' ? 1 : 0;
  }

  /** Title case ("Okafor", "McKenna", "O'Neil") or all capitals; not mixed like "HbA" or "pH". */
  private static boolean mostlyLower(String base) {
    long upper = base.chars().filter(Character::isUpperCase).count();
    return upper <= 3 || upper == base.chars().filter(Character::isLetter).count();
  }

  /** True when only spaces or tabs separate the two tokens (names never span a line break here). */
  boolean adjacent(Tok a, Tok b) {
    for (int i = a.end(); i < b.start(); i++) {
      char c = text.charAt(i);
      if (c != ' ' && c != '\t') {
        return false;
      }
    }
    return b.start() - a.end() <= 3;
  }

  /** Tokens {@code i} to {@code i + 2} read "X and Y" on one line: the middle one is "and", only spaces between. */
  boolean andPair(int i) {
    Tok and = i + 2 < tokens.size() ? tokens.get(i + 1) : null;
    return and != null && and.end() - and.start() == 3 && text.startsWith("and", and.start())
        && adjacent(tokens.get(i), and) && adjacent(and, tokens.get(i + 2));
  }

  /** Index of the first token starting at or after {@code offset}. */
  int indexAt(int offset) {
    int lo = 0;
    int hi = tokens.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (tokens.get(mid).start() < offset) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * The name that starts at token {@code i} after a cue: name-like tokens joined by particles and initials, at most
   * {@value #MAX_RUN}; returns {start, end} or null when token {@code i} does not start a name.
   */
  int[] forward(int i) {
    return forward(i, true);
  }

  /** {@code lastFirst}: whether a comma may still turn the name into "Last, First" (once, never recursively). */
  private int[] forward(int i, boolean lastFirst) {
    if (i < tokens.size() && tokens.get(i).kind() == Kind.PARTICLE) {
      int j = i;
      while (j + 1 < tokens.size() && j - i < 2 && tokens.get(j).kind() == Kind.PARTICLE
          && adjacent(tokens.get(j), tokens.get(j + 1))) {
        j++;
      }
      int[] rest = j > i && tokens.get(j).nameLike() ? forward(j, lastFirst) : null;
      return rest == null ? null : new int[] {tokens.get(i).start(), rest[1]};
    }
    if (i + 1 < tokens.size() && shortCapitals(tokens.get(i)) && adjacent(tokens.get(i), tokens.get(i + 1))
        && tokens.get(i + 1).nameLike()) {
      int[] rest = forward(i + 1, lastFirst);
      return new int[] {tokens.get(i).start(), rest[1]};
    }
    if (i >= tokens.size() || !tokens.get(i).nameLike()) {
      return null;
    }
    int last = i;
    int count = 1;
    for (int j = i + 1; j < tokens.size() && count < MAX_RUN; j++) {
      Tok t = tokens.get(j);
      if (!adjacent(tokens.get(j - 1), t) || !(t.nameLike() || t.joiner() || t.eponym() && !possessive(t))) {
        break;
      }
      count++;
      if (t.nameLike() || t.eponym()) {
        last = j;
      }
    }
    last = initialSurname(last);
    // "Last, First": one family name, a comma, then given names on the same line
    if (lastFirst && last == i && i + 1 < tokens.size()
        && commaThenSpace(tokens.get(i).end(), tokens.get(i + 1).start()) && tokens.get(i + 1).nameLike()) {
      int[] given = forward(i + 1, false);
      return new int[] {tokens.get(i).start(), given[1]};
    }
    return new int[] {tokens.get(i).start(), tokens.get(last).end()};
  }

  /**
   * "Brad L Key", "Ella H. Snider": a given name, a middle initial, then a capitalized English word is a family name;
   * returns the index of that word, or {@code last} unchanged.
   */
  int initialSurname(int last) {
    if (last + 2 < tokens.size() && tokens.get(last).nameLike() && tokens.get(last + 1).kind() == Kind.INITIAL
        && adjacent(tokens.get(last), tokens.get(last + 1)) && adjacent(tokens.get(last + 1), tokens.get(last + 2))
        && capitalizedWord(tokens.get(last + 2), last + 2)) {
      return last + 2;
    }
    return last;
  }

  /**
   * A title-case English word or eponym that a strong cue or name form may still make a surname ("Mr. Spears",
   * "Dr. Wells"): not a function word, credential or abbreviation, not possessive, not before a clinical head word.
   */
  boolean capitalizedWord(Tok t, int index) {
    String word = text.substring(t.start(), t.end());
    if (!(t.kind() == Kind.OTHER || t.kind() == Kind.CLINICAL) || word.length() < 2
        || !Character.isUpperCase(word.charAt(0)) || !word.substring(1).chars().allMatch(Character::isLowerCase)
        || FUNCTION_WORDS.contains(Lexicon.lower(word)) || CREDENTIALS.contains(Lexicon.lower(word))
        || possessive(t) && t.kind() == Kind.CLINICAL) {
      return false;
    }
    return !(index + 1 < tokens.size() && HEADS.contains(Lexicon.lower(text.substring(tokens.get(index + 1).start(),
        tokens.get(index + 1).end()))));
  }

  /** A lower-case word no English or clinical list holds: a name when a cue says so ("lena andersson"). */
  boolean lowerName(Tok t) {
    return t.kind() == Kind.LOWER && !lexicon.isEnglishWord(t.base()) && !lexicon.isClinicalTerm(t.base());
  }

  String text() {
    return text;
  }

  Lexicon lexicon() {
    return lexicon;
  }

  /** The name that ends with the last token ending at or before {@code offset}, read backwards; or null. */
  int[] backward(int offset) {
    int i = indexAt(offset) - 1;
    if (i < 0 || !(tokens.get(i).nameLike() || tokens.get(i).eponym()) || !onlySpace(tokens.get(i).end(), offset)) {
      return null;
    }
    int first = i;
    int count = 1;
    for (int j = i - 1; j >= 0 && count < MAX_RUN; j--) {
      Tok t = tokens.get(j);
      if (!adjacent(t, tokens.get(j + 1)) || !(t.nameLike() || t.joiner())) {
        break;
      }
      count++;
      if (t.nameLike() || t.kind() == Kind.PARTICLE && Character.isLowerCase(t.base().charAt(0))) {
        first = j;
      }
    }
    if (!tokens.get(first).nameLike() && first == i) {
      return null;
    }
    // "Last, First is a 43 year old": one family name (with particles or a hyphen) before a comma
    if (first > 0 && first == i && commaThenSpace(tokens.get(first - 1).end(), tokens.get(first).start())
        && tokens.get(first - 1).nameLike()) {
      int f = first - 1;
      while (f > 0 && tokens.get(f - 1).kind() == Kind.PARTICLE && adjacent(tokens.get(f - 1), tokens.get(f))) {
        f--;
      }
      first = f;
    }
    return new int[] {tokens.get(first).start(), tokens.get(i).end()};
  }

  /** "CAY" in "Pt CAY PERROT": a two- or three-letter word in capitals, otherwise read as an abbreviation. */
  private boolean shortCapitals(Tok t) {
    String word = text.substring(t.start(), t.end());
    return (t.kind() == Kind.OTHER || t.kind() == Kind.SHORT_CAPS) && word.length() <= 3 && word.length() >= 2
        && word.chars().allMatch(Character::isUpperCase);
  }

  boolean possessive(Tok t) {
    return t.end() < text.length() && (text.charAt(t.end()) == '\'' || text.charAt(t.end()) == '’');
  }

  private boolean commaThenSpace(int from, int to) {
    String between = text.substring(from, to);
    return between.matches(",[ \t]{1,2}");
  }

  private boolean onlySpace(int from, int to) {
    for (int k = from; k < to; k++) {
      if (!Character.isWhitespace(text.charAt(k)) && text.charAt(k) != ',') {
        return false;
      }
    }
    return true;
  }
}
