package org.phigate.audit;

import io.micrometer.core.instrument.Metrics;
import java.util.Map;
import org.phigate.schema.AuditEvent;

/**
 * PHIGate's own counters, derived from the audit events every step emits: steps by role, outcome and reason code,
 * and PHI findings by Safe Harbor category. Tags are codes by construction (the audit model has no field for names or
 * free text), so no PHI can reach a metric label. Counted when a step builds its event, so a step retried under
 * exactly-once is counted again: a rate, not a ledger (the audit trail is the ledger).
 */
final class StageMetrics {
  private static final String PHI_PREFIX = "phi.";

  private StageMetrics() {}

  static void record(String role, AuditEvent event) {
    Metrics.counter("phigate.stage.events", "role", role, "step", event.getSubtype(),
        "outcome", event.getOutcome().name(), "reason", event.getOutcomeDesc() == null ? "none"
            : event.getOutcomeDesc()).increment();
    if ("deid.detect".equals(event.getSubtype())) {
      for (Map.Entry<String, String> detail : event.getDetails().entrySet()) {
        if (detail.getKey().startsWith(PHI_PREFIX)) {
          Metrics.counter("phigate.phi.findings", "category", detail.getKey().substring(PHI_PREFIX.length()))
              .increment(Double.parseDouble(detail.getValue()));
        }
      }
    }
  }
}
