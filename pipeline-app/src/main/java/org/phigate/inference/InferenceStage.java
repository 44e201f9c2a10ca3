package org.phigate.inference;

import java.time.Clock;
import java.util.Set;
import org.phigate.audit.AuditEvents;
import org.phigate.schema.AuditAction;
import org.phigate.schema.AuditEvent;
import org.phigate.schema.AuditOutcome;
import org.phigate.schema.DeidentifiedEvent;
import org.phigate.schema.InferenceResult;

/** The inference role's logic: route by workflow, guard the egress, run the model, audit every step. */
public final class InferenceStage {
  private final InferenceService service;
  private final Set<String> workflows;
  private final AuditEvents audit;
  private final Clock clock;

  public InferenceStage(InferenceService service, Set<String> workflows, AuditEvents audit, Clock clock) {
    this.service = service;
    this.workflows = Set.copyOf(workflows);
    this.audit = audit;
    this.clock = clock;
  }

  /** An AI result (null when not produced) and its audit event. */
  public record Outcome(InferenceResult result, AuditEvent audit) {}

  public Outcome infer(DeidentifiedEvent event) {
    AuditEvents.Builder record = audit.event("inference.run", AuditAction.E, event.getEventId())
        .patientToken(event.getPatientToken())
        .entity(event.getEventId(), "DeidentifiedEvent", "4")
        .detail("workflow", event.getWorkflow());
    if (!workflows.contains(event.getWorkflow())) {
      return new Outcome(null, record.detail("skipped", "workflow-not-enabled").build());
    }
    try {
      InferenceResult result = service.run(event, clock);
      return new Outcome(result, record
          .detail("modelId", result.getModelId())
          .detail("modelVersion", result.getModelVersion())
          .detail("promptSha256", result.getPromptSha256())
          .detail("label", result.getLabel())
          .build());
    } catch (EgressBlockedException e) {
      // the guard's message names the rule and offset only, never the matched text
      return new Outcome(null, record.outcome(AuditOutcome.MAJOR_FAILURE, "EGRESS_BLOCKED")
          .detail("guard", e.getMessage()).build());
    } catch (RuntimeException e) {
      return new Outcome(null, record.outcome(AuditOutcome.SERIOUS_FAILURE, "MODEL_FAILED")
          .detail("error", e.getClass().getSimpleName()).build());
    }
  }
}
