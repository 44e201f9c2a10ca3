package org.phigate.compliance;

/** The HIPAA Security Rule technical safeguards (45 CFR 164.312) a control gives evidence for. */
public enum Safeguard {
  ACCESS_CONTROL("164.312(a)", "Access control"),
  AUDIT_CONTROLS("164.312(b)", "Audit controls"),
  INTEGRITY("164.312(c)", "Integrity"),
  AUTHENTICATION("164.312(d)", "Person or entity authentication"),
  TRANSMISSION_SECURITY("164.312(e)", "Transmission security");

  private final String paragraph;
  private final String title;

  Safeguard(String paragraph, String title) {
    this.paragraph = paragraph;
    this.title = title;
  }

  /** The paragraph of 45 CFR, e.g. {@code 164.312(e)}. */
  public String paragraph() {
    return paragraph;
  }

  public String title() {
    return title;
  }

  /** The safeguard of a paragraph as the controls file names it ({@code 164.312(a)}). */
  public static Safeguard of(String paragraph) {
    for (Safeguard safeguard : values()) {
      if (safeguard.paragraph.equals(paragraph.trim())) {
        return safeguard;
      }
    }
    throw new IllegalArgumentException("unknown safeguard paragraph " + paragraph + "; expected 164.312(a) to (e)");
  }
}
