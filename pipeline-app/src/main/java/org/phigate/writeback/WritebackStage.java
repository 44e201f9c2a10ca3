package org.phigate.writeback;

import io.micrometer.core.instrument.Metrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.phigate.audit.AuditEvents;
import org.phigate.catalog.Topics;
import org.phigate.deid.vault.ReidentificationRefused;
import org.phigate.deid.vault.Reidentifier;
import org.phigate.schema.ApprovedResult;
import org.phigate.schema.AuditAction;
import org.phigate.schema.AuditEvent;
import org.phigate.schema.AuditOutcome;
import org.phigate.schema.DecisionType;
import org.phigate.schema.ReviewItem;
import org.phigate.schema.VaultEntry;
import org.phigate.schema.WritebackOutcome;
import org.phigate.schema.WritebackStatus;
import org.phigate.security.CryptoException;
import org.phigate.security.FieldCipher;
import org.phigate.security.VaultKeys;
import org.phigate.streams.FailureReasons;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writeback role's logic, one step at a time for {@link DeliveryProcessor}: re-identify an approved result through
 * the vault (stream thread, local reads), make one EHR attempt (worker thread), and turn what happened into the
 * outcome record and its audit event (stream thread).
 */
public final class WritebackStage {
  /** The patient token is not in the vault (yet). */
  public static final String PATIENT_TOKEN_UNRESOLVED = "PATIENT_TOKEN_UNRESOLVED";
  /** A token in the text is not in the vault (yet). */
  public static final String TOKENS_UNRESOLVED = "TOKENS_UNRESOLVED";
  /** The EHR refused the write with a 4xx that a retry would not change. */
  public static final String EHR_REJECTED = "EHR_REJECTED";
  /** The EHR kept failing (5xx, 429, timeouts, unreachable) until the retry budget was spent. */
  public static final String EHR_RETRIES_EXHAUSTED = "EHR_RETRIES_EXHAUSTED";
  /** The released record carries no APPROVE decision by a reviewer. */
  public static final String NOT_APPROVED_BY_REVIEWER = "NOT_APPROVED_BY_REVIEWER";
  /** A reviewer's edit arrived unsealed (reviewer text is PHI and must be sealed with crypto.review.key). */
  public static final String PLAINTEXT_EDIT = "PLAINTEXT_EDIT";
  /** One attempt failed and will be tried again. */
  public static final String EHR_UNAVAILABLE = "EHR_UNAVAILABLE";
  /** Audit subtype of a write, a dead letter or a duplicate. */
  public static final String AUDIT_CREATE = "writeback.create";
  /** Audit subtype of one failed attempt that will be retried. */
  public static final String AUDIT_ATTEMPT = "writeback.attempt";

  private static final Logger LOG = LoggerFactory.getLogger(WritebackStage.class);
  private final EhrWriter writer;
  private final Reidentifier reidentifier;
  private final FieldCipher vaultCipher;
  private final FieldCipher reviewCipher;
  private final AuditEvents audit;
  private final Clock clock;

  public WritebackStage(EhrWriter writer, FieldCipher vaultCipher, AuditEvents audit, Clock clock) {
    this(writer, vaultCipher, null, audit, clock, null);
  }

  /**
   * @param reviewCipher opens reviewers' sealed edits (crypto.review.key); null when this site has none
   * @param legacyVaultBefore items held for review before this instant (de-identified before vault keys) use the
   *     token-keyed vault entries of earlier versions; null when there are none
   */
  public WritebackStage(EhrWriter writer, FieldCipher vaultCipher, FieldCipher reviewCipher, AuditEvents audit,
                        Clock clock, Instant legacyVaultBefore) {
    this.writer = writer;
    this.vaultCipher = vaultCipher;
    this.reviewCipher = reviewCipher;
    this.reidentifier = new Reidentifier(vaultCipher, legacyVaultBefore);
    this.audit = audit;
    this.clock = clock;
  }

