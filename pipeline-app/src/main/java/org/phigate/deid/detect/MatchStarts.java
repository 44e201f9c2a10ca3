package org.phigate.deid.detect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * Where a pattern's match can begin: the characters it starts with, the characters that may not stand right before
 * it, a literal every match holds, and further tests of what stands at a start ({@link #where}: a run of so many
 * digits, a look-behind, a line start). {@link #find} tries the pattern only at such positions, so a pattern whose
 * matches start at a digit or a cue word costs a character test per position instead of a regex attempt. Each set
 * must hold every real start (a superset is safe, a missing start loses findings): the patterns' own look-behinds,
 * {@code \b} and first characters say which; {@code DetectionGoldenTest} holds the findings to the unfiltered ones.
 * Cue words of every rule are found in one pass per text ({@link Anchors}): one trie of all registered literal sets,
 * walked once at each word start, instead of each rule testing its own list at every word.
 */
final class MatchStarts {
  static final String DIGIT = "0-9";
  static final String ALNUM = "A-Za-z0-9";
  static final String WORD = "A-Za-z0-9_";
  /** The digits as a word set for {@link #near}: a number ahead on the line. */
  static final String DIGITS = "0|1|2|3|4|5|6|7|8|9";

  private final boolean[] first = new boolean[128];
  private final boolean[] notAfter = new boolean[128];
  /** Any non-ASCII upper-case letter may start a match too ({@code \p{Lu}}). */
  private final boolean upper;
  /** Non-ASCII characters that may start a match ("’"). */
  private final String extra;
  private final String required;
  /** When not 0, a match begins with a literal of this registered set (ASCII case folded): its bit in {@link Anchors}. */
  private final long prefixes;
  /** Characters skipped before the prefix test ("[ \\t]+" or ",[ \\t]*" ahead of the cue word); empty: none. */
  private final String skip;
  /** When not 0, a match holds a word of this registered set on its first line, at or after its start. */
  private final long near;
  /** A further test each start must pass; null: none. */
  private final StartTest test;

  /** A necessary condition a pattern sets at its start, cheaper than a regex attempt ({@code Matcher.region} resets). */
  @FunctionalInterface
  interface StartTest {
    boolean at(String text, int p);
  }

  private MatchStarts(String first, String notAfter, boolean upper, String extra, String required) {
    this(first, notAfter, upper, extra, required, 0L, "", 0L, null);
  }

  private MatchStarts(String first, String notAfter, boolean upper, String extra, String required,
      long prefixes, String skip, long near, StartTest test) {
    mark(this.first, first);
    mark(this.notAfter, notAfter);
    this.upper = upper;
    this.extra = extra;
    this.required = required;
    this.prefixes = prefixes;
    this.skip = skip;
    this.near = near;
    this.test = test;
  }

  /**
   * A word that begins with one of these literals ("li|re|mo": "lives", "resides", "moved"), in any case, after
   * {@code \b}: for patterns that open with a case-insensitive alternation of cue words.
   */
  static MatchStarts prefixes(String alternatives) {
    return prefixes(alternatives, WORD);
  }

  /** Like {@link #prefixes(String)}, after none of {@code notAfter} (a look-behind instead of {@code \b}). */
  static MatchStarts prefixes(String alternatives, String notAfter) {
    StringBuilder firsts = new StringBuilder();
    for (String alt : alternatives.split("\\|")) {
      char c = Anchors.fold(alt.charAt(0));
      firsts.append(c).append(Character.toUpperCase(c));
    }
    return new MatchStarts(firsts.toString(), notAfter, false, "", null, Anchors.register(alternatives), "", 0L, null);
  }

  /**
   * These starts, where the match goes on, after a run of {@code skip} characters, with one of the literal
   * {@code alternatives} in any case (" lives at", ", MD"): for patterns that open with separators before a word.
   */
  MatchStarts then(String skip, String alternatives) {
    MatchStarts words = prefixes(alternatives);
    return new MatchStarts(spec(first), spec(notAfter), upper, extra, required, words.prefixes, skip, near, test);
  }

  /** The first {@code n} characters of each alternative, deduplicated: prefixes of a cue-word list. */
  static String heads(String alternatives, int n) {
    java.util.Set<String> out = new java.util.LinkedHashSet<>();
    for (String alt : alternatives.split("\\|")) {
      out.add(alt.substring(0, Math.min(n, alt.length())).toLowerCase(java.util.Locale.ROOT));
    }
    return String.join("|", out);
  }

  /** Matches start with one of these characters (ranges as in a regex class: "0-9A-F+"). */
  static MatchStarts of(String first) {
    return new MatchStarts(first, "", false, "", null);
  }

  /** A digit after a non-digit: patterns behind {@code (?<![\d...])}, {@code (?<![\p{Alnum}...])} or {@code \b}. */
  static MatchStarts digits() {
    return of(DIGIT).notAfter(DIGIT);
  }

  /**
   * A run of {@code min} to {@code max} digits after a non-digit, followed by one of {@code next} (ASCII, ranges as in
   * {@link #of}; empty: anything or the end): for patterns opening with {@code \\d{min,max}} and what follows it.
   */
  static MatchStarts digits(int min, int max, String next) {
    boolean[] follow = new boolean[128];
    mark(follow, next);
    boolean any = next.isEmpty();
    return digits().where((text, p) -> {
      int run = digitRun(text, p, max < Integer.MAX_VALUE ? max + 1 : max);
      if (run < min || run > max) {
        return false;
      }
      int e = p + run;
      return any || e < text.length() && text.charAt(e) < 128 && follow[text.charAt(e)];
    });
  }

  /** The number of ASCII digits from {@code p} on, counted up to {@code limit}. */
  static int digitRun(String text, int p, int limit) {
    int e = p;
    int end = (int) Math.min(text.length(), (long) p + limit);
    while (e < end && text.charAt(e) >= '0' && text.charAt(e) <= '9') {
      e++;
    }
    return e - p;
  }

  /** These starts, where {@code test} holds too. */
  MatchStarts where(StartTest more) {
    StartTest both = test == null ? more : (text, p) -> test.at(text, p) && more.at(text, p);
    return new MatchStarts(spec(first), spec(notAfter), upper, extra, required, prefixes, skip, near, both);
  }

  /** The first position at or after {@code i} that holds no space or tab. */
  static int skipBlanks(String text, int i) {
    while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }

  /** The last position before {@code i} that holds no space or tab; -1 when there is none. */
  static int lastNonBlank(String text, int i) {
    int k = i - 1;
    while (k >= 0 && (text.charAt(k) == ' ' || text.charAt(k) == '\t')) {
      k--;
    }
    return k;
  }

  /** A position at the start of a line ({@code ^} in multi-line mode): the text's start or after a line break. */
  static boolean lineStart(String text, int p) {
    if (p == 0) {
      return true;
    }
    char b = text.charAt(p - 1);
    return b == '\n' || b == '\r' || b >= 128;
  }

  /** A word that begins with one of these letters, in either case, after {@code \b}. */
  static MatchStarts words(String letters) {
    return of(letters + letters.toUpperCase(java.util.Locale.ROOT)).notAfter(WORD);
  }

  /** An upper-case letter, ASCII or not ({@code \p{Lu}}), after no ASCII letter ({@code (?<![\p{L}...])}). */
  static MatchStarts capitalized() {
    return new MatchStarts("A-Z", "A-Za-z", true, "", null);
  }

  MatchStarts notAfter(String chars) {
    return new MatchStarts(spec(first), spec(notAfter) + chars, upper, extra, required, prefixes, skip, near, test);
  }

  MatchStarts orUpper() {
    return new MatchStarts(spec(first), spec(notAfter), true, extra, required, prefixes, skip, near, test);
  }

  /** These non-ASCII characters may start a match too. */
  MatchStarts orAny(String nonAscii) {
    return new MatchStarts(spec(first), spec(notAfter), upper, extra + nonAscii, required, prefixes, skip, near, test);
  }

  /**
   * Every match holds one of these literal words (ASCII case folded) at a word start on the line where it begins, at
   * or after its start ("Hospital" for "St. Mary's Hospital"): only starts with such a word ahead on their line are
   * tried.
   */
  MatchStarts near(String words) {
    return new MatchStarts(spec(first), spec(notAfter), upper, extra, required, prefixes, skip,
        Anchors.register(words), test);
  }

  /** Every match holds this literal: a text without it is not scanned at all. */
  MatchStarts requires(String literal) {
    return new MatchStarts(spec(first), spec(notAfter), upper, extra, literal, prefixes, skip, near, test);
  }

  /**
   * The next match starting at or after {@code from}, as {@link Matcher#find(int)} would give it: the pattern is
   * tried anchored at each possible start in turn, with transparent, non-anchoring bounds so look-behinds,
   * {@code \b} and {@code ^} see the whole text. The matcher then holds the match.
   */
  boolean find(Matcher m, String text, int from) {
    if (required != null && text.indexOf(required) < 0) {
      return false;
    }
    m.useTransparentBounds(true).useAnchoringBounds(false);
    if (prefixes != 0) {
      return findAnchored(m, text, from);
    }
    int n = text.length();
    Anchors anchors = near == 0 ? null : Anchors.of(text);
    int a = anchors == null ? 0 : anchors.after(Math.max(0, from));
    int word = -1;
    int newline = -1;
    for (int p = Math.max(0, from); p < n; p++) {
      if (!start(text, p)) {
        continue;
      }
      if (anchors != null) {
        if (word < p) {
          while (a < anchors.size && (anchors.positions[a] < p || (anchors.masks[a] & near) == 0)) {
            a++;
          }
          if (a == anchors.size) {
            return false;
          }
          word = anchors.positions[a];
        }
        if (newline < p) {
          newline = text.indexOf('\n', p);
          newline = newline < 0 ? n : newline;
        }
        if (newline < word) {
          continue;
        }
      }
      if (m.region(p, n).lookingAt()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Like {@link #find}, trying only the starts whose cue word the anchors hold: the anchor itself, or with
   * {@code skip} the run of skipped characters right before it (a cue word never starts with one).
   */
  private boolean findAnchored(Matcher m, String text, int from) {
    Anchors anchors = Anchors.of(text);
    int n = text.length();
    int last = Math.max(0, from) - 1;
    for (int i = anchors.after(Math.max(0, from)); i < anchors.size; i++) {
      if ((anchors.masks[i] & prefixes) == 0) {
        continue;
      }
      int q = anchors.positions[i];
      int s = q;
      while (s > 0 && s - 1 > last && skip.indexOf(text.charAt(s - 1)) >= 0) {
        s--;
      }
      for (int p = Math.max(s, Math.max(0, from)); p <= q; p++) {
        if (start(text, p) && m.region(p, n).lookingAt()) {
          return true;
        }
      }
      last = q;
    }
    return false;
  }

  /** Whether a match can begin at {@code p}: its first character and the one before it. */
  private boolean start(String text, int p) {
    char c = text.charAt(p);
    if (c < 128 ? !first[c] : !(upper && Character.isUpperCase(c) || extra.indexOf(c) >= 0)) {
      return false;
    }
    if (p > 0) {
      char b = text.charAt(p - 1);
      if (b < 128 && notAfter[b]) {
        return false;
      }
    }
    return test == null || test.at(text, p);
  }

  /** Like {@link #find} for successive matches: from the end of the previous one, as {@link Matcher#find()}. */
  static int after(Matcher m) {
    return m.end() > m.start() ? m.end() : m.end() + 1;
  }

  private static void mark(boolean[] set, String spec) {
    for (int i = 0; i < spec.length(); i++) {
      char c = spec.charAt(i);
      if (i + 2 < spec.length() && spec.charAt(i + 1) == '-') {
        for (char k = c; k <= spec.charAt(i + 2); k++) {
          set[k] = true;
        }
        i += 2;
      } else {
        set[c] = true;
      }
    }
  }

  private static String spec(boolean[] set) {
    StringBuilder out = new StringBuilder();
    for (char c = 0; c < 128; c++) {
      if (set[c] && c != '-') {
        out.append(c);
      }
    }
    return set['-'] ? out.append('-').toString() : out.toString();
  }

  /**
   * The cue words of every registered literal set in one text, found in one pass: at each position that can start a
   * word (not a letter or digit right after an ASCII letter) one walk of the trie of all sets, ASCII case folded (the
   * patterns' {@code (?i)} folds ASCII only). Computed once per scan ({@link PhiDetector#shared}).
   */
  static final class Anchors {
    private static final List<String> SETS = new ArrayList<>();
    private static volatile Node trie = new Node();

    private int[] positions = new int[64];
    private long[] masks = new long[64];
    private int size;

    private static final class Node {
      private final Node[] ascii = new Node[128];
      private Map<Character, Node> other;
      private long mask;

      Node next(char c) {
        return c < 128 ? ascii[c] : other == null ? null : other.get(c);
      }

      Node grow(char c) {
        if (c < 128) {
          return ascii[c] == null ? ascii[c] = new Node() : ascii[c];
        }
        other = other == null ? new HashMap<>() : other;
        return other.computeIfAbsent(c, k -> new Node());
      }
    }

    /** The bit of a literal set ("li|re|moved"), the same for the same set; at most 64 distinct sets. */
    static synchronized long register(String alternatives) {
      int i = SETS.indexOf(alternatives);
      if (i < 0) {
        if (SETS.size() == Long.SIZE) {
          throw new IllegalStateException("more than 64 cue-word sets: MatchStarts.Anchors needs a wider mask");
        }
        SETS.add(alternatives);
        i = SETS.size() - 1;
        Node root = new Node();
        for (int k = 0; k < SETS.size(); k++) {
          for (String alt : SETS.get(k).split("\\|")) {
            Node node = root;
            for (int j = 0; j < alt.length(); j++) {
              node = node.grow(fold(alt.charAt(j)));
            }
            node.mask |= 1L << k;
          }
        }
        trie = root;
      }
      return 1L << i;
    }

    static char fold(char c) {
      return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }

    static Anchors of(String text) {
      Node root = trie;
      return PhiDetector.shared(text, root, () -> new Anchors(text, root));
    }

    private Anchors(String text, Node root) {
      int n = text.length();
      for (int p = 0; p < n; p++) {
        char b = p > 0 ? (char) (text.charAt(p - 1) | 32) : 0; // | 32: an ASCII capital in lower case
        char c = text.charAt(p);
        if (b >= 'a' && b <= 'z' && ((c | 32) >= 'a' && (c | 32) <= 'z' || c >= '0' && c <= '9')) {
          continue;
        }
        long mask = 0;
        Node node = root;
        for (int k = p; k < n && (node = node.next(fold(text.charAt(k)))) != null; k++) {
          mask |= node.mask;
        }
        if (mask != 0) {
          if (size == positions.length) {
            positions = Arrays.copyOf(positions, size * 2);
            masks = Arrays.copyOf(masks, size * 2);
          }
          positions[size] = p;
          masks[size++] = mask;
        }
      }
    }

    /** Index of the first anchor at or after {@code offset}. */
    int after(int offset) {
      int lo = 0;
      int hi = size;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (positions[mid] < offset) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo;
    }
  }
}
