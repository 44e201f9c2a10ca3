package org.phigate.inference;

import java.time.Duration;

/**
 * How the inference processor hands events to the workers.
 *
 * @param batchSize most events handed to a worker at once
 * @param maxInFlight most events per partition handed to workers and not yet forwarded
 * @param budget wall-clock budget of a batch from hand-off to result; then its events get MODEL_UNAVAILABLE
 * @param punctuateInterval how often (wall clock) finished results are forwarded
 */
public record OffThreadSettings(int batchSize, int maxInFlight, Duration budget, Duration punctuateInterval) {
  public OffThreadSettings {
    if (batchSize < 1 || maxInFlight < 1 || budget.isNegative() || budget.isZero() || punctuateInterval.isZero()
        || punctuateInterval.isNegative()) {
      throw new IllegalArgumentException("batch size, in-flight limit, budget and interval must be positive");
    }
  }
}
