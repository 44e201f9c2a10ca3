package org.phigate.compliance;

import java.util.List;

/** What a check found: its status and the evidence (settings, origins, principals; never a secret or PHI). */
public record Outcome(Status status, List<String> evidence) {
  public Outcome {
    evidence = List.copyOf(evidence);
  }

  public static Outcome pass(List<String> evidence) {
    return new Outcome(Status.PASS, evidence);
  }

  public static Outcome fail(List<String> evidence) {
    return new Outcome(Status.FAIL, evidence);
  }

  public static Outcome notApplicable(String why) {
    return new Outcome(Status.NOT_APPLICABLE, List.of(why));
  }

  public static Outcome notChecked(String why) {
    return new Outcome(Status.NOT_CHECKED, List.of(why));
  }

  /** FAIL when any evidence line is a problem, else PASS; each line says which it is. */
  public static Outcome of(List<String> good, List<String> problems) {
    if (problems.isEmpty()) {
      return pass(good);
    }
    List<String> all = new java.util.ArrayList<>(problems);
    all.addAll(good);
    return fail(all);
  }
}
