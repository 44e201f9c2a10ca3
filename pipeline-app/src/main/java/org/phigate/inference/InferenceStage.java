package org.phigate.inference;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.phigate.audit.AuditEvents;
import org.phigate.schema.AuditAction;
import org.phigate.schema.AuditEvent;
import org.phigate.schema.AuditOutcome;
import org.phigate.schema.DeidentifiedEvent;
import org.phigate.schema.InferenceResult;
import org.phigate.schema.ResultStatus;
import org.phigate.schema.UrgencySource;

/**
 * The inference role's logic: route by workflow, guard the egress, run the model, audit every inference (model,
 * version, task, prompt SHA-256, latency, status, whether the safety net raised the urgency; never the prompt).
 * Thread-safe: workers call {@link #inferBatch} off the stream threads.
 *
 * <p>A prompt the egress guard refuses still yields a result (EGRESS_BLOCKED, urgent or higher, see
 * {@link InferenceService}) that goes to review, so the message is read; its audit event stays a MAJOR_FAILURE
 * ({@code EGRESS_BLOCKED}, with the guard's rule and offset and {@code resultHeld=true}), because text that reached
 * the inference zone still holding possible PHI is a de-identification miss compliance must see, whatever became of
 * the message.
 *
 * <p>Every enabled event gets exactly one result: when a step of the AI fails for it (see {@link InferenceService})
 * or its worker fails, the AI_STEP_FAILED fail-safe, whose audit event is a SERIOUS_FAILURE ({@code AI_STEP_FAILED},
 * with the failure's code and {@code resultHeld=true}).
 */
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

  /** An AI result (null only when the workflow has no AI step) and its audit event. */
  public record Outcome(InferenceResult result, AuditEvent audit) {}

  /** True when the event's workflow gets an AI step (else {@link #skipped}). */
  public boolean enabled(DeidentifiedEvent event) {
    return workflows.contains(event.getWorkflow());
  }

  /** The audit-only outcome of an event whose workflow has no AI step. */
  public Outcome skipped(DeidentifiedEvent event) {
    return new Outcome(null, record(event).detail("skipped", "workflow-not-enabled").build());
  }

  /** One event, on the calling thread. */
  public Outcome infer(DeidentifiedEvent event) {
    return enabled(event) ? inferBatch(List.of(event)).get(0) : skipped(event);
  }

  /**
   * Enabled events as one model batch; one outcome per event, in order, each with a result. Latency is the batch's
   * wall time. The service isolates each event's steps; should it still throw, each event is run alone, and one that
   * fails alone gets the AI_STEP_FAILED fail-safe.
   */
  public List<Outcome> inferBatch(List<DeidentifiedEvent> events) {
    long start = System.nanoTime();
    List<InferenceService.Attempt> attempts;
    try {
      attempts = service.runBatch(events, clock);
    } catch (RuntimeException e) {
      attempts = new ArrayList<>(events.size());
      for (DeidentifiedEvent event : events) {
        attempts.add(alone(event, events.size(), e));
      }
    }
    long latencyMs = (System.nanoTime() - start) / 1_000_000;
    List<Outcome> out = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      InferenceService.Attempt attempt = attempts.get(i);
      AuditEvents.Builder builder = record(events.get(i)).detail("latencyMs", latencyMs)
          .detail("batchSize", events.size());
      out.add(outcome(builder, attempt));
    }
    return out;
  }

  private InferenceService.Attempt alone(DeidentifiedEvent event, int batchSize, RuntimeException batchFailure) {
    RuntimeException failure = batchFailure;
    if (batchSize > 1) {
      try {
        return service.runBatch(List.of(event), clock).get(0);
      } catch (RuntimeException e) {
        failure = e;
      }
    }
    return service.failSafe(event, InferenceService.codeOf("inference", failure), clock);
  }

  /**
   * The outcome of an event whose batch did not finish within its wall-clock budget: a MODEL_UNAVAILABLE result
   * that still goes to review (or, when the guard refuses the prompt, the EGRESS_BLOCKED result).
   */
  public Outcome unavailable(DeidentifiedEvent event, String reason, long latencyMs) {
    AuditEvents.Builder builder = record(event).detail("latencyMs", latencyMs);
    return outcome(builder, service.fallback(event, FallbackAssessments.unavailable("", reason), clock));
  }

  /**
   * The AI_STEP_FAILED outcome of an event whose work failed outside the service (its worker), with {@code code}
   * (e.g. {@code worker-error:CompletionException}).
   */
  public Outcome failed(DeidentifiedEvent event, String code, long latencyMs) {
    AuditEvents.Builder builder = record(event).detail("latencyMs", latencyMs);
    return outcome(builder, service.failSafe(event, code, clock));
  }

  private static Outcome outcome(AuditEvents.Builder builder, InferenceService.Attempt attempt) {
    described(builder, attempt.result());
    if (attempt.failure() != null) {
      // a code (step and error type) only: the error's message may quote the text
      builder.outcome(AuditOutcome.SERIOUS_FAILURE, ResultStatus.AI_STEP_FAILED.name())
          .detail("failure", attempt.failure()).detail("resultHeld", true);
    }
    if (attempt.blocked() != null) {
      // the guard's message names the rule and offset only, never the matched text
      builder.outcome(AuditOutcome.MAJOR_FAILURE, "EGRESS_BLOCKED").detail("guard", attempt.blocked().getMessage())
          .detail("resultHeld", true);
    }
    return new Outcome(attempt.result(), builder.build());
  }

  private AuditEvents.Builder record(DeidentifiedEvent event) {
    return audit.event("inference.run", AuditAction.E, event.getEventId())
        .patientToken(event.getPatientToken())
        .entity(event.getEventId(), "DeidentifiedEvent", "4")
        .detail("workflow", event.getWorkflow());
  }

  private static void described(AuditEvents.Builder builder, InferenceResult result) {
    builder.detail("modelId", result.getModelId())
        .detail("modelVersion", result.getModelVersion())
        .detail("task", result.getTask())
        .detail("promptSha256", result.getPromptSha256())
        .detail("label", result.getLabel())
        .detail("status", result.getStatus().name())
        .detail("safetyNetRaised", result.getUrgencySource() == UrgencySource.SAFETY_NET);
    if (result.getUrgency() != null) {
      builder.detail("urgency", result.getUrgency().name());
    }
    if (result.getStatus() != ResultStatus.OK) {
      builder.outcome(AuditOutcome.MINOR_FAILURE, result.getStatus().name());
    }
  }
}
