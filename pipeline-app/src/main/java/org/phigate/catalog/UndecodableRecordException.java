package org.phigate.catalog;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A record PHIGate's own codec could not decode, with a reason code built only from the type, the schema id and
 * exception class names (never record content), so the poison handler may log it and put it in a DLQ header.
 */
public final class UndecodableRecordException extends SerializationException {
  private final String reason;

  public UndecodableRecordException(String reason) {
    super(reason);
    this.reason = reason;
  }

  /** PHI-free reason, e.g. {@code InferenceResult:schema-12:EOFException} or {@code InferenceResult:not-wire-format}. */
  public String reason() {
    return reason;
  }
}
