package org.phigate.intake.rules;

import org.phigate.deid.policy.Action;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * A rule's method in Microsoft's FHIR anonymizer vocabulary, and the name of the PHIGate redaction action
 * ({@code Action}) it maps onto; intake does not depend on the deid package, so by name.
 */
public enum RuleMethod {
  REDACT("redact", "DROP"),
  KEEP("keep", "KEEP"),
  DATE_SHIFT("dateShift", "DATE_SHIFT"),
  CRYPTO_HASH("cryptoHash", "TOKEN"),
  GENERALIZE("generalize", "GENERALIZE"),
  /** PHIGate keeps the original only in the sealed vault: a token in the event, the value behind the vault key. */
  ENCRYPT("encrypt", "TOKEN"),
  SUBSTITUTE("substitute", "TOKEN"),
  /** Numbers and ages: PHIGate generalizes (ages over 89 to 90+) rather than adding noise. */
  PERTURB("perturb", "GENERALIZE");

  private final String wireName;
  private final String action;

  RuleMethod(String wireName, String action) {
    this.wireName = wireName;
    this.action = action;
  }

  public String wireName() {
    return wireName;
  }

  /** The PHIGate redaction action this method stands for. */
  public String action() {
    return action;
  }

  /** By its name in a rule file, case-insensitively (Microsoft's sample writes "dateshift"). */
  public static Optional<RuleMethod> parse(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(m -> m.wireName.toLowerCase(Locale.ROOT).equals(n)).findFirst();
  }

  static String names() {
    return String.join(", ", Arrays.stream(values()).map(RuleMethod::wireName).toList());
  }
}
