package org.phigate.inference;

import java.util.Collection;
import java.util.Objects;
import java.util.Set;

/**
 * The workflows whose text the safety net's semantic detectors (the MiniLM crisis detector) read, as the event's
 * workflow names it; the red-flag lexicon reads every workflow regardless. {@code *} means every workflow. The
 * inference role takes it from {@code inference.crisis.detector.workflows} (default {@code message-triage}: the
 * patient-written portal messages nobody reads until a clinician opens them); see the README, "Clinical AI step".
 */
public record DetectorWorkflows(Set<String> names) {
  /** The name that stands for every workflow. */
  public static final String EVERY = "*";

  public DetectorWorkflows {
    names = Set.copyOf(Objects.requireNonNull(names, "names"));
  }

  /** The detectors read every workflow (what a service built without a scope does: the conservative default). */
  public static DetectorWorkflows every() {
    return new DetectorWorkflows(Set.of(EVERY));
  }

  /** The given workflow names ({@code *} for every workflow). */
  public static DetectorWorkflows of(Collection<String> names) {
    return new DetectorWorkflows(Set.copyOf(names));
  }

  /** Whether the detectors read an event of {@code workflow} (an event without one: yes, to be safe). */
  public boolean covers(String workflow) {
    return workflow == null || names.contains(EVERY) || names.contains(workflow);
  }
}
