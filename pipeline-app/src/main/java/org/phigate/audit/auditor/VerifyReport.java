package org.phigate.audit.auditor;

import java.util.List;
import org.phigate.schema.AuditEvent;

/** The result of `audit verify`: the first problem (null when the archive verifies) and what was checked. */
public record VerifyReport(String problem, long segments, long checkpoints, long records, String rootHex,
                           long millis, List<AuditEvent> recordsInOrder) {
  public boolean ok() {
    return problem == null;
  }
}