  /** An outcome record (to outcomes or the EHR DLQ; null for a retried attempt) and its audit event. */
  public record Outcome(WritebackOutcome outcome, AuditEvent audit) {
    public boolean written() {
      return outcome != null && outcome.getStatus() != WritebackStatus.FAILED;
    }

    public boolean failed() {
      return outcome != null && outcome.getStatus() == WritebackStatus.FAILED;
    }
  }

  /** What the vault gives for an item: ready to write, or not (permanently, or not yet). */
  public sealed interface Prepared permits Ready, NotReady {}

  /**
   * The re-identified text (and original draft when edited), patient key and source message id: PHI, held in memory
   * for one attempt only and never printed.
   */
  public static final class Ready implements Prepared {
    private final String text;
    private final String originalDraft;
    private final String patientKey;
    private final String sourceMessageId;
    private final int vaultReads;

    Ready(String text, String originalDraft, String patientKey, String sourceMessageId, int vaultReads) {
      this.text = text;
      this.originalDraft = originalDraft;
      this.patientKey = patientKey;
      this.sourceMessageId = sourceMessageId;
      this.vaultReads = vaultReads;
    }

    public int vaultReads() {
      return vaultReads;
    }

    /** Whether the write links the source message (false for events de-identified before deid sealed it). */
    public boolean hasSourceMessage() {
      return sourceMessageId != null;
    }

    EhrWriter.WriteRequest request(ApprovedResult approved) {
      return new EhrWriter.WriteRequest(approved, text, originalDraft, patientKey, sourceMessageId);
    }

    @Override
    public String toString() {
      return "Ready[PHI withheld]";
    }
  }

  /** Not writable: a reason code, and whether looking again later can help (a token not in the vault yet). */
  public record NotReady(String reason, boolean permanent) implements Prepared {}

  /** One attempt's result: the resource (written now or found by reading back), or the failure, and its duration. */
  public record Attempt(EhrWriter.WriteResult result, boolean readBack, EhrWriteException failure, long latencyMs) {}

  /** Re-identifies through {@code vault}; fast local reads and decryption, for the stream thread. */
  public Prepared prepare(ApprovedResult approved, Function<String, VaultEntry> vault) {
    ReviewItem item = approved.getItem();
    if (approved.getDecision().getDecision() != DecisionType.APPROVE
        || approved.getDecision().getReviewer() == null || approved.getDecision().getReviewer().isBlank()) {
      // nothing reaches the chart without a recorded human approval, whoever wrote this record
      return new NotReady(NOT_APPROVED_BY_REVIEWER, true);
    }
    String text;
    try {
      text = ReviewerText.approvedText(approved, reviewCipher);
    } catch (CryptoException e) {
      return new NotReady(FailureReasons.CRYPTO_FAILED, true);
    }
    if (text == null) {
      return new NotReady(PLAINTEXT_EDIT, true);
    }
    boolean edited = approved.getDecision().getSealedEditedText() != null;
    AtomicInteger reads = new AtomicInteger();
    Function<String, VaultEntry> counted = key -> {
      reads.incrementAndGet();
      return vault.apply(key);
    };
    Reidentifier.Subject subject = new Reidentifier.Subject(item.getTenant(), item.getEventId(),
        item.getPatientToken(), item.getHeldAt());
    Reidentifier.Reidentified reidentified;
    Reidentifier.Reidentified draft;
    String sourceMessageId;
    try {
      reidentified = reidentifier.reidentify(subject, text, counted);
      // an edited draft: the model's own words go to the EHR too, inside the Provenance, checked the same way
      draft = edited ? reidentifier.reidentify(subject, item.getDraftText(), counted) : null;
      // events de-identified before vault keys (legacy items) predate the sealed source message too
      sourceMessageId = reidentified.legacy() ? null : sourceMessage(item, counted);
    } catch (ReidentificationRefused e) {
      // fails closed: another tenant's, event's or patient's entry, or one that does not open, is never used; an
      // entry not in the vault yet is looked for again (until writeback.vault.wait.ms), a mismatch never
      return new NotReady(e.reason().name(), !notInVaultYet(e.reason()));
    }
    return new Ready(reidentified.text(), draft == null ? null : draft.text(), reidentified.patientKey(),
        sourceMessageId, reads.get());
  }

