package org.phigate.deid.known;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.phigate.schema.PhiContent;
import org.phigate.schema.StructuredField;

/**
 * HL7 v2 patient merges and identifier changes: the prior patient identifiers (MRG-1) an event retires; the
 * surviving patient is the event's own (PID-3), both by the first component, as intake keys patients. The retired
 * patient's remembered identifiers are carried over to the survivor's entry (the same person), then erased.
 */
public final class PatientMerges {
  /** Separates the survivor's token from the erasure of a merge; no part of an erasure request may contain it. */
  private static final String SURVIVOR = "|";
  /** Merge patient (A34, A36, A40), merge person (A30, A39), change patient identifier list (A47). */
  static final Set<String> MERGE_TYPES = Set.of("ADT^A30", "ADT^A34", "ADT^A36", "ADT^A39", "ADT^A40", "ADT^A47");
  private static final Pattern PRIOR_ID_PATH = Pattern.compile("MRG(?:\\[\\d+])?-1(?:\\(\\d+\\))?");

  private PatientMerges() {}

  /**
   * The erasure request of a merge, keyed by the retired token: erase the entry and, when a survivor is named (a
   * linked patient token), carry its values over to the survivor's entry first.
   */
  public static String request(String eventId, String survivorToken) {
    String erase = new Erasure(Erasure.PATIENT_MERGED, eventId, "")
        .encode();
    return survivorToken == null || survivorToken.isEmpty() ? erase : erase + SURVIVOR + survivorToken;
  }

  /** The survivor a merge's erasure request names; empty for an erasure of any other reason or form. */
  public static Optional<String> survivor(String request) {
    if (request == null || !request.contains(SURVIVOR)) {
      return Optional.empty();
    }
    String token = request.substring(request.indexOf(SURVIVOR) + 1);
    boolean merge = Erasure.decode(request).reasonCode()
        .equals(Erasure.PATIENT_MERGED);
    return merge && Erasure.PATIENT_TOKEN.matcher(token).matches() ? Optional.of(token)
        : Optional.empty();
  }

  /**
   * A request from outside (phigate.deid.erasures) without any survivor part: only merges the deid role reads
   * itself move values between patients' entries.
   */
  public static String withoutSurvivor(String request) {
    return request == null || !request.contains(SURVIVOR) ? request
        : request.substring(0, request.indexOf(SURVIVOR));
  }

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
