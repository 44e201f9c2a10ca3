package org.phigate.catalog;

/** Whether a topic's records can carry PHI, and in what form. */
public enum PhiClass {
  /** Plaintext PHI as produced upstream (only the raw intake topic). */
  PLAINTEXT,
  /** PHI present but sealed with field-level encryption. */
  ENCRYPTED,
  /** Tokens and generalized values only. */
  NONE
}
