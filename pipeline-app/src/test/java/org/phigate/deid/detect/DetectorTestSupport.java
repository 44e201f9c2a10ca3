package org.phigate.deid.detect;

import java.util.List;
import org.phigate.schema.PhiCategory;
import org.phigate.schema.PhiFinding;

final class DetectorTestSupport {
  private DetectorTestSupport() {}

  /** "CATEGORY:matched text" for every finding, after merging. */
  static List<String> hits(Detector detector, String text) {
    return hits(detector, text, KnownIdentifiers.none());
  }

  static List<String> hits(Detector detector, String text, KnownIdentifiers known) {
    return Findings.merge(detector.find("t", text, known)).stream()
        .map(f -> f.getCategory() + ":" + text.substring(f.getStart(), f.getEnd()))
        .toList();
  }

  static List<String> texts(Detector detector, String text, PhiCategory category) {
    return Findings.merge(detector.find("t", text, KnownIdentifiers.none())).stream()
        .filter(f -> f.getCategory() == category)
        .map(f -> text.substring(f.getStart(), f.getEnd()))
        .toList();
  }

  static List<PhiFinding> raw(Detector detector, String text) {
    return detector.find("t", text, KnownIdentifiers.none());
  }
}
