package org.phigate.deid.detect;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A known-identifier pattern with the literal pieces any match must contain, so the detector runs the pattern only
 * on text that holds them all. A bundle declares hundreds of identifiers (every encounter date, every address
 * rendering) and carries hundreds of notes; scanning each note with every pattern was quadratic in practice.
 *
 * @param needles  case-folded pieces ({@link #fold}) every match contains; empty = always run the pattern
 * @param squeezed true when the needles must be looked up in the text with separators removed ({@link #squeeze}),
 *                 for digit patterns that allow spaces, dots, dashes, slashes and parentheses between characters
 */
record TextProbe(Pattern pattern, List<String> needles, boolean squeezed) {
  TextProbe {
    needles = List.copyOf(needles);
  }

  /** The characters a flexible number pattern allows between digits (Java's \s plus {@code .()/-}). */
  private static final String SEPARATORS = " \t\n\u000B\f\r.()/-";

  /** Whether the pattern can match in a text whose {@link #fold} is {@code folded} and squeeze is {@code squeezed}. */
  boolean mayMatch(String foldedText, String squeezedText) {
    String haystack = squeezed ? squeezedText : foldedText;
    for (String needle : needles) {
      if (!haystack.contains(needle)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Per-character case fold, length-preserving: two characters a {@code (?iu)} pattern treats as equal (same upper
   * or same lower case, e.g. k / K / Kelvin sign, s / long s, i / dotless i / dotted I) fold to the same character.
   */
  static String fold(String text) {
    char[] out = new char[text.length()];
    for (int i = 0; i < out.length; i++) {
      out[i] = Character.toLowerCase(Character.toUpperCase(text.charAt(i)));
    }
    return new String(out);
  }

  /** The folded text without the separator characters of {@link #SEPARATORS}. */
  static String squeeze(String foldedText) {
    StringBuilder out = new StringBuilder(foldedText.length());
    for (int i = 0; i < foldedText.length(); i++) {
      char c = foldedText.charAt(i);
      if (SEPARATORS.indexOf(c) < 0) {
        out.append(c);
      }
    }
    return out.toString();
  }
}
