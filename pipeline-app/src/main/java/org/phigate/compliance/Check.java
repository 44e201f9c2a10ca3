package org.phigate.compliance;

import java.util.function.Function;

/** The code behind one control of {@code compliance/controls.tsv}: evaluates a deployment and gives evidence. */
public interface Check {
  /** The id of the control this check evaluates. */
  String controlId();

  Outcome evaluate(Deployment deployment);

  /** A check from a control id and a function. */
  static Check of(String controlId, Function<Deployment, Outcome> evaluate) {
    return new Check() {
      @Override
      public String controlId() {
        return controlId;
      }

      @Override
      public Outcome evaluate(Deployment deployment) {
        return evaluate.apply(deployment);
      }
    };
  }
}
