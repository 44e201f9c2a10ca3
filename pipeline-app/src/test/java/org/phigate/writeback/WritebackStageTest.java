package org.phigate.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.phigate.audit.AuditEvents;
import org.phigate.catalog.AvroTrust;
import org.phigate.schema.ApprovedResult;
import org.phigate.schema.DecisionType;
import org.phigate.schema.PhiCategory;
import org.phigate.schema.ReviewDecision;
import org.phigate.schema.ReviewItem;
import org.phigate.schema.ReviewStatus;
import org.phigate.schema.VaultEntry;
import org.phigate.schema.WritebackOutcome;
import org.phigate.schema.WritebackStatus;
import org.phigate.security.FieldCipher;

/** Retries and waits of the write step: attempts counted as made, and an interrupt ends every wait at once. */
class WritebackStageTest {
  private static final String PATIENT = "PT-aabbccddeeff";
  static {
    // run alone, no other test has trusted the schema classes yet (ReviewItem's ResultStatus default)
    AvroTrust.install();
  }

  private final FieldCipher cipher = cipher();
  private final AtomicInteger calls = new AtomicInteger();

  private static FieldCipher cipher() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return new FieldCipher("k1", Map.of("k1", new SecretKeySpec(key, "AES")));
  }

  @AfterEach
  void clearInterrupt() {
    Thread.interrupted();
  }

  private WritebackStage stage(EhrWriter writer, Duration vaultWait) {
    return new WritebackStage(writer, cipher, new AuditEvents("writeback", "service:test", "test/writeback",
        Clock.systemUTC()), Clock.systemUTC(), 3, vaultWait);
  }

  private EhrWriter failing(boolean retryable) {
    return request -> {
      calls.incrementAndGet();
      throw new EhrWriteException(retryable ? "EHR unreachable" : "EHR refused the Task (400)",
          retryable ? 0 : 400, retryable);
    };
  }

  private VaultEntry patient() {
    return VaultEntry.newBuilder().setToken(PATIENT).setTenant("t").setCategory(PhiCategory.MRN)
        .setOriginal(cipher.sealString("MRN-000123", PATIENT)).setFirstEventId("ev-1")
        .setCreatedAt(Instant.parse("2026-11-25T12:00:00Z")).build();
  }

  private static ApprovedResult approved() {
    ReviewItem item = ReviewItem.newBuilder().setReviewId("rv-1").setEventId("ev-rv-1").setTenant("t")
        .setWorkflow("message-triage").setPatientToken(PATIENT).setModelId("m").setModelVersion("1")
        .setLabel("urgent-clinical").setConfidence(0.9).setDraftText("Call the patient today.")
        .setHeldAt(Instant.parse("2026-11-25T12:00:00Z")).setStatus(ReviewStatus.APPROVED).build();
    return new ApprovedResult(item, ReviewDecision.newBuilder().setReviewId("rv-1").setDecision(DecisionType.APPROVE)
        .setReviewer("dr-7").setReviewerRole("attending").setDecidedAt(Instant.parse("2026-11-25T12:05:00Z")).build());
  }

  @Test
  void shouldCountOnlyTheAttemptsMade() {
    WritebackOutcome refused = stage(failing(false), Duration.ZERO).write(approved(), token -> patient()).outcome();
    assertThat(refused.getStatus()).isEqualTo(WritebackStatus.FAILED);
    assertThat(refused.getAttempts()).as("a refusal is not retried").isEqualTo(1);
    assertThat(calls).hasValue(1);

    calls.set(0);
    WritebackOutcome unreachable = stage(failing(true), Duration.ZERO).write(approved(), token -> patient())
        .outcome();
    assertThat(unreachable.getAttempts()).isEqualTo(3);
    assertThat(calls).hasValue(3);
  }

  @Test
  void shouldStopRetryingWhenInterruptedAndKeepTheInterrupt() {
    Thread.currentThread().interrupt();
    WritebackOutcome outcome = stage(failing(true), Duration.ZERO).write(approved(), token -> patient()).outcome();
    assertThat(outcome.getStatus()).isEqualTo(WritebackStatus.FAILED);
    assertThat(outcome.getAttempts()).isEqualTo(1);
    assertThat(calls).hasValue(1);
    assertThat(Thread.interrupted()).isTrue();
  }

  @Test
  void shouldStopWaitingForTheVaultWhenInterruptedInsteadOfSpinningToTheDeadline() {
    AtomicInteger lookups = new AtomicInteger();
    Thread.currentThread().interrupt();
    long start = System.nanoTime();
    WritebackOutcome outcome = stage(failing(true), Duration.ofSeconds(30)).write(approved(), token -> {
      lookups.incrementAndGet();
      return null;
    }).outcome();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(outcome.getReason()).isEqualTo("PATIENT_TOKEN_UNRESOLVED");
    assertThat(lookups).hasValue(1);
    assertThat(calls).hasValue(0);
    assertThat(Thread.interrupted()).isTrue();
  }
}
