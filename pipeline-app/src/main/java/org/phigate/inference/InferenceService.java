package org.phigate.inference;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.phigate.inference.drafts.DraftReplies;
import org.phigate.inference.drafts.TriageDrafts;
import org.phigate.inference.safety.SafetyNet;
import org.phigate.schema.DeidentifiedEvent;
import org.phigate.schema.InferenceResult;
import org.phigate.schema.TextPart;

/**
 * The inference step for de-identified events (one, or a batch per workflow): build the exact prompt, let the
 * egress guard re-scan it (fail closed), run the model, then the red-flag {@link SafetyNet} over the same text,
 * and record model id, version
 * (with the safety net's lexicon version) and the SHA-256 of the exact prompt in the result.
 *
 * <p>A prompt the guard refuses never reaches the model but still gets a result, so a clinician reads the message:
 * {@link FallbackAssessments#egressBlocked} (status EGRESS_BLOCKED, urgency URGENT) with the safety net run locally
 * on the same text, which raises a crisis to EMERGENCY with escalate. Its prompt hash is empty: there was no model
 * input, and a hash of text that still holds PHI is not recorded.
 *
 * <p>The safety net ({@link SafetyNetStep}: the lexicon on every workflow, plus the embedding crisis detector on the
 * workflows {@link DetectorWorkflows} names) runs after every model, embedded or remote, on
 * the whole batch at once, and can only raise urgency ({@link ResultBuilder}): when it finds a red
 * flag above the model's urgency, the result's urgency is the flag's, {@code urgencySource} is SAFETY_NET,
 * {@code modelUrgency} keeps the model's, and the draft becomes the reply for the raised urgency. Suicidality,
 * overdose, self-harm or harm to others give EMERGENCY, the crisis reply (988, 911) and {@code escalate}; so does
 * any EMERGENCY.
 *
 * <p>No step failure of one event loses it or touches the others of its batch: each step runs per event (the model
 * and the detectors per batch, then item by item when the batch call fails), and an event whose prompt builder,
 * guard, safety net or draft throws gets the {@link FallbackAssessments#stepFailed} result
 * ({@link FailSafeResults}: status AI_STEP_FAILED, urgency URGENT or the model's if higher, urgency source
 * FALLBACK, the step and error type as a code, never a message). The safety net still runs on it as far as it
 * can: the lexicon first and on its own, so a failing detector leaves the word list's verdict in place; a message
 * no lexicon could read is flagged {@code escalate}.
 * Thread-safe when its parts are.
 */
public final class InferenceService {
  private final PromptBuilder promptBuilder;
  private final EgressGuard guard;
  private final ClinicalModel model;
  private final SafetyNetStep net;
  private final ResultBuilder results;
  private final FailSafeResults failSafe;

  public InferenceService(PromptBuilder promptBuilder, EgressGuard guard, ClinicalModel model) {
    this(promptBuilder, guard, model, SafetyNet.shipped());
  }

  public InferenceService(PromptBuilder promptBuilder, EgressGuard guard, ClinicalModel model, SafetyNet safetyNet) {
    this(promptBuilder, guard, model, safetyNet, DraftReplies.shipped());
  }

  /**
   * With the drafts of results the safety net raised (the shipped {@link DraftReplies} elsewhere); the net's
   * detectors read every workflow.
   */
  public InferenceService(PromptBuilder promptBuilder, EgressGuard guard, ClinicalModel model, SafetyNet safetyNet,
                          TriageDrafts drafts) {
    this(promptBuilder, guard, model, safetyNet, drafts, DetectorWorkflows.every());
  }

  /** With the workflows whose text the net's semantic detectors read (the lexicon reads every workflow). */
  public InferenceService(PromptBuilder promptBuilder, EgressGuard guard, ClinicalModel model, SafetyNet safetyNet,
                          TriageDrafts drafts, DetectorWorkflows detectorWorkflows) {
    this.promptBuilder = Objects.requireNonNull(promptBuilder, "promptBuilder");
    this.guard = Objects.requireNonNull(guard, "guard");
    this.model = Objects.requireNonNull(model, "model");
    this.net = new SafetyNetStep(safetyNet, detectorWorkflows);
    this.results = new ResultBuilder(model, drafts);
    this.failSafe = new FailSafeResults(results, net);
  }

  /**
   * One event's outcome in a batch: always a result; {@code blocked} is the guard's refusal when the model never saw
   * the prompt (the result is then the EGRESS_BLOCKED fallback), else null; {@code failure} the code of the AI step
   * that failed for it (the result is then AI_STEP_FAILED), else null.
   */
  public record Attempt(InferenceResult result, EgressBlockedException blocked, String failure) {
    public Attempt(InferenceResult result, EgressBlockedException blocked) {
      this(result, blocked, null);
    }
  }

  /** One event's result; a prompt the guard refuses gets the EGRESS_BLOCKED fallback and the model is not called. */
  public InferenceResult run(DeidentifiedEvent event, Clock clock) {
    return runBatch(List.of(Objects.requireNonNull(event, "event")), clock).get(0).result();
  }

