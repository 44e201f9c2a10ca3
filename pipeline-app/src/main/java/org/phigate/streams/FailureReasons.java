package org.phigate.streams;

import java.io.IOException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.phigate.registry.SchemaRegistryException;
import org.phigate.security.CryptoException;

/** PHIGate's reason codes for records the exception handlers dead-letter: codes only, never exception text. */
public final class FailureReasons {
  /** A processor threw something no stage expected. */
  public static final String PROCESSING_FAILED = "PROCESSING_FAILED";
  /** Sealing or opening a value failed (wrong key, tampered or corrupt ciphertext). */
  public static final String CRYPTO_FAILED = "CRYPTO_FAILED";
  /** The producer refused the record as larger than its topic allows. */
  public static final String RECORD_TOO_LARGE = RecordLimit.TOO_LARGE;
  /** An output value could not be serialized. */
  public static final String SERIALIZATION_FAILED = "SERIALIZATION_FAILED";
  /** The producer refused the record for another non-retriable reason. */
  public static final String PRODUCTION_FAILED = "PRODUCTION_FAILED";

  private FailureReasons() {}

  /** The code of an exception thrown by a processor. */
  public static String ofProcessing(Throwable e) {
    return causedBy(e, CryptoException.class) ? CRYPTO_FAILED : PROCESSING_FAILED;
  }

  /** The code of an exception the producer reported for a record. */
  public static String ofProduction(Throwable e) {
    return causedBy(e, RecordTooLargeException.class) ? RECORD_TOO_LARGE : PRODUCTION_FAILED;
  }

  /**
   * Whether a failure lies in the infrastructure rather than the record (the schema registry unreachable): such a
   * record must not be dead-lettered, since the same record succeeds once the service is back.
   */
  public static boolean isInfrastructure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof IOException || t instanceof SchemaRegistryException r && serverError(r.errorCode())) {
        return true;
      }
    }
    return false;
  }

  /** A Confluent 5xxxx error code, or a bare HTTP 5xx status where the registry gave no JSON error. */
  private static boolean serverError(int code) {
    return code >= 50_000 && code < 60_000 || code >= 500 && code < 600;
  }

  static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }
}
