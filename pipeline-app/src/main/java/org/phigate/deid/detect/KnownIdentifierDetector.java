package org.phigate.deid.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.phigate.schema.PhiFinding;

/**
 * Finds the record's own structured identifiers again in its free text (names, addresses, numbers, dates in other
 * renderings). Detector name {@code known:<structured path>}, so every hit traces back to the field it came from;
 * each hit carries that field's rule action, so redaction treats the text no looser than the field.
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
        projected = projected == null ? KnownNeedles.project(text) : projected;
        if (!KnownNeedles.mayOccur(value.needles(), projected)) {
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
}
