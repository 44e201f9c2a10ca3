package org.phigate.inference;

import java.util.List;
import java.util.Objects;
import org.phigate.inference.safety.SafetyNet;

/**
 * The red-flag safety net over the items of a batch: the lexicon on every item, first and alone, so a later failure
 * never leaves an item below the word list's verdict; then the semantic detectors, as one batch, on the items whose
 * workflow {@link DetectorWorkflows} covers (the others keep the lexicon's verdict). Failures are recorded on the
 * item, never thrown. Thread-safe when the net is.
 */
final class SafetyNetStep {
  private final SafetyNet net;
  private final DetectorWorkflows scope;

  SafetyNetStep(SafetyNet net, DetectorWorkflows scope) {
    this.net = Objects.requireNonNull(net, "safetyNet");
    this.scope = Objects.requireNonNull(scope, "scope");
  }

  SafetyNet net() {
    return net;
  }

  /** The lexicon's verdict on the item's text, when it has one. */
  void lexicon(InferenceItem item) {
    if (item.body == null) {
      return;
    }
    try {
      item.lexical = net.lexicon(item.body);
    } catch (RuntimeException e) {
      item.fail("safety-net-lexicon", e);
    }
  }

  /**
   * The detectors over every item with a lexicon verdict whose workflow they read, as one batch; when the batch
   * fails, item by item, and an item whose detectors fail keeps the lexicon's verdict and the failure. Items outside
   * the detectors' workflows get the lexicon's verdict as theirs.
   */
  void addMeaning(List<InferenceItem> items) {
    for (InferenceItem item : items) {
      item.detectorsInScope = scope.covers(item.event.getWorkflow());
      if (item.lexical != null && !item.detectorsInScope) {
        item.verdict = item.lexical;
      }
    }
    List<InferenceItem> open = items.stream().filter(i -> i.lexical != null && i.detectorsInScope).toList();
    if (open.isEmpty()) {
      return;
    }
    try {
      List<SafetyNet.Verdict> verdicts = net.withMeaning(open.stream().map(i -> i.body).toList(),
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
    for (InferenceItem item : open) {
      try {
        item.verdict = Objects.requireNonNull(
            net.withMeaning(List.of(item.body), List.of(item.lexical)).get(0), "verdict");
      } catch (RuntimeException e) {
        item.fail("safety-net-detector", e);
      }
    }
  }

  /**
   * The net's version as recorded in the item's result: the whole net's when the detectors read its workflow, the
   * lexicon's alone when they do not.
   */
  String version(InferenceItem item) {
    return item.detectorsInScope ? net.version() : net.lexiconVersion();
  }
}
