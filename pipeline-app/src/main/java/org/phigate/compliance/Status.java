package org.phigate.compliance;

/** The outcome of one control. Only {@link #FAIL} makes the check fail (exit code 1). */
public enum Status {
  PASS,
  FAIL,
  /** The evidence could not be gathered here (e.g. no broker reachable for the ACL comparison). */
  NOT_CHECKED,
  /** Nothing in the checked roles and settings is subject to the control (e.g. no REST endpoint configured). */
  NOT_APPLICABLE
}
