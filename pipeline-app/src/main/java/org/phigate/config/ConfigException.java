package org.phigate.config;

import java.util.List;

/** A configuration problem, with a message that tells the operator which key to set (never a secret's value). */
public class ConfigException extends RuntimeException {
  private final List<String> problems;

  public ConfigException(String message) {
    super(message);
    this.problems = List.of(message);
  }

  /** Every problem found at once, one line each. */
  public ConfigException(List<String> problems) {
    super(problems.size() + " configuration problem" + (problems.size() == 1 ? "" : "s") + ":\n  - "
        + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  /** One line per problem. */
  public List<String> problems() {
    return problems;
  }
}
