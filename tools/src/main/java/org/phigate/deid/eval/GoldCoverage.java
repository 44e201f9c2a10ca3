package org.phigate.deid.eval;

import org.phigate.deid.notes.Note;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which characters of a gold span a prediction must cover for full-coverage recall: every letter and digit, except a
 * leading honorific ("Dr.", "Mrs.") and trailing credentials ("MD", "DDS", "PhD") at the edges of a NAME span. Those
 * words identify no one (Safe Harbor lists the name, not the title), the redaction policy keeps them on purpose so the
 * AI step still knows a clinician from a relative, and the i2b2 de-identification corpora leave them out of name
 * spans; some shared sets put them in. Generational suffixes (Jr, III) stay required: they are part of the name.
 * Likewise a US state right before a ZIP code inside a GEO span ("GRASSE, PA 39551"): Safe Harbor removes geographic
 * units smaller than a state, and the policy keeps the state on purpose.
 */
public final class GoldCoverage {
  private static final Set<String> HONORIFICS = Set.of("dr", "mr", "mrs", "ms", "miss", "mx", "prof", "sir", "dame",
      "rev", "fr", "mme", "mlle", "herr", "frau", "sr", "sra", "srta", "dra");
  private static final Set<String> CREDENTIALS = Set.of("md", "do", "dds", "dmd", "dvm", "phd", "rn", "np", "pa",
      "pa-c", "lpn", "aprn", "cnm", "crna", "fnp", "dnp", "pharmd", "mbbs", "facs", "facp", "od", "dpm", "msw",
      "lcsw", "mph", "rph", "psyd", "bsn", "msn");
  private static final Pattern LEADING = Pattern.compile("^([\\p{L}]+)\\.?\\s+");
  private static final Pattern TRAILING = Pattern.compile("(?:,\\s*|\\s+)([\\p{L}-]+)\\.?$");
  private static final Pattern STATE_BEFORE_ZIP = Pattern.compile("\\b(?:AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN"
      + "|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|PR|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV"
      + "|WI|WY)(?=,?[ \\t]+\\d{5}(?:-\\d{4})?\\b)");

  private GoldCoverage() {}

  /** True when every letter or digit of {@code span} in {@code text} is covered, titles and states included. */
  public static boolean strict(String text, Note.Span span, boolean[] covered) {
    return allCovered(text, Math.max(0, span.start()), Math.min(text.length(), span.end()), covered, null);
  }

  /** True when every required letter or digit of {@code span} in {@code text} is covered. */
  public static boolean full(String text, Note.Span span, boolean[] covered) {
    int[] range = required(text, span);
    boolean[] excused = new boolean[range[1] - range[0]];
    if ("GEO".equals(span.category())) {
      Matcher state = STATE_BEFORE_ZIP.matcher(text).region(range[0], range[1]).useTransparentBounds(true);
      while (state.find()) {
        java.util.Arrays.fill(excused, state.start() - range[0], state.end() - range[0], true);
      }
    }
    return allCovered(text, range[0], range[1], covered, excused);
  }

  /** Every letter or digit in [from, to) is covered or excused ({@code excused} indexed from {@code from}, or null). */
  private static boolean allCovered(String text, int from, int to, boolean[] covered, boolean[] excused) {
    for (int i = from; i < to; i++) {
      if (Character.isLetterOrDigit(text.charAt(i)) && !covered[i] && (excused == null || !excused[i - from])) {
        return false;
      }
    }
    return true;
  }

  /** The part of {@code span} that must be covered, as [start, end) clipped to the text. */
  static int[] required(String text, Note.Span span) {
    int start = Math.max(0, span.start());
    int end = Math.min(text.length(), span.end());
    if (!"NAME".equals(span.category()) || start >= end) {
      return new int[] {start, Math.max(start, end)};
    }
    Matcher lead = LEADING.matcher(text).region(start, end);
    if (lead.lookingAt() && HONORIFICS.contains(lead.group(1).toLowerCase(Locale.ROOT)) && lead.end() < end) {
      start = lead.end();
    }
    while (start < end) {
      Matcher tail = TRAILING.matcher(text).region(start, end);
      if (!tail.find() || tail.start() <= start || !credential(tail.group(1))) {
        break;
      }
      end = tail.start();
    }
    return new int[] {start, end};
  }

  /** A listed credential written with two or more capitals ("MD", "PhD"), so the surname "Do" stays required. */
  private static boolean credential(String word) {
    return CREDENTIALS.contains(word.toLowerCase(Locale.ROOT)) && word.chars().filter(Character::isUpperCase).count() >= 2;
  }
}
