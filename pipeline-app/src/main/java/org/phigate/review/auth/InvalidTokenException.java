package org.phigate.review.auth;

/** A bearer token was missing, malformed, expired, wrongly signed or for someone else; the message is a fixed code. */
public final class InvalidTokenException extends Exception {
  public InvalidTokenException(String code) {
    super(code, null, false, false);
  }
}
