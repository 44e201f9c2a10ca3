package org.phigate.writeback;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.phigate.audit.AuditEvents;
import org.phigate.deid.vault.ReidentificationRefused;
import org.phigate.deid.vault.Reidentifier;
import org.phigate.schema.ApprovedResult;
import org.phigate.schema.AuditAction;
import org.phigate.schema.AuditEvent;
import org.phigate.schema.AuditOutcome;
import org.phigate.schema.ReviewItem;
import org.phigate.schema.VaultEntry;
import org.phigate.schema.WritebackOutcome;
import org.phigate.schema.WritebackStatus;
import org.phigate.security.FieldCipher;
import org.phigate.catalog.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The writeback role's logic: re-identify an approved result through the vault and write it to the EHR. */
public final class WritebackStage {
  private static final Logger LOG = LoggerFactory.getLogger(WritebackStage.class);
  private final EhrWriter writer;
  private final Reidentifier reidentifier;
  private final AuditEvents audit;
  private final Clock clock;
  private final int maxAttempts;
  private final Duration vaultWait;

  public WritebackStage(EhrWriter writer, FieldCipher vaultCipher, AuditEvents audit, Clock clock, int maxAttempts,
                        Duration vaultWait) {
    this(writer, vaultCipher, audit, clock, maxAttempts, vaultWait, null);
  }

  /**
   * @param legacyVaultBefore items held for review before this instant (de-identified before vault keys) use the
   *     token-keyed vault entries of earlier versions; null when there are none
   */
  public WritebackStage(EhrWriter writer, FieldCipher vaultCipher, AuditEvents audit, Clock clock, int maxAttempts,
                        Duration vaultWait, Instant legacyVaultBefore) {
    this.writer = writer;
    this.reidentifier = new Reidentifier(vaultCipher, legacyVaultBefore);
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
    String text = approved.getDecision().getEditedText() != null
        ? approved.getDecision().getEditedText() : item.getDraftText();
    java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
    Reidentifier.Reidentified reidentified;
    try {
      reidentified = reidentifier.reidentify(new Reidentifier.Subject(item.getTenant(), item.getEventId(),
          item.getPatientToken(), item.getHeldAt()), text, key -> {
            reads.incrementAndGet();
            return awaitVault(vault, key);
          });
    } catch (ReidentificationRefused e) {
      // fails closed: another tenant's, event's or patient's entry, or one that does not open, is never used
      return failed(item, record.detail("vaultReads", reads.get()), e.reason().name(), null, 0);
    }
    record.detail("vaultReads", reads.get()).detail("vaultEntries", reidentified.legacy() ? "token" : "keyed");
    String patientKey = reidentified.patientKey();
    EhrWriteException last = null;
    int attempt = 0;
    while (++attempt <= maxAttempts) {
      try {
        EhrWriter.WriteResult result = writer.write(approved, reidentified.text(), patientKey);
        WritebackOutcome outcome = outcome(item, result.created() ? WritebackStatus.WRITTEN
            : WritebackStatus.ALREADY_PRESENT, result.resourceType(), result.resourceId(), result.httpStatus(), null,
            attempt);
        return new Outcome(outcome, record.entity(result.resourceType() + "/" + result.resourceId(),
            result.resourceType(), "3").detail("status", outcome.getStatus()).build());
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
