package org.phigate.deid.policy;

import java.util.List;

/** What happens to a PHI value: the vocabulary shared by structured rules, findings and redaction policies. */
public enum Action {
  /** Leave the value as it is (only for categories a workflow may see, e.g. under a data use agreement). */
  KEEP,
  /** Remove the value: a structured field is left out, a text span becomes {@code [CATEGORY]}. */
  DROP,
  /** Keyed-HMAC token, the same for the same value within a tenant; the original goes to the vault. */
  TOKEN,
  /** Dates only: move by the patient's keyed offset, keeping the rendering (intervals survive). */
  DATE_SHIFT,
  /** Dates to year (ages over 89 to "90+"), ZIPs to ZIP3 ("000" where restricted), anything else to [CATEGORY]. */
  GENERALIZE;

  /** Disclosure order, least strict first: KEEP < DATE_SHIFT < GENERALIZE < TOKEN < DROP. */
  private static final List<Action> BY_STRICTNESS = List.of(KEEP, DATE_SHIFT, GENERALIZE, TOKEN, DROP);

  /** The stricter of the two by {@link #BY_STRICTNESS disclosure order} (this one when equal). */
  public Action stricter(Action other) {
    return BY_STRICTNESS.indexOf(other) > BY_STRICTNESS.indexOf(this) ? other : this;
  }

  /**
   * The action a structured rule names (carried by a field or a known-identifier finding): null for none, DROP for
   * a name this version does not know (fail closed).
   */
  public static Action named(String name) {
    if (name == null) {
      return null;
    }
    try {
      return valueOf(name);
    } catch (IllegalArgumentException e) {
      return DROP;
    }
  }

  /** The stricter of two carried action names (see {@link #named}); null when neither names one. */
  public static String stricterName(String a, String b) {
    Action x = named(a);
    Action y = named(b);
    if (x == null || y == null) {
      return x == null ? (y == null ? null : y.name()) : x.name();
    }
    return x.stricter(y).name();
  }
}
