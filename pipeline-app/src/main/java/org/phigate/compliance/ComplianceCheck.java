package org.phigate.compliance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates a deployment against the controls of {@code compliance/controls.tsv}, each with the check of its id.
 * A control without a check, or a check without a control, is a build error caught by the tests, never a silent
 * pass.
 */
public final class ComplianceCheck {
  private final List<Control> controls;
  private final Map<String, Check> checks;

  public ComplianceCheck(List<Control> controls, List<Check> checks) {
    Map<String, Check> byId = new LinkedHashMap<>();
    checks.forEach(c -> byId.put(c.controlId(), c));
    List<String> unmatched = new ArrayList<>();
    controls.stream().map(Control::id).filter(id -> !byId.containsKey(id)).forEach(id -> unmatched.add(
        "control without a check: " + id));
    byId.keySet().stream().filter(id -> controls.stream().noneMatch(c -> c.id().equals(id)))
        .forEach(id -> unmatched.add("check without a control: " + id));
    if (!unmatched.isEmpty()) {
      throw new IllegalStateException(String.join("; ", unmatched));
    }
    this.controls = List.copyOf(controls);
    this.checks = byId;
  }

  /** The shipped controls with PHIGate's checks. */
  public static ComplianceCheck shipped() {
    List<Check> checks = new ArrayList<>();
    checks.addAll(AccessChecks.all());
    checks.addAll(AuditChecks.all());
    checks.addAll(IntegrityChecks.all());
    checks.addAll(AuthenticationChecks.all());
    checks.addAll(TransmissionChecks.all());
    return new ComplianceCheck(Controls.shipped(), checks);
  }

  public List<Control> controls() {
    return controls;
  }

  /** Every control's finding, in the controls file's order. A check that throws fails its control, named. */
  public ComplianceReport evaluate(Deployment deployment) {
    List<Finding> findings = new ArrayList<>();
    for (Control control : controls) {
      Outcome outcome;
      try {
        outcome = checks.get(control.id()).evaluate(deployment);
      } catch (RuntimeException e) {
        // our own messages name settings and files, never a secret value
        outcome = Outcome.fail(List.of("the check could not run: " + e.getClass().getSimpleName()
            + (e.getMessage() == null ? "" : ": " + e.getMessage())));
      }
      findings.add(new Finding(control, outcome));
    }
    return new ComplianceReport(deployment.roles().stream().map(r -> r.id()).toList(), findings);
  }
}
