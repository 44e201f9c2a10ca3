package org.phigate.deid.detect;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.phigate.schema.PhiContent;
import org.phigate.schema.PhiFinding;
import org.phigate.schema.TextPart;

/**
 * Finds the PHI in a record: every structured field as a whole, then every text part through the composed
 * {@link Detector}s, with the record's structured identifiers propagated into its text. Never changes the record.
 * Overlapping findings of one category are merged (detector names kept, "+"-joined).
 */
public final class PhiDetector {
  private final StructuredFieldFindings structured = new StructuredFieldFindings();
  private final List<Detector> detectors;

  public PhiDetector(List<Detector> detectors) {
    this.detectors = List.copyOf(detectors);
  }

  /** Known-identifier propagation plus every pattern and cue detector. */
  public static PhiDetector withDefaultDetectors() {
    return new PhiDetector(defaultDetectors());
  }

  public static List<Detector> defaultDetectors() {
    return List.of(
        new KnownIdentifierDetector(),
        new DateDetector(),
        new AgeOver89Detector(),
        new PhoneFaxDetector(),
        SimplePatterns.email(),
        SimplePatterns.ssn(),
        new ContextIdDetector(),
        SimplePatterns.url(),
        SimplePatterns.ipv4(),
        new AddressDetector(),
        new NameCueDetector());
  }

  /**
   * @return merged findings, sorted by path and offset
   * @throws IllegalArgumentException when two text parts share a path (offsets would be ambiguous)
   */
  public List<PhiFinding> detect(PhiContent content) {
    KnownIdentifiers known = KnownIdentifiers.from(content.getFields());
    List<PhiFinding> findings = new ArrayList<>(structured.find(content.getFields()));
    Set<String> paths = new HashSet<>();
    for (TextPart part : content.getTextParts()) {
      if (!paths.add(part.getPath())) {
        throw new IllegalArgumentException("duplicate text part path " + part.getPath());
      }
      for (Detector detector : detectors) {
        findings.addAll(detector.find(part.getPath(), part.getText(), known));
      }
    }
    return Findings.merge(findings);
  }
}
