package org.phigate.security.keys;

/** A key could not be found, unwrapped or used; messages name key ids and reasons only, never key material or PHI. */
public class KeyException extends RuntimeException {
  public KeyException(String message) {
    super(message);
  }

  public KeyException(String message, Throwable cause) {
    super(message, cause);
  }
}
