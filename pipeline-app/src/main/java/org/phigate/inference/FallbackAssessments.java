package org.phigate.inference;

import java.util.List;
import org.phigate.schema.ResultStatus;
import org.phigate.schema.Urgency;

/**
 * What an event gets when no model output can be used: the model answered with invalid output, it could not be
 * reached in time, it was not run because the egress guard found possible PHI in the de-identified text, or a step
 * of the AI itself failed for the event (the prompt builder, the safety net, the draft). Such results still go to
 * human review, with urgency source FALLBACK unless the safety net raised them.
 *
 * <p>Their urgency is {@link Urgency#URGENT}: nobody (no model) has read the message, so the result must not be
 * allowed to sit in the routine queue where an emergency could wait until morning; {@code EMERGENCY} is left to
 * the red-flag safety net, which runs after this like after every model and may raise it further. The category is
 * {@code other} and the confidence 0, so a reviewer sees at once that the model gave nothing.
 */
public final class FallbackAssessments {
  /** Urgency of every fallback result; see the class comment for why. */
  public static final Urgency FALLBACK_URGENCY = Urgency.URGENT;
  public static final String CATEGORY = "other";

  private FallbackAssessments() {}

  /** The model answered twice with output that did not parse or validate; {@code reason} names the check. */
  public static Assessment invalidOutput(String task, String reason) {
    return new Assessment(task, CATEGORY, 0.0, FALLBACK_URGENCY, "model output invalid (" + reason
        + "); needs a human read", List.of(), "", null, null, ResultStatus.MODEL_OUTPUT_INVALID);
  }

  /**
   * The egress guard refused the prompt, so the model never saw it: {@code rule} is the guard's rule name (never the
   * matched text). The message may be anything, a crisis included, so it gets the fallback urgency and the safety
   * net, which runs locally on the same text, may raise it.
   */
  public static Assessment egressBlocked(String rule) {
    return new Assessment("", CATEGORY, 0.0, FALLBACK_URGENCY, "model not run: the de-identified text still held "
        + "possible PHI (egress guard rule " + rule + "); read the message itself", List.of(), "", null, null,
        ResultStatus.EGRESS_BLOCKED);
  }

  /**
   * A step of the AI failed for this event: {@code code} names the step and the error's type
   * ({@code prompt-builder:IllegalStateException}), never its message, which may quote the text. The urgency is the
   * fallback's or {@code floor} (the model's, when it had answered), whichever is higher: a failure after the model
   * must not lower what the model said.
   */
  public static Assessment stepFailed(String code, Urgency floor) {
    Urgency urgency = floor != null && floor.ordinal() > FALLBACK_URGENCY.ordinal() ? floor : FALLBACK_URGENCY;
    return new Assessment("", CATEGORY, 0.0, urgency, "AI step failed (" + code + "); read the message itself",
        List.of(), "", null, null, ResultStatus.AI_STEP_FAILED);
  }

  /** The model could not be reached (retries spent, circuit open, budget spent); {@code reason} says which. */
  public static Assessment unavailable(String task, String reason) {
    return new Assessment(task, CATEGORY, 0.0, FALLBACK_URGENCY, "model unavailable (" + reason
        + "); needs a human read", List.of(), "", null, null, ResultStatus.MODEL_UNAVAILABLE);
  }
}
