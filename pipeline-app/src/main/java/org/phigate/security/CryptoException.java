package org.phigate.security;

/** Encryption or decryption failed; messages never contain plaintext. */
public class CryptoException extends RuntimeException {
  public CryptoException(String message, Throwable cause) {
    super(message, cause);
  }
}
