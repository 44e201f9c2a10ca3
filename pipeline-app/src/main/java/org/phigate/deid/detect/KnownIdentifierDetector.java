package org.phigate.deid.detect;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.phigate.deid.dates.DateText;
import org.phigate.schema.PhiCategory;
import org.phigate.schema.PhiFinding;

/**
 * Finds the record's own structured identifiers again in its free text (names, addresses, numbers, dates in other
 * renderings). Detector name {@code known:<structured path>}, so every hit traces back to the field it came from;
 * each hit carries that field's rule action, so redaction treats the text no looser than the field. A prefilter, a
 * cheap necessary condition, keeps a record with many known values (a patient's remembered identifiers) from running
 * every pattern over every text: each pattern of a value contains at least one literal piece (a name part, an address
 * part, a date rendering, the digits of a number) whose letters and digits, case-folded, must then occur in the
 * letters and digits of the text, case-folded. The needles mirror the pattern forms of {@link KnownIdentifiers}; a
 * value with a piece that has no letter or digit gets no needles (always run).
 */
public final class KnownIdentifierDetector implements Detector {
  static final double CONFIDENCE = 0.95;
  private final boolean prefilter;

  public KnownIdentifierDetector() {
    this(true);
  }

  /** Without the prefilter every pattern runs on every text: the reference the prefilter is tested against. */
  KnownIdentifierDetector(boolean prefilter) {
    this.prefilter = prefilter;
  }

  @Override
  public List<PhiFinding> find(String path, String text, KnownIdentifiers known) {
    List<PhiFinding> out = new ArrayList<>();
    String projected = null;
    for (KnownIdentifiers.KnownValue value : known.values()) {
      if (prefilter && !value.needles().isEmpty()) {
        projected = projected == null ? project(text) : projected;
        if (!mayOccur(value.needles(), projected)) {
          continue;
        }
      }
      for (Pattern pattern : value.patterns()) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
          if (m.end() > m.start()) {
            out.add(Findings.span(value.category(), path, m.start(), m.end(), "known:" + value.sourcePath(),
                CONFIDENCE, value.action()));
          }
        }
      }
    }
    return out;
  }

  /** Letters and digits only, each folded the way case-insensitive Unicode matching compares them. */
  static String project(CharSequence s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        out.append(Character.toLowerCase(Character.toUpperCase(c)));
      }
    }
    return out.toString();
  }

  /** The needles of a value: one of them occurs in the projected text whenever any of its patterns matches. */
  static List<String> needlesFor(PhiCategory category, String value) {
    List<String> pieces = new ArrayList<>();
    String whole = value.replaceAll("[\\^&~]+", " ").strip();
    pieces.add(whole);
    switch (category) {
      case NAME -> pieces.addAll(NameParts.parse(value).parts());
      case GEO -> pieces.addAll(KnownIdentifiers.addressParts(value));
      case DATE -> DateText.parse(value).ifPresentOrElse(p -> {
        pieces.add(value);
        if (p.hasYear() && p.hasDay()) {
          pieces.addAll(DateText.renderings(p.date()));
        }
      }, () -> pieces.add(value));
      default -> {
        pieces.add(value);
        String first = value.split("\\^", -1)[0];
        pieces.add(first);
        String compact = first.replaceAll("[^\\p{Alnum}]", "");
        if (compact.length() == 11 && compact.startsWith("1")) {
          pieces.add(compact.substring(1));
        }
      }
    }
    Set<String> out = new LinkedHashSet<>();
    for (String piece : pieces) {
      String needle = project(piece);
      if (needle.isEmpty()) {
        return List.of();
      }
      out.add(needle);
    }
    return List.copyOf(out);
  }

  /** Whether the value may occur in a text whose {@link #project projection} is given. */
  static boolean mayOccur(List<String> needles, String projectedText) {
    if (needles.isEmpty()) {
      return true;
    }
    for (String needle : needles) {
      if (projectedText.contains(needle)) {
        return true;
      }
    }
    return false;
  }
}
