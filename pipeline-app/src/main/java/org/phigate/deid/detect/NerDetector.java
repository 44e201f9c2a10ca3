package org.phigate.deid.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.phigate.schema.PhiCategory;
import org.phigate.schema.PhiFinding;

/**
 * Adapts a {@link NerModel} to a {@link Detector}: maps common NER labels (PERSON, PATIENT, DOCTOR, LOCATION,
 * HOSPITAL, DATE, PHONE, ID, ...; i2b2 and Presidio style) onto Safe Harbor categories and drops entities below the
 * score threshold, outside the text, or with labels it does not know. Model failures yield no findings from the model
 * (the rule detectors still run); the failure is not rethrown, since its message could quote the text.
 */
public final class NerDetector implements Detector {
  private static final Map<String, PhiCategory> LABELS = Map.ofEntries(
      Map.entry("PERSON", PhiCategory.NAME), Map.entry("PER", PhiCategory.NAME), Map.entry("NAME", PhiCategory.NAME),
      Map.entry("PATIENT", PhiCategory.NAME), Map.entry("DOCTOR", PhiCategory.NAME),
      Map.entry("USERNAME", PhiCategory.NAME), Map.entry("LOCATION", PhiCategory.GEO), Map.entry("LOC", PhiCategory.GEO),
      Map.entry("GPE", PhiCategory.GEO), Map.entry("HOSPITAL", PhiCategory.GEO), Map.entry("CITY", PhiCategory.GEO),
      Map.entry("STREET", PhiCategory.GEO), Map.entry("ZIP", PhiCategory.GEO), Map.entry("DATE", PhiCategory.DATE),
      Map.entry("AGE", PhiCategory.DATE), Map.entry("PHONE", PhiCategory.PHONE), Map.entry("FAX", PhiCategory.FAX),
      Map.entry("EMAIL", PhiCategory.EMAIL), Map.entry("URL", PhiCategory.URL), Map.entry("IP", PhiCategory.IP),
      Map.entry("SSN", PhiCategory.SSN), Map.entry("MEDICALRECORD", PhiCategory.MRN), Map.entry("MRN", PhiCategory.MRN),
      Map.entry("HEALTHPLAN", PhiCategory.HEALTH_PLAN_ID), Map.entry("ACCOUNT", PhiCategory.ACCOUNT),
      Map.entry("LICENSE", PhiCategory.LICENSE), Map.entry("VEHICLE", PhiCategory.VEHICLE_ID),
      Map.entry("DEVICE", PhiCategory.DEVICE_ID), Map.entry("IDNUM", PhiCategory.OTHER_ID),
      Map.entry("ID", PhiCategory.OTHER_ID), Map.entry("BIOID", PhiCategory.BIOMETRIC));
  private final NerModel model;
  private final double threshold;

  public NerDetector(NerModel model, double threshold) {
    this.model = model;
    this.threshold = threshold;
  }

  @Override
  public List<PhiFinding> find(String path, String text, KnownIdentifiers known) {
    List<NerModel.Entity> entities;
    try {
      entities = model.recognize(text);
    } catch (RuntimeException e) {
      return List.of();
    }
    List<PhiFinding> out = new ArrayList<>();
    for (NerModel.Entity e : entities == null ? List.<NerModel.Entity>of() : entities) {
      PhiCategory category = LABELS.get(e.label().toUpperCase(Locale.ROOT).replaceAll("[^A-Z]", ""));
      if (category != null && e.score() >= threshold && e.start() >= 0 && e.end() <= text.length()
          && e.start() < e.end()) {
        out.add(Findings.span(category, path, e.start(), e.end(), "ner:" + model.name(), e.score()));
      }
    }
    return out;
  }
}
