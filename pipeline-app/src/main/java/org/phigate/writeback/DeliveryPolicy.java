package org.phigate.writeback;

import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;

/**
 * When an EHR write is tried again: on an unreachable EHR or a timeout, HTTP 5xx, 429, 408 (request timeout), 409
 * and 412 (a conditional create racing another), with exponential backoff and jitter (resilience4j's interval
 * function) for as long as the budget lasts; any other 4xx is final.
 *
 * @param firstBackoff delay before the second attempt
 * @param maxBackoff longest delay between two attempts
 * @param budget how long an item is retried, from when it was admitted
 * @param maxAttempts most attempts per item; 0 = no limit but the budget
 * @param vaultWait how long an item whose tokens are not in the vault yet is looked up again
 * @param retention how long the record of a settled (written or dead-lettered) item is kept
 */
public record DeliveryPolicy(Duration firstBackoff, Duration maxBackoff, Duration budget, int maxAttempts,
                             Duration vaultWait, Duration retention) {
  private static final double MULTIPLIER = 2.0;
  private static final double JITTER = 0.5;

  public DeliveryPolicy {
    if (firstBackoff.isNegative() || firstBackoff.isZero() || maxBackoff.compareTo(firstBackoff) < 0
        || budget.isNegative() || budget.isZero() || maxAttempts < 0 || vaultWait.isNegative()
        || retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException("backoffs and budget must be positive, max backoff >= first backoff");
    }
  }

  /** A policy with the default retention of settled records (35 days). */
  public DeliveryPolicy(Duration firstBackoff, Duration maxBackoff, Duration budget, int maxAttempts,
                        Duration vaultWait) {
    this(firstBackoff, maxBackoff, budget, maxAttempts, vaultWait, Duration.ofDays(35));
  }

  /** Whether a failed call is worth repeating. */
  public boolean retryable(EhrWriteException e) {
    int status = e.httpStatus();
    if (status == 0) {
      return e.retryable();
    }
    return status >= 500 || status == 429 || status == 408 || status == 409 || status == 412;
  }

  /** The randomized delay after the {@code attempt}-th failed attempt (1-based), capped at the max backoff. */
  public Duration backoff(int attempt) {
    IntervalFunction interval = IntervalFunction.ofExponentialRandomBackoff(firstBackoff.toMillis(), MULTIPLIER,
        JITTER, maxBackoff.toMillis());
    return Duration.ofMillis(Math.min(maxBackoff.toMillis(), interval.apply(Math.max(1, attempt))));
  }

  /** Whether an item admitted at {@code admittedMs}, after {@code attempts} attempts, may be tried at {@code atMs}. */
  public boolean mayRetry(long admittedMs, int attempts, long atMs) {
    return atMs - admittedMs < budget.toMillis() && (maxAttempts == 0 || attempts < maxAttempts);
  }
}
