package org.phigate.deid.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import org.phigate.schema.PhiFinding;

/**
 * Finds the record's own structured identifiers again in its free text (names, addresses, numbers, dates in other
 * renderings). Detector name {@code known:<structured path>}, so every hit traces back to the field it came from.
 */
public final class KnownIdentifierDetector implements Detector {
  static final double CONFIDENCE = 0.95;

  @Override
  public List<PhiFinding> find(String path, String text, KnownIdentifiers known) {
    List<PhiFinding> out = new ArrayList<>();
    if (known.values().isEmpty()) {
      return out;
    }
    String folded = TextProbe.fold(text);
    String squeezed = TextProbe.squeeze(folded);
    for (KnownIdentifiers.KnownValue value : known.values()) {
      for (TextProbe probe : value.probes()) {
        if (!probe.mayMatch(folded, squeezed)) {
          continue;
        }
        Matcher m = probe.pattern().matcher(text);
        while (m.find()) {
          if (m.end() > m.start()) {
            out.add(Findings.span(value.category(), path, m.start(), m.end(), "known:" + value.sourcePath(),
                CONFIDENCE));
          }
        }
      }
    }
    return out;
  }
}
