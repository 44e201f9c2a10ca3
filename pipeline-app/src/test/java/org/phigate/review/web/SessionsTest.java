package org.phigate.review.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SessionsTest {
  private final AtomicLong nanos = new AtomicLong();
  private final Sessions sessions = new Sessions(Duration.ofMinutes(15), nanos::get);

  @Test
  void shouldCloseASessionLeftIdleForFifteenMinutes() {
    String id = sessions.open("token-a");
    nanos.addAndGet(Duration.ofMinutes(14).toNanos());
    assertThat(sessions.get(id)).hasValueSatisfying(s -> assertThat(s.accessToken()).isEqualTo("token-a"));
    nanos.addAndGet(Duration.ofMinutes(14).toNanos());
    assertThat(sessions.get(id)).as("used 14 min ago: still open").isPresent();
    nanos.addAndGet(Duration.ofMinutes(15).toNanos() + 1);
    assertThat(sessions.get(id)).as("idle for more than 15 min").isEmpty();
  }

  @Test
  void shouldGiveEverySessionItsOwnIdAndCsrfToken() {
    String first = sessions.open("t");
    String second = sessions.open("t");
    assertThat(first).isNotEqualTo(second).hasSizeGreaterThanOrEqualTo(43);
    assertThat(sessions.get(first).orElseThrow().csrfToken()).isNotEqualTo(sessions.get(second).orElseThrow()
        .csrfToken()).isNotEqualTo(first);
  }

  @Test
  void shouldCompleteAPendingLoginOnlyOnce() {
    sessions.expectLogin("state-1", "verifier-1");
    assertThat(sessions.completeLogin("state-1")).hasValue("verifier-1");
    assertThat(sessions.completeLogin("state-1")).isEmpty();
    assertThat(sessions.completeLogin(null)).isEmpty();
  }

  @Test
  void shouldForgetAClosedSession() {
    String id = sessions.open("t");
    sessions.close(id);
    assertThat(sessions.get(id)).isEmpty();
    assertThat(sessions.get(null)).isEmpty();
  }
}
