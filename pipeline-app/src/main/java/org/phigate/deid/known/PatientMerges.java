package org.phigate.deid.known;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.phigate.schema.PhiContent;
import org.phigate.schema.StructuredField;

/**
 * HL7 v2 patient merges and identifier changes: the prior patient identifiers (MRG-1) an event retires. The
 * retired patient's remembered identifiers are erased; the surviving patient keeps what the event itself declares.
 */
public final class PatientMerges {
  /** Merge patient (A34, A36, A40), merge person (A30, A39), change patient identifier list (A47). */
  static final Set<String> MERGE_TYPES = Set.of("ADT^A30", "ADT^A34", "ADT^A36", "ADT^A39", "ADT^A40", "ADT^A47");
  private static final Pattern PRIOR_ID_PATH = Pattern.compile("MRG(?:\\[\\d+])?-1(?:\\(\\d+\\))?");

  private PatientMerges() {}

  /** The prior patient keys an event of this message type retires; empty for every other event. */
  public static List<String> retiredPatientKeys(String messageType, PhiContent content) {
    if (messageType == null || !MERGE_TYPES.contains(messageType)) {
      return List.of();
    }
    return content.getFields().stream()
        .filter(f -> PRIOR_ID_PATH.matcher(f.getPath()).matches())
        .map(StructuredField::getValue).map(String::strip)
        .filter(v -> !v.isEmpty() && !v.equals(content.getPatientKey().strip()))
        .distinct().toList();
  }
}