  /**
   * Runs many events, one model batch per workflow, and returns one attempt per event in input order; never throws
   * for one event's sake. A model batch that fails (throws, or answers with the wrong number of results) is asked
   * again item by item; an item that fails alone gets a {@link FallbackAssessments#unavailable} result, which still
   * goes to review. A prompt the guard refuses gets the {@link FallbackAssessments#egressBlocked} result and the
   * guard's refusal; a failing step the {@link FallbackAssessments#stepFailed} result and its code.
   */
  public List<Attempt> runBatch(List<DeidentifiedEvent> events, Clock clock) {
    Objects.requireNonNull(clock, "clock");
    List<InferenceItem> items = events.stream().map(this::prepare).toList();
    Map<String, List<InferenceItem>> byWorkflow = new LinkedHashMap<>();
    for (InferenceItem item : items) {
      if (item.readyForModel()) {
        byWorkflow.computeIfAbsent(item.event.getWorkflow(), w -> new ArrayList<>()).add(item);
      }
    }
    byWorkflow.forEach((workflow, batch) -> {
      List<Assessment> answers = answers(workflow, batch.stream().map(i -> i.prompt).toList());
      for (int j = 0; j < batch.size(); j++) {
        batch.get(j).answer = answers.get(j);
      }
    });
    net.addMeaning(items);
    return items.stream().map(item -> finish(item, clock)).toList();
  }

  /**
   * The result of an event whose model call gave nothing usable in time (e.g. the wall-clock budget ran out): the
   * given fallback assessment, recorded like any model output; or, when the guard refuses the prompt, the
   * EGRESS_BLOCKED result and the refusal; or, when a step fails, the AI_STEP_FAILED result. Never throws for the
   * event's sake.
   */
  public Attempt fallback(DeidentifiedEvent event, Assessment assessment, Clock clock) {
    InferenceItem item = prepare(event);
    item.answer = assessment;
    net.addMeaning(List.of(item));
    return finish(item, clock);
  }

  /**
   * The AI_STEP_FAILED result of an event for a failure outside this service ({@code code}, e.g. the worker that ran
   * it), with the safety net run as far as it can.
   */
  public Attempt failSafe(DeidentifiedEvent event, String code, Clock clock) {
    InferenceItem item = prepare(event);
    item.fail(code);
    net.addMeaning(List.of(item));
    return finish(item, clock);
  }

  /** {@code step:ErrorType}; the type is the class's simple name (the binary name's tail for anonymous ones). */
  static String codeOf(String step, Throwable e) {
    return StepFailure.codeOf(step, e);
  }

  /** Prompt, guard and the lexicon, each on its own: a failure is recorded on the item, never thrown. */
  private InferenceItem prepare(DeidentifiedEvent event) {
    InferenceItem item = new InferenceItem(event);
    try {
      item.prompt = promptBuilder.build(event);
      item.body = bodyOf(item.prompt);
    } catch (RuntimeException e) {
      item.fail("prompt-builder", e);
      item.body = rawText(event);
    }
    if (item.prompt != null) {
      try {
        guard.check(item.prompt);
      } catch (EgressBlockedException e) {
        item.blocked = e;
      } catch (RuntimeException e) {
        item.fail("egress-guard", e);
      }
    }
    // the lexicon first and alone: whatever fails later, the result never falls below the word list's verdict
    net.lexicon(item);
    return item;
  }

  /** The de-identified text parts as the safety net's input when no prompt could be built; null when unreadable. */
  private static String rawText(DeidentifiedEvent event) {
    try {
      List<String> parts = new ArrayList<>();
      if (event.getTextParts() != null) {
        for (TextPart part : event.getTextParts()) {
          if (part != null && part.getText() != null && !part.getText().isBlank()) {
            parts.add(part.getText().strip());
          }
        }
      }
      return String.join("\n\n", parts);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** The item's result: the model's (or the fallback given), EGRESS_BLOCKED, or the fail-safe after a failure. */
  private Attempt finish(InferenceItem item, Clock clock) {
    if (item.failure == null) {
      try {
        if (item.blocked != null) {
          // the model was not run: its id and version, no prompt hash
          return new Attempt(results.complete(item.event, "", FallbackAssessments.egressBlocked(item.blocked.rule()),
              item.verdict, net.version(item), clock, false), item.blocked);
        }
        return new Attempt(results.complete(item.event, PromptBuilder.sha256Hex(item.prompt), item.answer,
            item.verdict, net.version(item), clock, false), null);
      } catch (RuntimeException e) {
        item.fail("result", e);
      }
    }
    return failSafe.failed(item, clock);
  }

  /**
   * The model's answers, one per prompt; a batch that fails is asked again one prompt at a time, so one bad item
   * costs only its own answer.
   */
  private List<Assessment> answers(String workflow, List<String> prompts) {
    List<Assessment> answers;
    try {
      answers = model.inferBatch(workflow, prompts);
    } catch (RuntimeException e) {
      if (prompts.size() == 1) {
        // the exception's message may echo model input: only its type is recorded
        return List.of(FallbackAssessments.unavailable("", codeOf("model-error", e)));
      }
      answers = null;
    }
    if (answers != null && answers.size() == prompts.size() && !answers.contains(null)) {
      return answers;
    }
    if (prompts.size() == 1) {
      return List.of(FallbackAssessments.unavailable("", "model-returned-wrong-count"));
    }
    List<Assessment> out = new ArrayList<>(prompts.size());
    for (String prompt : prompts) {
      out.add(answers(workflow, List.of(prompt)).get(0));
    }
    return out;
  }

  /** The free text of a prompt: what the safety net reads (the header carries no message words). */
  static String bodyOf(String prompt) {
    String marker = "\n" + PromptBuilder.BODY_MARKER + "\n";
    int at = prompt.indexOf(marker);
    return at >= 0 ? prompt.substring(at + marker.length()) : prompt;
  }

  public ClinicalModel model() {
    return model;
  }

  public SafetyNet safetyNet() {
    return net.net();
  }
}
