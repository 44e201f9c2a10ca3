package org.phigate.gazetteer;

import java.util.ArrayList;
import java.util.List;

/**
 * A text cut into words once: maximal runs of letters and digits (apostrophes inside a word kept: "O'Fallon"; a possessive "'s" is not part of it), each
 * with its offsets, its lower-case form (per character, so offsets hold) and its case shape. Hyphens, periods and
 * spaces separate words, so "Winston-Salem", "Winston Salem" and "St. Louis" / "St Louis" match the same entry.
 */
public final class Words {
  private final String text;
  private final int[] starts;
  private final int[] ends;
  private final String[] lower;
  private final boolean lowerCaseText;

  private Words(String text, List<int[]> spans) {
    this.text = text;
    this.starts = new int[spans.size()];
    this.ends = new int[spans.size()];
    this.lower = new String[spans.size()];
    boolean anyUpper = false;
    for (int i = 0; i < spans.size(); i++) {
      starts[i] = spans.get(i)[0];
      ends[i] = spans.get(i)[1];
      char[] chars = new char[ends[i] - starts[i]];
      for (int k = starts[i]; k < ends[i]; k++) {
        char c = text.charAt(k);
        anyUpper |= Character.isUpperCase(c);
        chars[k - starts[i]] = Character.toLowerCase(c);
      }
      lower[i] = new String(chars);
    }
    this.lowerCaseText = !anyUpper;
  }

  /** Cuts {@code text} into words. */
  public static Words of(String text) {
    List<int[]> spans = new ArrayList<>();
    int i = 0;
    int n = text.length();
    while (i < n) {
      if (!Character.isLetterOrDigit(text.charAt(i))) {
        i++;
        continue;
      }
      int start = i;
      while (i < n && (Character.isLetterOrDigit(text.charAt(i)) || apostropheInside(text, i))) {
        i++;
      }
      spans.add(new int[] {start, i});
    }
    return new Words(text, spans);
  }

  private static boolean apostropheInside(String text, int i) {
    char c = text.charAt(i);
    boolean possessive = i + 1 < text.length() && text.charAt(i + 1) == 's'
        && (i + 2 >= text.length() || !Character.isLetter(text.charAt(i + 2)));
    return (c == '\'' || c == '’') && !possessive && i + 1 < text.length() && Character.isLetter(text.charAt(i + 1))
        && i > 0 && Character.isLetter(text.charAt(i - 1));
  }

  /** The lower-case words of a lexicon entry, cut the same way as a text. */
  public static String[] keyOf(String entry) {
    Words w = of(entry);
    return w.lower.clone();
  }

  public String text() {
    return text;
  }

  public int size() {
    return starts.length;
  }

  public int start(int i) {
    return starts[i];
  }

  public int end(int i) {
    return ends[i];
  }

  /** Word {@code i} in lower case. */
  public String lower(int i) {
    return lower[i];
  }

  /** Whether the whole text is written without capitals (portal messages typed in lower case). */
  public boolean lowerCaseText() {
    return lowerCaseText;
  }

  /** Word {@code i} starts with a capital letter. */
  public boolean capitalized(int i) {
    return Character.isUpperCase(text.charAt(starts[i]));
  }

  /** Word {@code i} is written all in capitals (two letters or more). */
  public boolean allCaps(int i) {
    if (ends[i] - starts[i] < 2) {
      return false;
    }
    for (int k = starts[i]; k < ends[i]; k++) {
      if (Character.isLowerCase(text.charAt(k))) {
        return false;
      }
    }
    return true;
  }

  /** Only spaces, tabs, hyphens or a period (abbreviation) lie between words {@code i} and {@code i + 1}. */
  public boolean joined(int i) {
    if (i + 1 >= size()) {
      return false;
    }
    String gap = text.substring(ends[i], starts[i + 1]);
    return gap.length() <= 2 && gap.chars().allMatch(c -> c == ' ' || c == '-' || c == '.' || c == '\t');
  }

  /** Word {@code i} starts a sentence or a line (so its capital says nothing). */
  public boolean sentenceStart(int i) {
    int k = starts[i] - 1;
    while (k >= 0 && (text.charAt(k) == ' ' || text.charAt(k) == '\t' || text.charAt(k) == '"')) {
      k--;
    }
    return k < 0 || ".!?\n\r:".indexOf(text.charAt(k)) >= 0;
  }
}
