package org.phigate.inference;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.phigate.inference.drafts.DraftReplies;
import org.phigate.inference.drafts.TriageDrafts;
import org.phigate.inference.safety.SafetyNet;
import org.phigate.schema.DeidentifiedEvent;
import org.phigate.schema.InferenceResult;
import org.phigate.schema.ResultStatus;
import org.phigate.schema.TextPart;
import org.phigate.schema.Urgency;
import org.phigate.schema.UrgencySource;

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
 * <p>The safety net (lexicon plus the embedding crisis detector) runs after every model, embedded or remote, on
 * the whole batch at once, and can only raise urgency: when it finds a red
 * flag above the model's urgency, the result's urgency is the flag's, {@code urgencySource} is SAFETY_NET,
 * {@code modelUrgency} keeps the model's, and the draft becomes the reply for the raised urgency. Suicidality,
 * overdose, self-harm or harm to others give EMERGENCY, the crisis reply (988, 911) and {@code escalate}; so does
 * any EMERGENCY.
 *
 * <p>No step failure of one event loses it or touches the others of its batch: each step runs per event (the model
 * and the detectors per batch, then item by item when the batch call fails), and an event whose prompt builder,
 * guard, safety net or draft throws gets the {@link FallbackAssessments#stepFailed} result (status AI_STEP_FAILED,
 * urgency URGENT or the model's if higher, urgency source FALLBACK, the step and error type as a code, never a
 * message). The safety net still runs on it as far as it can: the lexicon first and on its own, so a failing
 * detector leaves the word list's verdict in place; a message no lexicon could read is flagged {@code escalate}.
 * Thread-safe when its parts are.
 */
public final class InferenceService {
  private static final SafetyNet.Verdict NOTHING = new SafetyNet.Verdict(List.of(), List.of(), List.of());

  private final PromptBuilder promptBuilder;
  private final EgressGuard guard;
  private final ClinicalModel model;
  private final SafetyNet safetyNet;
  private final TriageDrafts drafts;

  public InferenceService(PromptBuilder promptBuilder, EgressGuard guard, ClinicalModel model) {
    this(promptBuilder, guard, model, SafetyNet.shipped());
  }

  public InferenceService(PromptBuilder promptBuilder, EgressGuard guard, ClinicalModel model, SafetyNet safetyNet) {
    this(promptBuilder, guard, model, safetyNet, DraftReplies.shipped());
  }

  /** With the drafts of results the safety net raised (the shipped {@link DraftReplies} elsewhere). */
  public InferenceService(PromptBuilder promptBuilder, EgressGuard guard, ClinicalModel model, SafetyNet safetyNet,
                          TriageDrafts drafts) {
    this.promptBuilder = Objects.requireNonNull(promptBuilder, "promptBuilder");
    this.guard = Objects.requireNonNull(guard, "guard");
    this.model = Objects.requireNonNull(model, "model");
    this.safetyNet = Objects.requireNonNull(safetyNet, "safetyNet");
    this.drafts = Objects.requireNonNull(drafts, "drafts");
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
    List<Item> items = events.stream().map(this::prepare).toList();
    Map<String, List<Item>> byWorkflow = new LinkedHashMap<>();
    for (Item item : items) {
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
    addMeaning(items);
    return items.stream().map(item -> finish(item, clock)).toList();
  }

  /**
   * The result of an event whose model call gave nothing usable in time (e.g. the wall-clock budget ran out): the
   * given fallback assessment, recorded like any model output; or, when the guard refuses the prompt, the
   * EGRESS_BLOCKED result and the refusal; or, when a step fails, the AI_STEP_FAILED result. Never throws for the
   * event's sake.
   */
  public Attempt fallback(DeidentifiedEvent event, Assessment assessment, Clock clock) {
    Item item = prepare(event);
    item.answer = assessment;
    addMeaning(List.of(item));
    return finish(item, clock);
  }

  /**
   * The AI_STEP_FAILED result of an event for a failure outside this service ({@code code}, e.g. the worker that ran
   * it), with the safety net run as far as it can.
   */
  public Attempt failSafe(DeidentifiedEvent event, String code, Clock clock) {
    Item item = prepare(event);
    item.fail(code);
    addMeaning(List.of(item));
    return finish(item, clock);
  }

  /** One event on its way through the steps: what each step gave, and the first failure. */
  private static final class Item {
    final DeidentifiedEvent event;
    String prompt;
    /** The text the safety net reads: the prompt's body, or the raw text parts when there is no prompt. */
    String body;
    EgressBlockedException blocked;
    String failure;
    SafetyNet.Verdict lexical;
    SafetyNet.Verdict verdict;
    Assessment answer;

    Item(DeidentifiedEvent event) {
      this.event = event;
    }

    void fail(String code) {
      if (failure == null) {
        failure = code;
      }
    }

    void fail(String step, RuntimeException e) {
      fail(e instanceof StepFailure f ? f.code : codeOf(step, e));
    }

    boolean readyForModel() {
      return prompt != null && blocked == null && failure == null;
    }

    /** The net's best verdict: with the detectors, else the lexicon's alone, else null (nothing read the text). */
    SafetyNet.Verdict bestVerdict() {
      return verdict != null ? verdict : lexical;
    }
  }

  /** A failed step, named by code (step and error type); carries no message and no cause, which may quote text. */
  private static final class StepFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String code;

    StepFailure(String code) {
      super(code, null, false, false);
      this.code = code;
    }
  }

