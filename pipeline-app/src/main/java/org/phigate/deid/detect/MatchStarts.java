package org.phigate.deid.detect;

import java.util.regex.Matcher;

/**
 * Where a pattern's match can begin: the characters it starts with, the characters that may not stand right before
 * it, and a literal every match holds. {@link #find} tries the pattern only at such positions, so a pattern whose
 * matches start at a digit or a cue word costs a character test per position instead of a regex attempt. Each set
 * must hold every real start (a superset is safe, a missing start loses findings): the patterns' own look-behinds,
 * {@code \b} and first characters say which; {@code DetectionGoldenTest} holds the findings to the unfiltered ones.
 */
final class MatchStarts {
  static final String DIGIT = "0-9";
  static final String ALNUM = "A-Za-z0-9";
  static final String WORD = "A-Za-z0-9_";

  private final boolean[] first = new boolean[128];
  private final boolean[] notAfter = new boolean[128];
  /** Any non-ASCII upper-case letter may start a match too ({@code \p{Lu}}). */
  private final boolean upper;
  /** Non-ASCII characters that may start a match ("’"). */
  private final String extra;
  private final String required;
  /** When set, a match begins with one of these literals (any case), by lower-case first character. */
  private final String[][] prefixes;
  /** Characters skipped before the prefix test ("[ \\t]+" or ",[ \\t]*" ahead of the cue word); empty: none. */
  private final String skip;

  private MatchStarts(String first, String notAfter, boolean upper, String extra, String required) {
    this(first, notAfter, upper, extra, required, null, "");
  }

  private MatchStarts(String first, String notAfter, boolean upper, String extra, String required,
      String[][] prefixes, String skip) {
    mark(this.first, first);
    mark(this.notAfter, notAfter);
    this.upper = upper;
    this.extra = extra;
    this.required = required;
    this.prefixes = prefixes;
    this.skip = skip;
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
    String[][] byFirst = new String[128][];
    StringBuilder firsts = new StringBuilder();
    for (String alt : alternatives.split("\\|")) {
      String lower = alt.toLowerCase(java.util.Locale.ROOT);
      char c = lower.charAt(0);
      String[] old = byFirst[c] == null ? new String[0] : byFirst[c];
      String[] grown = java.util.Arrays.copyOf(old, old.length + 1);
      grown[old.length] = lower;
      byFirst[c] = grown;
      firsts.append(c).append(Character.toUpperCase(c));
    }
    return new MatchStarts(firsts.toString(), notAfter, false, "", null, byFirst, "");
  }

  /**
   * These starts, where the match goes on, after a run of {@code skip} characters, with one of the literal
   * {@code alternatives} in any case (" lives at", ", MD"): for patterns that open with separators before a word.
   */
  MatchStarts then(String skip, String alternatives) {
    MatchStarts words = prefixes(alternatives);
    return new MatchStarts(spec(first), spec(notAfter), upper, extra, required, words.prefixes, skip);
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

  /** A word that begins with one of these letters, in either case, after {@code \b}. */
  static MatchStarts words(String letters) {
    return of(letters + letters.toUpperCase(java.util.Locale.ROOT)).notAfter(WORD);
  }

  /** An upper-case letter, ASCII or not ({@code \p{Lu}}), after no ASCII letter ({@code (?<![\p{L}...])}). */
  static MatchStarts capitalized() {
    return new MatchStarts("A-Z", "A-Za-z", true, "", null);
  }

  MatchStarts notAfter(String chars) {
    return new MatchStarts(spec(first), spec(notAfter) + chars, upper, extra, required, prefixes, skip);
  }

  MatchStarts orUpper() {
    return new MatchStarts(spec(first), spec(notAfter), true, extra, required, prefixes, skip);
  }

  /** These non-ASCII characters may start a match too. */
  MatchStarts orAny(String nonAscii) {
    return new MatchStarts(spec(first), spec(notAfter), upper, extra + nonAscii, required, prefixes, skip);
  }

  /** Every match holds this literal: a text without it is not scanned at all. */
  MatchStarts requires(String literal) {
    return new MatchStarts(spec(first), spec(notAfter), upper, extra, literal, prefixes, skip);
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
    int n = text.length();
    for (int p = Math.max(0, from); p < n; p++) {
      char c = text.charAt(p);
      if (c < 128 ? !first[c] : !(upper && Character.isUpperCase(c) || extra.indexOf(c) >= 0)) {
        continue;
      }
      if (p > 0) {
        char b = text.charAt(p - 1);
        if (b < 128 && notAfter[b]) {
          continue;
        }
      }
      if (prefixes != null && !prefixed(text, p, c)) {
        continue;
      }
      m.region(p, n);
      if (m.lookingAt()) {
        return true;
      }
    }
    return false;
  }

  private boolean prefixed(String text, int p, char c) {
    if (!skip.isEmpty()) {
      while (p < text.length() && skip.indexOf(text.charAt(p)) >= 0) {
        p++;
      }
      c = p < text.length() ? text.charAt(p) : 0;
      if (c >= 128) {
        return false;
      }
    }
    String[] candidates = prefixes[Character.toLowerCase(c)];
    if (candidates != null) {
      for (String prefix : candidates) {
        if (text.regionMatches(true, p, prefix, 0, prefix.length())) {
          return true;
        }
      }
    }
    return false;
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
}
