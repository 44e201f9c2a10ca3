package org.phigate.deid.detect;

import java.util.List;
import org.phigate.schema.PhiFinding;

/**
 * One free-text PHI detector. Implementations are stateless and thread-safe; they never see or change the record,
 * only one text part and the identifiers already known from the record's structured fields.
 */
public interface Detector {

  /**
   * Finds PHI in one text part.
   *
   * @param path  the text part's path, copied into every finding
   * @param text  the text to scan
   * @param known identifiers known from the same record's structured fields (never null; may be empty)
   * @return findings with 0-based, end-exclusive offsets into {@code text}; never the matched value itself
   */
  List<PhiFinding> find(String path, String text, KnownIdentifiers known);

  /** One detector running each of {@code detectors} in order, their findings concatenated. */
  static Detector all(List<? extends Detector> detectors) {
    return (path, text, known) -> {
      List<PhiFinding> out = new java.util.ArrayList<>();
      detectors.forEach(d -> out.addAll(d.find(path, text, known)));
      return out;
    };
  }
}