  /** {@code step:ErrorType}; the type is the class's simple name (the binary name's tail for anonymous ones). */
  static String codeOf(String step, Throwable e) {
    String type = e.getClass().getSimpleName();
    if (type.isEmpty()) {
      String name = e.getClass().getName();
      type = name.substring(name.lastIndexOf('.') + 1);
    }
    return step + ":" + type;
  }

  /** Prompt, guard and the lexicon, each on its own: a failure is recorded on the item, never thrown. */
  private Item prepare(DeidentifiedEvent event) {
    Item item = new Item(event);
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
    if (item.body != null) {
      // the lexicon first and alone: whatever fails later, the result never falls below the word list's verdict
      try {
        item.lexical = safetyNet.lexicon(item.body);
      } catch (RuntimeException e) {
        item.fail("safety-net-lexicon", e);
      }
    }
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

  /**
   * The detectors over every item with a lexicon verdict, as one batch; when the batch fails, item by item, and an
   * item whose detectors fail keeps the lexicon's verdict and the failure.
   */
  private void addMeaning(List<Item> items) {
    List<Item> open = items.stream().filter(i -> i.lexical != null).toList();
    if (open.isEmpty()) {
      return;
    }
    try {
      List<SafetyNet.Verdict> verdicts = safetyNet.withMeaning(open.stream().map(i -> i.body).toList(),
          open.stream().map(i -> i.lexical).toList());
      for (int j = 0; j < open.size(); j++) {
        open.get(j).verdict = Objects.requireNonNull(verdicts.get(j), "verdict");
      }
      return;
    } catch (RuntimeException e) {
      if (open.size() == 1) {
        open.get(0).fail("safety-net-detector", e);
        return;
      }
    }
    for (Item item : open) {
      try {
        item.verdict = Objects.requireNonNull(
            safetyNet.withMeaning(List.of(item.body), List.of(item.lexical)).get(0), "verdict");
      } catch (RuntimeException e) {
        item.fail("safety-net-detector", e);
      }
    }
  }

  /** The item's result: the model's (or the fallback given), EGRESS_BLOCKED, or the fail-safe after a failure. */
  private Attempt finish(Item item, Clock clock) {
    if (item.failure == null) {
      try {
        if (item.blocked != null) {
          return blocked(item.event, item.blocked, item.verdict, clock);
        }
        return new Attempt(complete(item.event, PromptBuilder.sha256Hex(item.prompt), item.answer, item.verdict,
            clock, false), null);
      } catch (RuntimeException e) {
        item.fail("result", e);
      }
    }
    return failed(item, clock);
  }

  /**
   * The AI_STEP_FAILED result: never below the model's urgency when it had answered, raised by whatever verdict the
   * net could give, escalated when not even the lexicon read the text. Its draft is best effort.
   */
  private Attempt failed(Item item, Clock clock) {
    Urgency floor = item.answer == null ? null : item.answer.urgency();
    Assessment fallback = FallbackAssessments.stepFailed(item.failure, floor);
    SafetyNet.Verdict verdict = item.bestVerdict();
    String hash = item.prompt == null || item.blocked != null ? "" : PromptBuilder.sha256Hex(item.prompt);
    InferenceResult result;
    try {
      result = complete(item.event, hash, fallback, verdict == null ? NOTHING : verdict, clock, true);
    } catch (RuntimeException e) {
      result = bare(item.event, fallback, clock);
    }
    if (item.lexical == null) {
      result.setEscalate(true);
      result.setRationale(result.getRationale() + " Safety net lexicon did not run: escalated.");
    }
    return new Attempt(result, item.blocked, item.failure);
  }

  /** The fail-safe result from the event's required fields and the fallback alone, for when even that failed. */
  private InferenceResult bare(DeidentifiedEvent event, Assessment fallback, Clock clock) {
    return InferenceResult.newBuilder()
        .setEventId(event.getEventId())
        .setTenant(event.getTenant())
        .setWorkflow(event.getWorkflow())
        .setPatientToken(event.getPatientToken())
        .setModelId(orUnknown(model::modelId))
        .setModelVersion(orUnknown(model::modelVersion))
        .setPromptSha256("")
        .setLabel(fallback.label())
        .setConfidence(0.0)
        .setDraftText("")
        .setCreatedAt(clock.instant())
        .setCategory(fallback.category())
        .setUrgency(fallback.urgency())
        .setModelUrgency(fallback.urgency())
        .setUrgencySource(UrgencySource.FALLBACK)
        .setRationale(fallback.rationale())
        .setEscalate(true)
        .setStatus(fallback.status())
        .build();
  }

  private static String orUnknown(java.util.function.Supplier<String> value) {
    try {
      return Objects.requireNonNullElse(value.get(), "unknown");
    } catch (RuntimeException e) {
      return "unknown";
    }
  }

  /** The result of a prompt the guard refused: the model's id and version (not run), no prompt hash. */
  private Attempt blocked(DeidentifiedEvent event, EgressBlockedException refusal, SafetyNet.Verdict verdict,
                          Clock clock) {
    return new Attempt(complete(event, "", FallbackAssessments.egressBlocked(refusal.rule()), verdict, clock, false),
        refusal);
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

  /**
   * Turns a model's assessment into the result: the one place every model output (embedded, remote or fallback)
   * passes, so the safety net runs after all of them.
   */
  private InferenceResult complete(DeidentifiedEvent event, String promptSha256, Assessment out,
                                   SafetyNet.Verdict verdict, Clock clock, boolean failSafe) {
    Urgency urgency = SafetyNet.raise(out.urgency(), verdict);
    boolean raised = urgency != null && urgency != out.urgency();
    Set<String> flags = new LinkedHashSet<>(out.redFlags());
    flags.addAll(verdict.ids());
    String draft = out.draftText();
    String rationale = out.rationale();
    if (verdict.crisis() || raised && isTriage(out)) {
      try {
        draft = drafts.triage(out.category(), urgency, verdict.crisis());
      } catch (RuntimeException e) {
        if (!failSafe) {
          throw new StepFailure(codeOf("draft", e));
        }
        draft = "";
      }
    }
    if (!verdict.fired().isEmpty()) {
      rationale = (rationale.isBlank() ? "" : rationale + " ") + "Safety net: " + String.join(", ", verdict.ids())
          + (verdict.byMeaning().isEmpty() ? "" : " (by meaning: " + String.join(", ", verdict.byMeaning()) + ")")
          + (raised ? " raised urgency to " + urgency.name().toLowerCase(java.util.Locale.ROOT) + "." : ".");
    }
    return InferenceResult.newBuilder()
        .setEventId(event.getEventId())
        .setTenant(event.getTenant())
        .setWorkflow(event.getWorkflow())
        .setPatientToken(event.getPatientToken())
        .setModelId(model.modelId())
        .setModelVersion((out.servedModel() != null ? out.servedModel() : model.modelVersion()) + "+redflags."
            + safetyNet.version())
        .setPromptSha256(promptSha256)
        .setLabel(out.label())
        .setConfidence(out.confidence())
        .setDraftText(draft)
        .setCreatedAt(clock.instant())
        .setTask(out.task())
        .setCategory(out.category())
        .setUrgency(urgency)
        .setModelUrgency(out.urgency())
        .setUrgencySource(urgency == null ? null : raised ? UrgencySource.SAFETY_NET
            : out.status() != ResultStatus.OK ? UrgencySource.FALLBACK : UrgencySource.MODEL)
        .setRationale(rationale)
        .setRedFlags(List.copyOf(flags))
        .setEscalate(verdict.crisis() || urgency == Urgency.EMERGENCY)
        .setSummary(out.summary())
        .setNeedsAction(out.needsAction())
        .setStatus(out.status())
        .build();
  }

  private static boolean isTriage(Assessment a) {
    return DraftReplies.CATEGORIES.contains(a.category());
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
    return safetyNet;
  }
}
