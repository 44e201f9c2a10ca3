package org.phigate.writeback;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.phigate.audit.AuditEvents;
import org.phigate.deid.vault.Reidentifier;
import org.phigate.schema.ApprovedResult;
import org.phigate.schema.AuditAction;
import org.phigate.schema.AuditEvent;
import org.phigate.schema.AuditOutcome;
import org.phigate.schema.ReviewItem;
import org.phigate.schema.VaultEntry;
import org.phigate.schema.WritebackOutcome;
import org.phigate.schema.WritebackStatus;
import org.phigate.security.CryptoException;
import org.phigate.security.FieldCipher;
import org.phigate.streams.FailureReasons;
import org.phigate.catalog.Topics;
import org.phigate.catalog.VaultKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The writeback role's logic: re-identify an approved result through the vault and write it to the EHR. */
public final class WritebackStage {
  private static final Logger LOG = LoggerFactory.getLogger(WritebackStage.class);
  private final EhrWriter writer;
  private final Reidentifier reidentifier;
  private final FieldCipher vaultCipher;
  private final AuditEvents audit;
  private final Clock clock;
  private final int maxAttempts;
  private final Duration vaultWait;

  public WritebackStage(EhrWriter writer, FieldCipher vaultCipher, AuditEvents audit, Clock clock, int maxAttempts,
                        Duration vaultWait) {
    this.writer = writer;
    this.vaultCipher = vaultCipher;
    this.reidentifier = new Reidentifier(vaultCipher);
    this.audit = audit;
    this.clock = clock;
    this.maxAttempts = maxAttempts;
    this.vaultWait = vaultWait;
  }

  /** The outcome record (to outcomes or the EHR DLQ) and its audit event. */
  public record Outcome(WritebackOutcome outcome, AuditEvent audit) {
    public boolean written() {
      return outcome.getStatus() != WritebackStatus.FAILED;
    }
  }

  public Outcome write(ApprovedResult approved, Function<String, VaultEntry> vault) {
    ReviewItem item = approved.getItem();
    AuditEvents.Builder record = audit.event("writeback.create", AuditAction.C, item.getEventId())
        .type(AuditEvents.TYPE_REST)
        .patientToken(item.getPatientToken())
        .entity(item.getReviewId(), "ReviewItem", "4")
        .detail("reviewer", approved.getDecision().getReviewer())
        .detail("decision", approved.getDecision().getDecision());
    VaultEntry patient = awaitVault(vault, item.getPatientToken());
    if (patient == null) {
      return failed(item, record, "PATIENT_TOKEN_UNRESOLVED", null, 0);
    }
    String patientKey;
    try {
      patientKey = vaultCipher.openString(patient.getOriginal(), patient.getToken());
    } catch (CryptoException e) {
      // sealed under another key, or corrupt: this item cannot be re-identified here, now or on a retry
      return failed(item, record, FailureReasons.CRYPTO_FAILED, null, 0);
    }
    boolean edited = approved.getDecision().getEditedText() != null;
    String text = edited ? approved.getDecision().getEditedText() : item.getDraftText();
    java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger(1);
    Function<String, VaultEntry> counted = token -> {
      reads.incrementAndGet();
      return awaitVault(vault, token);
    };
    Reidentifier.Reidentified reidentified = reidentifier.reidentify(text, counted);
    // an edited draft: the model's own words go to the EHR too, inside the Provenance
    Reidentifier.Reidentified draft = edited ? reidentifier.reidentify(item.getDraftText(), counted) : null;
    String sourceMessageId;
    try {
      // no wait: deid seals it in the same transaction as the event's other vault entries, awaited above
      sourceMessageId = sourceMessage(vault.apply(VaultKeys.sourceMessage(item.getEventId())));
    } catch (CryptoException e) {
      return failed(item, record, FailureReasons.CRYPTO_FAILED, null, 0);
    }
    record.detail("vaultReads", reads.get()).detail("sourceMessage", sourceMessageId != null);
    if (!reidentified.complete() || (draft != null && !draft.complete())) {
      return failed(item, record, "TOKENS_UNRESOLVED", null, 0);
    }
    EhrWriter.WriteRequest request = new EhrWriter.WriteRequest(approved, reidentified.text(),
        draft == null ? null : draft.text(), patientKey, sourceMessageId);
    EhrWriteException last = null;
    int attempt = 0;
    while (++attempt <= maxAttempts) {
      try {
        EhrWriter.WriteResult result = writer.write(request);
        WritebackOutcome outcome = outcome(item, result.created() ? WritebackStatus.WRITTEN
            : WritebackStatus.ALREADY_PRESENT, result.resourceType(), result.resourceId(), result.httpStatus(), null,
            attempt);
        result.resources().forEach(ref -> record.entity(ref, ref.substring(0, ref.indexOf('/')), "3"));
        return new Outcome(outcome, record.detail("status", outcome.getStatus()).build());
      } catch (EhrWriteException e) {
        last = e;
        if (!e.retryable() || attempt == maxAttempts || !pause(200L * attempt)) {
          break;
        }
      }
    }
    return failed(item, record, last.getMessage(), last.httpStatus() == 0 ? null : last.httpStatus(),
        Math.min(attempt, maxAttempts));
  }

  /**
   * The event's source message id from the vault; null for events de-identified before deid recorded it (their
   * resources are written without the link to the message).
   */
  private String sourceMessage(VaultEntry entry) {
    return entry == null ? null : vaultCipher.openString(entry.getOriginal(), entry.getToken());
  }

  private Outcome failed(ReviewItem item, AuditEvents.Builder record, String reason, Integer status, int attempts) {
    LOG.warn("write-back of review {} dead-lettered to {} ({})", item.getReviewId(), Topics.EHR_DLQ.name(), reason);
    WritebackOutcome outcome = outcome(item, WritebackStatus.FAILED, "Task", null, status, reason, attempts);
    return new Outcome(outcome, record.outcome(AuditOutcome.SERIOUS_FAILURE, reason).build());
  }

  private WritebackOutcome outcome(ReviewItem item, WritebackStatus status, String type, String id, Integer http,
                                   String reason, int attempts) {
    return WritebackOutcome.newBuilder().setEventId(item.getEventId()).setReviewId(item.getReviewId())
        .setTenant(item.getTenant()).setStatus(status).setResourceType(type).setResourceId(id).setHttpStatus(http)
        .setReason(reason).setAttempts(attempts).setAt(clock.instant()).build();
  }

  /**
   * The vault is a global table filled by its own thread; an approval can overtake the newest vault entries by a
   * moment, so a missing token is looked up again for a bounded time before the write fails.
   */
  private VaultEntry awaitVault(Function<String, VaultEntry> vault, String token) {
    long deadline = System.nanoTime() + vaultWait.toNanos();
    VaultEntry entry = vault.apply(token);
    while (entry == null && System.nanoTime() < deadline && pause(50)) {
      entry = vault.apply(token);
    }
    return entry;
  }

  /**
   * A real delay (retry backoff, or the next look into a global store that signals no updates); false, with the
   * interrupt flag kept, when the thread is interrupted, so the caller stops waiting instead of spinning.
   */
  private static boolean pause(long millis) {
    try {
      Thread.sleep(millis);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

}
