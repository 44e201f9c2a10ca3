package org.phigate.registry;

/** A schema registry call failed; carries the Confluent error code where the server gave one. */
public class SchemaRegistryException extends RuntimeException {
  private final int errorCode;

  public SchemaRegistryException(String message, int errorCode) {
    super(message);
    this.errorCode = errorCode;
  }

  public SchemaRegistryException(String message, Throwable cause) {
    super(message, cause);
    this.errorCode = -1;
  }

  /** Confluent error code (40401 subject not found, 40403 schema not found, 409 incompatible...), or -1. */
  public int errorCode() {
    return errorCode;
  }
}
