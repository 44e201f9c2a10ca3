package org.phigate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.phigate.schema.AuditAction;
import org.phigate.schema.AuditAgent;
import org.phigate.schema.AuditEvent;

/** BALP agent rules of the builder, and the audit-before-disclose publisher. */
class AuditEventsTest {
  private final AuditEvents audit = new AuditEvents("review", "service:review", "test/review", Clock.systemUTC());

  @Test
  void shouldMakeThePersonTheOnlyRequestorOfAHumanRead() {
    AuditEvent e = audit.humanRead("review.view", "dr-ng", "attending", "ev-1", "rv-ev-1", "ReviewItem")
        .patientToken("PT-1").build();
    assertThat(e.getAction()).isEqualTo(AuditAction.R);
    assertThat(e.getAgents()).extracting(AuditAgent::getWho, AuditAgent::getRequestor)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("service:review", false),
            org.assertj.core.groups.Tuple.tuple("dr-ng", true));
    assertThat(e.getEntities()).extracting(en -> en.getWhat()).containsExactly("rv-ev-1");
  }

  @Test
  void shouldKeepTheServiceAsRequestorOfItsOwnSteps() {
    assertThat(audit.event("review.hold", AuditAction.C, "ev-2").build().getAgents().get(0).getRequestor()).isTrue();
  }

  @Test
  void shouldPublishAndWaitForTheBroker() {
    MockProducer<String, AuditEvent> producer = new MockProducer<>(true, null, new StringSerializer(),
        (topic, value) -> new byte[0]);
    try (AuditLog log = new AuditLog(producer)) {
      log.record(audit.humanRead("dlq.show", "ops-1", "integration-engineer", "dlq-1", "phigate.intake.dlq/x",
          "IntakeFailure").build());
    }
    assertThat(producer.history()).singleElement().satisfies(r -> {
      assertThat(r.topic()).isEqualTo("phigate.audit.events");
      assertThat(r.key()).isEqualTo("dlq-1");
    });
  }
}
