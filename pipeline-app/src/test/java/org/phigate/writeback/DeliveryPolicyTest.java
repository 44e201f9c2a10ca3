package org.phigate.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Which failures are retried, how long the pauses grow, and when the budget ends the retries. */
class DeliveryPolicyTest {
  private final DeliveryPolicy policy = new DeliveryPolicy(Duration.ofSeconds(1), Duration.ofMinutes(5),
      Duration.ofHours(24), 0, Duration.ofMinutes(10));

  private static EhrWriteException http(int status) {
    return new EhrWriteException("EHR answered HTTP " + status, status, false);
  }

  @Test
  void shouldRetryOutagesThrottlingAndConflictsButNoOtherClientError() {
    assertThat(policy.retryable(new EhrWriteException("EHR unreachable", 0, true))).isTrue();
    assertThat(policy.retryable(new EhrWriteException(EhrWriteException.CLIENT_FAILED, 0, false))).isFalse();
    for (int status : new int[] {500, 502, 503, 504, 429, 408, 409, 412}) {
      assertThat(policy.retryable(http(status))).as("HTTP " + status).isTrue();
    }
    for (int status : new int[] {400, 401, 403, 404, 405, 410, 415, 422}) {
      assertThat(policy.retryable(http(status))).as("HTTP " + status).isFalse();
    }
  }

  @Test
  void shouldGrowTheBackoffWithJitterUpToItsCap() {
    for (int i = 0; i < 50; i++) {
      assertThat(policy.backoff(1)).isBetween(Duration.ofMillis(500), Duration.ofMillis(1500));
      assertThat(policy.backoff(4)).isBetween(Duration.ofMillis(4000), Duration.ofMillis(12000));
      assertThat(policy.backoff(40)).isBetween(Duration.ofSeconds(150), Duration.ofMinutes(5));
    }
    assertThat(java.util.stream.IntStream.range(0, 50).mapToObj(i -> policy.backoff(3)).distinct().count())
        .as("jittered").isGreaterThan(1);
  }

  @Test
  void shouldRetryWithinTheBudgetAndTheAttemptCap() {
    long admitted = 1_000;
    assertThat(policy.mayRetry(admitted, 500, admitted + Duration.ofHours(23).toMillis())).isTrue();
    assertThat(policy.mayRetry(admitted, 1, admitted + Duration.ofHours(24).toMillis())).isFalse();
    DeliveryPolicy capped = new DeliveryPolicy(Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofHours(24), 3,
        Duration.ZERO);
    assertThat(capped.mayRetry(admitted, 2, admitted + 10)).isTrue();
    assertThat(capped.mayRetry(admitted, 3, admitted + 10)).isFalse();
  }
}
