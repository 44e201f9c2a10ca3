package org.phigate.intake.rules;

import org.phigate.schema.PhiCategory;

/**
 * One HL7 v2 rule: a segment field ({@code PID-5}) or, for datatype rules, an HL7 type ({@code XCN}) with what its
 * value is. {@code category} is null for the text kinds; {@code method} null means the workflow policy decides.
 */
public record Hl7Rule(String segment, int field, String type, Kind kind, PhiCategory category, String party,
    RuleMethod method, String note) {

  /** How a field's value is read. */
  public enum Kind { NAME, PROVIDER_NAME, ADDRESS, PHONE, ID, STRING, DATE, ORGANIZATION, TEXT, OBSERVATION_VALUE }

  /** The rule's key in a rule file: {@code PID-5}, or the datatype. */
  public String key() {
    return type != null ? type : segment + "-" + field;
  }

  /** Free text for the detectors rather than a structured field. */
  public boolean isText() {
    return kind == Kind.TEXT || kind == Kind.OBSERVATION_VALUE;
  }

  /** Not PHI for PHIGate: the field is not extracted. */
  public boolean kept() {
    return method == RuleMethod.KEEP;
  }

  /** The same rule for another field (datatype rules applied to a field). */
  public Hl7Rule at(String seg, int f) {
    return new Hl7Rule(seg, f, null, kind, category, party, method, note);
  }
}
