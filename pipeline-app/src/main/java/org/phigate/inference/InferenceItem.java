package org.phigate.inference;

import org.phigate.inference.safety.SafetyNet;
import org.phigate.schema.DeidentifiedEvent;

/** One event on its way through the AI steps: what each step gave, and the first failure. Not thread-safe. */
final class InferenceItem {
  final DeidentifiedEvent event;
  String prompt;
  /** The text the safety net reads: the prompt's body, or the raw text parts when there is no prompt. */
  String body;
  EgressBlockedException blocked;
  String failure;
  SafetyNet.Verdict lexical;
  SafetyNet.Verdict verdict;
  /** Whether the net's semantic detectors read this event's workflow ({@link DetectorWorkflows}). */
  boolean detectorsInScope = true;
  Assessment answer;

  InferenceItem(DeidentifiedEvent event) {
    this.event = event;
  }

  void fail(String code) {
    if (failure == null) {
      failure = code;
    }
  }

  void fail(String step, RuntimeException e) {
    fail(e instanceof StepFailure f ? f.code : StepFailure.codeOf(step, e));
  }

  boolean readyForModel() {
    return prompt != null && blocked == null && failure == null;
  }

  /** The net's best verdict: with the detectors, else the lexicon's alone, else null (nothing read the text). */
  SafetyNet.Verdict bestVerdict() {
    return verdict != null ? verdict : lexical;
  }
}
