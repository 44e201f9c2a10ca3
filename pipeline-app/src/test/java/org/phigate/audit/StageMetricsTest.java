package org.phigate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.phigate.schema.AuditAction;
import org.phigate.schema.AuditOutcome;

class StageMetricsTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @AfterEach
  void detach() {
    Metrics.removeRegistry(registry);
  }

  @Test
  void shouldCountStepsByOutcomeAndReasonAndFindingsByCategoryWithCodesOnlyAsTags() {
    Metrics.addRegistry(registry);
    AuditEvents audit = new AuditEvents("deid", "service:phigate-deid", "test/deid", Clock.systemUTC());
    audit.event("deid.detect", AuditAction.R, "ev-1").patientToken("PT-1").detail("phi.NAME", 3)
        .detail("phi.DATE", 1).build();
    audit.event("deid.redact", AuditAction.C, "ev-2").outcome(AuditOutcome.SERIOUS_FAILURE, "DEID_REDACT_FAILED")
        .build();

    assertThat(registry.get("phigate.stage.events").tag("step", "deid.detect").tag("outcome", "SUCCESS")
        .counter().count()).isEqualTo(1.0);
    assertThat(registry.get("phigate.stage.events").tag("reason", "DEID_REDACT_FAILED").counter().count())
        .isEqualTo(1.0);
    assertThat(registry.get("phigate.phi.findings").tag("category", "NAME").counter().count()).isEqualTo(3.0);
    registry.getMeters().forEach(m -> m.getId().getTags().forEach(t ->
        assertThat(t.getValue()).doesNotContain("ev-").doesNotContain("PT-")));
  }
}
