package org.phigate.deid.known;

import java.util.List;
import org.phigate.schema.StructuredField;

/** The structured identifiers remembered from a patient's earlier events, by patient token. */
public interface PatientMemory {
  /** Remembers nothing: detection sees the event's own identifiers only. */
  PatientMemory NONE = new PatientMemory() {
    @Override
    public List<StructuredField> recall(String patientToken) {
      return List.of();
    }

    @Override
    public void remember(String patientToken, List<StructuredField> remembered, List<StructuredField> current) {
      // nothing to keep
    }
  };

  /** Identifiers remembered for the patient, oldest first; empty when none (or when they cannot be opened). */
  List<StructuredField> recall(String patientToken);

  /** Adds an event's structured identifiers to what was recalled for the patient. */
  void remember(String patientToken, List<StructuredField> remembered, List<StructuredField> current);
}
