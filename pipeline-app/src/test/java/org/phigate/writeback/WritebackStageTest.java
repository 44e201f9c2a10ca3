package org.phigate.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.phigate.audit.AuditEvents;
import org.phigate.catalog.AvroTrust;
import org.phigate.schema.ApprovedResult;
import org.phigate.schema.AuditOutcome;
import org.phigate.schema.DecisionType;
import org.phigate.schema.PhiCategory;
import org.phigate.schema.ReviewDecision;
import org.phigate.schema.ReviewItem;
import org.phigate.schema.ResultStatus;
import org.phigate.schema.ReviewStatus;
import org.phigate.schema.VaultEntry;
import org.phigate.schema.WritebackStatus;
import org.phigate.security.FieldCipher;

/** The write step's parts: re-identification, one attempt with or without reading back, and PHI-free outcomes. */
class WritebackStageTest {
  private static final String PATIENT = "PT-aabbccddeeff";
  static {
    // run alone, no other test has trusted the schema classes yet (ReviewItem's ResultStatus default)
    AvroTrust.install();
  }
  private static final String MRN = "MRN-000123";
  /** The item was held before the upgrade to vault keys: its event's entries are keyed by token. */
  private static final Instant UPGRADED_AT = Instant.parse("2026-11-26T00:00:00Z");
  private final FieldCipher cipher = cipher();
  private final AtomicInteger writes = new AtomicInteger();
  private final AtomicInteger finds = new AtomicInteger();

