package org.phigate.deid.detect;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.phigate.deid.dates.DateText;
import org.phigate.schema.PhiCategory;

/**
 * A cheap necessary condition for a known value's patterns, so a record with many known values (a patient's
 * remembered identifiers) does not run every pattern over every text. Each pattern of a value contains at least one
 * literal piece (a name part, an address part, a date rendering, the digits of a number) whose letters and digits,
 * case-folded, must then occur in the letters and digits of the text, case-folded. The needles mirror the pattern
 * forms of {@link KnownIdentifiers}; a value with a piece that has no letter or digit gets no needles (always run).
 */
final class KnownNeedles {
  private KnownNeedles() {}

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