  /**
   * The event's source message id, or null for events de-identified before deid sealed it (their resources are
   * written without the link to the message). A local read, never waited for: deid writes it in the same transaction
   * as the event's key map, which re-identification has just found.
   */
  private String sourceMessage(ReviewItem item, Function<String, VaultEntry> vault) throws ReidentificationRefused {
    String key = VaultKeys.sourceMessage(item.getTenant(), item.getEventId());
    VaultEntry entry = vault.apply(key);
    if (entry == null) {
      return null;
    }
    if (!item.getTenant().equals(entry.getTenant())) {
      throw new ReidentificationRefused(ReidentificationRefused.Reason.VAULT_TENANT_MISMATCH);
    }
    if (!key.equals(entry.getToken())) {
      throw new ReidentificationRefused(ReidentificationRefused.Reason.VAULT_KEY_MISMATCH);
    }
    try {
      return vaultCipher.openString(entry.getOriginal(), key);
    } catch (CryptoException e) {
      throw new ReidentificationRefused(ReidentificationRefused.Reason.CRYPTO_FAILED);
    }
  }

  /**
   * One EHR attempt, for a worker thread: with {@code readBackFirst} (any attempt that may follow one that reached
   * the EHR) the resource is first looked up by identifier, and only written when the EHR holds none.
   */
  public Attempt attempt(ApprovedResult approved, Ready ready, boolean readBackFirst) {
    long start = System.nanoTime();
    try {
      if (readBackFirst) {
        var found = writer.find(approved);
        if (found.isPresent()) {
          return new Attempt(found.get(), true, null, millisSince(start));
        }
      }
      return new Attempt(writer.write(ready.request(approved)), false, null, millisSince(start));
    } catch (EhrWriteException e) {
      return new Attempt(null, false, e, millisSince(start));
    } catch (RuntimeException e) {
      // the log shows class names only (log4j2.xml); a writer's unexpected exception may quote the EHR's answer
      LOG.warn("EHR writer failed on review {} ({})", approved.getItem().getReviewId(),
          EhrWriteException.CLIENT_FAILED, e);
      return new Attempt(null, false, new EhrWriteException(EhrWriteException.CLIENT_FAILED, 0, false),
          millisSince(start));
    }
  }

  private static boolean notInVaultYet(ReidentificationRefused.Reason reason) {
    return switch (reason) {
      case PATIENT_TOKEN_UNRESOLVED, TOKENS_UNRESOLVED, VAULT_EVENT_KEYS_MISSING -> true;
      default -> false;
    };
  }

  private static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  /** The item is in the EHR: written now, or found by reading back what an earlier attempt wrote. */
  public Outcome written(ApprovedResult approved, Attempt attempt, int attempts, int vaultReads) {
    EhrWriter.WriteResult result = attempt.result();
    WritebackStatus status = result.created() || attempt.readBack() ? WritebackStatus.WRITTEN
        : WritebackStatus.ALREADY_PRESENT;
    WritebackOutcome outcome = outcome(approved.getItem(), status, result.resourceType(), result.resourceId(),
        result.httpStatus(), null, attempts, null);
    AuditEvents.Builder event = record(approved, AUDIT_CREATE);
    result.resources().forEach(ref -> event.entity(ref, ref.substring(0, ref.indexOf('/')), "3"));
    return new Outcome(outcome, event
        .detail("status", status).detail("httpStatus", result.httpStatus()).detail("attempts", attempts)
        .detail("readBack", attempt.readBack()).detail("latencyMs", attempt.latencyMs())
        .detail("vaultReads", vaultReads).build());
  }

