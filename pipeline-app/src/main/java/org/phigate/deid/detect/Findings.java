package org.phigate.deid.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.phigate.deid.policy.Action;
import org.phigate.schema.PhiCategory;
import org.phigate.schema.PhiFinding;

/** Building and merging findings. */
public final class Findings {
  private static final Comparator<PhiFinding> ORDER = Comparator.comparing(PhiFinding::getPath)
      .thenComparing(f -> f.getStart() == null ? -1 : f.getStart())
      .thenComparing(f -> f.getEnd() == null ? -1 : f.getEnd())
      .thenComparing(PhiFinding::getCategory);

  private Findings() {}

  public static PhiFinding span(PhiCategory category, String path, int start, int end, String detector,
      double confidence) {
    return span(category, path, start, end, detector, confidence, null);
  }

  /** A span carrying the rule action of the structured field it was found from (null: none). */
  public static PhiFinding span(PhiCategory category, String path, int start, int end, String detector,
      double confidence, String action) {
    return new PhiFinding(category, path, start, end, detector, confidence, action);
  }

  /**
   * The same finding on another path (a copy of the text it was found in). Built field by field: Avro's copying
   * builder would need the schema classes trusted (AvroTrust), which a detector run outside a stage does not set up.
   */
  static PhiFinding onPath(PhiFinding f, String path) {
    return new PhiFinding(f.getCategory(), path, f.getStart(), f.getEnd(), f.getDetector(), f.getConfidence(),
        f.getAction());
  }

  public static PhiFinding whole(PhiCategory category, String path, String detector, double confidence) {
    return new PhiFinding(category, path, null, null, detector, confidence, null);
  }

  /**
   * Merges overlapping span findings of the same category on the same path into one finding covering their union.
   * The merged finding keeps every contributing detector name ({@code "+"}-joined, sorted), the highest confidence
   * and the strictest carried rule action.
   * Whole-field findings pass through; findings of different categories are never merged.
   */
  public static List<PhiFinding> merge(List<PhiFinding> findings) {
    Map<String, List<PhiFinding>> groups = new LinkedHashMap<>();
    List<PhiFinding> out = new ArrayList<>();
    for (PhiFinding f : findings) {
      if (f.getStart() == null) {
        out.add(f);
      } else {
        groups.computeIfAbsent(f.getPath() + '\u0000' + f.getCategory(), k -> new ArrayList<>()).add(f);
      }
    }
    for (List<PhiFinding> group : groups.values()) {
      group.sort(Comparator.comparingInt(PhiFinding::getStart));
      PhiFinding first = group.get(0);
      int start = first.getStart();
      int end = first.getEnd();
      double confidence = first.getConfidence();
      String action = first.getAction();
      TreeSet<String> detectors = new TreeSet<>(List.of(first.getDetector().split("\\+")));
      for (PhiFinding f : group.subList(1, group.size())) {
        if (f.getStart() < end) {
          end = Math.max(end, f.getEnd());
          confidence = Math.max(confidence, f.getConfidence());
          action = Action.stricterName(action, f.getAction());
          detectors.addAll(List.of(f.getDetector().split("\\+")));
        } else {
          out.add(span(first.getCategory(), first.getPath(), start, end, String.join("+", detectors), confidence,
              action));
          start = f.getStart();
          end = f.getEnd();
          confidence = f.getConfidence();
          action = f.getAction();
          detectors = new TreeSet<>(List.of(f.getDetector().split("\\+")));
        }
      }
      out.add(span(first.getCategory(), first.getPath(), start, end, String.join("+", detectors), confidence,
          action));
    }
    out.sort(ORDER);
    return out;
  }
}
