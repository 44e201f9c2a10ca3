package org.phigate.deid.detect;

import java.util.List;
import org.phigate.schema.PhiCategory;
import org.phigate.schema.PhiContent;
import org.phigate.schema.PhiFinding;
import org.phigate.schema.TextPart;

final class DetectorTestSupport {
  private static final PhiDetector DEFAULT = PhiDetector.withDefaultDetectors();

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

  /** The NAME findings of the whole default detector (all detectors plus name context) on one text part. */
  static List<String> names(String text) {
    List<PhiFinding> findings = DEFAULT.detect(new PhiContent("k", List.of(), List.of(new TextPart("t", text))));
    return findings.stream().filter(f -> f.getCategory() == PhiCategory.NAME)
        .map(f -> text.substring(f.getStart(), f.getEnd())).toList();
  }

  static List<PhiFinding> raw(Detector detector, String text) {
    return detector.find("t", text, KnownIdentifiers.none());
  }
}
