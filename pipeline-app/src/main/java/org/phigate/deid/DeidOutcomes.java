package org.phigate.deid;

import java.util.List;
import org.phigate.schema.AuditEvent;
import org.phigate.schema.ClinicalEvent;
import org.phigate.schema.DeidentifiedEvent;
import org.phigate.schema.DetectedEvent;
import org.phigate.schema.IntakeFailure;
import org.phigate.schema.VaultEntry;

/** Outcomes of the deid role's two steps. */
public final class DeidOutcomes {
  private DeidOutcomes() {}

  /**
   * Routing of one event to its patient's partition: the patient token (the event id when the event cannot be
   * opened; detection then dead-letters it), the tokens of prior patients a merge retires, and whether the event
   * names its patient (not an {@code unknown:} key), so the survivor of a merge can take over what they remembered.
   */
  public record Routed(ClinicalEvent event, String patientToken, List<String> retiredPatientTokens, boolean linked) {
    public Routed {
      retiredPatientTokens = List.copyOf(retiredPatientTokens);
    }

    /** The survivor's token a merge's erasure requests name; empty when the event names no patient. */
    public String survivorToken() {
      return linked ? patientToken : "";
    }
  }

  /** Detection of one event: findings, or a dead letter; always an audit event. */
  public record Detected(DetectedEvent detected, IntakeFailure failure, AuditEvent audit) {
    public boolean ok() {
      return detected != null;
    }
  }

  /** Redaction of one event: the de-identified event and new vault entries, or a dead letter; always audited. */
  public record Redacted(DeidentifiedEvent event, List<VaultEntry> vaultEntries, IntakeFailure failure,
                         AuditEvent audit) {
    public boolean ok() {
      return event != null;
    }
  }
}
