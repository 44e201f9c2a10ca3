package org.phigate.inference;

/**
 * Thrown when a prompt must not leave for the model. The message names only the rule and
 * the character offset of the match, never the matched text (non-negotiable 5: no PHI in
 * exception messages). Unchecked so that it can cross Kafka Streams lambdas; the inference
 * stage routes it to the dead-letter path with {@link #rule()} as the reason.
 */
public final class EgressBlockedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String rule;
  private final int offset;

  public EgressBlockedException(String rule, int offset) {
    super("egress blocked: rule=" + rule + " offset=" + offset);
    this.rule = rule;
    this.offset = offset;
  }

  /** Name of the rule that matched, e.g. {@code SSN}, or {@code INTERNAL_ERROR}. */
  public String rule() {
    return rule;
  }

  /** Character offset of the match in the prompt, or -1 when not applicable. */
  public int offset() {
    return offset;
  }
}
