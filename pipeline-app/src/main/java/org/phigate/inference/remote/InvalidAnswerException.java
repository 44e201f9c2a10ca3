package org.phigate.inference.remote;

/** A remote answer that did not parse or validate; the message names the failed check only, never answer text. */
public final class InvalidAnswerException extends Exception {
  private static final long serialVersionUID = 1L;

  public InvalidAnswerException(String check) {
    super(check);
  }
}