  private static FieldCipher cipher() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return new FieldCipher("k1", Map.of("k1", new SecretKeySpec(key, "AES")));
  }

  private WritebackStage stage(EhrWriter writer) {
    return new WritebackStage(writer, cipher, null, new AuditEvents("writeback", "service:test", "test/writeback",
        Clock.systemUTC()), Clock.systemUTC(), UPGRADED_AT);
  }

  /** An EHR that already holds the resource when {@code holds}, and refuses every write with {@code status}. */
  private EhrWriter ehr(boolean holds, int status) {
    return new EhrWriter() {
      @Override
      public WriteResult write(WriteRequest request) {
        writes.incrementAndGet();
        if (status != 0) {
          throw new EhrWriteException("EHR answered HTTP " + status, status, false,
              List.of("error|invalid|MSG_PARAM_INVALID"));
        }
        return new WriteResult("Task", "7", true, 201);
      }

      @Override
      public Optional<WriteResult> find(ApprovedResult approved) {
        finds.incrementAndGet();
        return holds ? Optional.of(new WriteResult("Task", "7", false, 200)) : Optional.empty();
      }
    };
  }

  private VaultEntry patient(FieldCipher sealer) {
    return VaultEntry.newBuilder().setToken(PATIENT).setTenant("t").setCategory(PhiCategory.MRN)
        .setOriginal(sealer.sealString(MRN, PATIENT)).setFirstEventId("ev-1")
        .setCreatedAt(Instant.parse("2026-11-25T12:00:00Z")).build();
  }

  private static ApprovedResult approved() {
    ReviewItem item = ReviewItem.newBuilder().setReviewId("rv-1").setEventId("ev-rv-1").setTenant("t")
        .setWorkflow("message-triage").setPatientToken(PATIENT).setModelId("m").setModelVersion("1")
        .setLabel("urgent-clinical").setConfidence(0.9).setDraftText("Call the patient today.")
        .setHeldAt(Instant.parse("2026-11-25T12:00:00Z")).setStatus(ReviewStatus.APPROVED)
        .setResultStatus(ResultStatus.OK).build();
    return new ApprovedResult(item, ReviewDecision.newBuilder().setReviewId("rv-1").setDecision(DecisionType.APPROVE)
        .setReviewer("dr-7").setReviewerRole("attending").setDecidedAt(Instant.parse("2026-11-25T12:05:00Z")).build());
  }

  @Test
  void shouldReportAMissingPatientTokenAsNotYetAndAForeignKeyAsPermanent() {
    WritebackStage stage = stage(ehr(false, 0));
    assertThat(stage.prepare(approved(), token -> null))
        .isEqualTo(new WritebackStage.NotReady(WritebackStage.PATIENT_TOKEN_UNRESOLVED, false));
    assertThat(stage.prepare(approved(), token -> patient(cipher())))
        .isEqualTo(new WritebackStage.NotReady("CRYPTO_FAILED", true));
    WritebackStage.Prepared ready = stage.prepare(approved(), token -> patient(cipher));
    assertThat(ready).isInstanceOf(WritebackStage.Ready.class);
    assertThat(ready.toString()).doesNotContain(MRN);
  }

  @Test
  void shouldReadBackBeforeWritingAndNotWriteWhatTheEhrAlreadyHolds() {
    WritebackStage stage = stage(ehr(true, 0));
    WritebackStage.Ready ready = (WritebackStage.Ready) stage.prepare(approved(), token -> patient(cipher));

    WritebackStage.Attempt retry = stage.attempt(approved(), ready, true);
    assertThat(retry.readBack()).isTrue();
    assertThat(retry.result().resourceId()).isEqualTo("7");
    assertThat(finds).hasValue(1);
    assertThat(writes).hasValue(0);
    assertThat(stage.written(approved(), retry, 2, 1).outcome().getStatus()).isEqualTo(WritebackStatus.WRITTEN);

    WritebackStage.Attempt first = stage.attempt(approved(), ready, false);
    assertThat(first.readBack()).isFalse();
    assertThat(finds).as("a first attempt relies on the conditional create").hasValue(1);
    assertThat(writes).hasValue(1);
  }

  @Test
  void shouldDeadLetterWithTheStatusAndIssueCodesOnly() {
    WritebackStage stage = stage(ehr(false, 400));
    WritebackStage.Ready ready = (WritebackStage.Ready) stage.prepare(approved(), token -> patient(cipher));
    WritebackStage.Attempt refused = stage.attempt(approved(), ready, false);
    assertThat(refused.failure().httpStatus()).isEqualTo(400);

    WritebackStage.Outcome dead = stage.deadLettered(approved(), WritebackStage.EHR_REJECTED, refused.failure(), 1);
    assertThat(dead.failed()).isTrue();
    assertThat(dead.outcome().getHttpStatus()).isEqualTo(400);
    assertThat(dead.outcome().getIssues()).containsExactly("error|invalid|MSG_PARAM_INVALID");
    assertThat(dead.audit().getOutcome()).isEqualTo(AuditOutcome.SERIOUS_FAILURE);
    assertThat(dead.audit().getDetails()).containsEntry("httpStatus", "400").containsEntry("attempts", "1");
    assertThat(dead.toString()).doesNotContain(MRN);
  }

  @Test
  void shouldAuditARetriedAttemptWithoutAnOutcomeRecord() {
    WritebackStage stage = stage(ehr(false, 0));
    WritebackStage.Outcome retrying = stage.retrying(approved(), WritebackStage.EHR_UNAVAILABLE,
        new EhrWriteException("EHR answered HTTP 503", 503, true), 2, Duration.ofSeconds(4));
    assertThat(retrying.outcome()).isNull();
    assertThat(retrying.written()).isFalse();
    assertThat(retrying.failed()).isFalse();
    assertThat(retrying.audit().getSubtype()).isEqualTo(WritebackStage.AUDIT_ATTEMPT);
    assertThat(retrying.audit().getDetails()).containsEntry("httpStatus", "503").containsEntry("attempt", "2")
        .containsEntry("nextAttemptInMs", "4000");
  }

  @Test
  void shouldTurnAnUnexpectedWriterExceptionIntoAClientFailureWithoutItsMessage() {
    EhrWriter broken = new EhrWriter() {
      @Override
      public WriteResult write(WriteRequest request) {
        throw new IllegalStateException("answer quoted " + MRN);
      }

      @Override
      public Optional<WriteResult> find(ApprovedResult approved) {
        return Optional.empty();
      }
    };
    WritebackStage stage = stage(broken);
    WritebackStage.Ready ready = (WritebackStage.Ready) stage.prepare(approved(), token -> patient(cipher));
    EhrWriteException failure = stage.attempt(approved(), ready, false).failure();
    assertThat(failure.getMessage()).isEqualTo(EhrWriteException.CLIENT_FAILED);
    assertThat(failure.retryable()).isFalse();
  }
}