  /** The same approved item again after it was written: nothing is sent to the EHR. */
  public Outcome duplicate(ApprovedResult approved, PendingWrite settled) {
    WritebackOutcome outcome = outcome(approved.getItem(), WritebackStatus.ALREADY_PRESENT, settled.resourceType(),
        settled.resourceId(), null, null, 0, null);
    return new Outcome(outcome, record(approved, AUDIT_CREATE)
        .entity(settled.resourceType() + "/" + settled.resourceId(), settled.resourceType(), "3")
        .detail("status", WritebackStatus.ALREADY_PRESENT).detail("attempts", 0).detail("duplicate", true).build());
  }

  /** One failed attempt that will be tried again after {@code next}: audited, no outcome record yet. */
  public Outcome retrying(ApprovedResult approved, String reason, EhrWriteException failure, int attempt,
                          Duration next) {
    Metrics.counter("phigate.ehr.retries", "reason", reason, "status", status(failure)).increment();
    AuditEvents.Builder event = record(approved, AUDIT_ATTEMPT).outcome(AuditOutcome.MINOR_FAILURE, reason)
        .detail("attempt", attempt).detail("nextAttemptInMs", next.toMillis());
    if (failure != null) {
      event.detail("httpStatus", failure.httpStatus()).detail("issues", joined(failure.issues()));
    }
    return new Outcome(null, event.build());
  }

  /** The item goes to phigate.ehr.dlq with a reason code, the last HTTP status and the PHI-free issue codes. */
  public Outcome deadLettered(ApprovedResult approved, String reason, EhrWriteException failure, int attempts) {
    ReviewItem item = approved.getItem();
    Integer status = failure == null || failure.httpStatus() == 0 ? null : failure.httpStatus();
    List<String> issues = failure == null || failure.issues().isEmpty() ? null : failure.issues();
    LOG.warn("write-back of review {} dead-lettered to {} ({}, HTTP {}, {} attempts)", item.getReviewId(),
        Topics.EHR_DLQ.name(), reason, status == null ? "-" : status, attempts);
    Metrics.counter("phigate.ehr.dead.letters", "reason", reason, "status", status(failure)).increment();
    WritebackOutcome outcome = outcome(item, WritebackStatus.FAILED, "Task", null, status, reason, attempts, issues);
    return new Outcome(outcome, record(approved, AUDIT_CREATE).outcome(AuditOutcome.SERIOUS_FAILURE, reason)
        .detail("httpStatus", status).detail("attempts", attempts).detail("issues", joined(issues)).build());
  }

  private AuditEvents.Builder record(ApprovedResult approved, String subtype) {
    ReviewItem item = approved.getItem();
    return audit.event(subtype, AuditAction.C, item.getEventId())
        .type(AuditEvents.TYPE_REST)
        .patientToken(item.getPatientToken())
        .entity(item.getReviewId(), "ReviewItem", "4")
        .detail("reviewer", approved.getDecision().getReviewer())
        .detail("decision", approved.getDecision().getDecision());
  }

  private WritebackOutcome outcome(ReviewItem item, WritebackStatus status, String type, String id, Integer http,
                                   String reason, int attempts, List<String> issues) {
    return WritebackOutcome.newBuilder().setEventId(item.getEventId()).setReviewId(item.getReviewId())
        .setTenant(item.getTenant()).setStatus(status).setResourceType(type == null ? "Task" : type)
        .setResourceId(id).setHttpStatus(http).setReason(reason).setAttempts(attempts).setAt(clock.instant())
        .setIssues(issues).build();
  }

  private static String status(EhrWriteException failure) {
    return failure == null ? "none" : String.valueOf(failure.httpStatus());
  }

  private static String joined(List<String> issues) {
    return issues == null || issues.isEmpty() ? null : String.join(",", issues);
  }
}
