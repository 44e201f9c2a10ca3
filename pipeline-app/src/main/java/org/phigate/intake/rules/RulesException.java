package org.phigate.intake.rules;

/** A rule file that cannot be used: names the file, the rule (section and index) and the problem, never a value. */
public final class RulesException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RulesException(String message) {
    super(message);
  }

  public RulesException(String message, Throwable cause) {
    super(message, cause);
  }
}
