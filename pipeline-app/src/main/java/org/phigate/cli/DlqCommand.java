package org.phigate.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.phigate.audit.AuditEvents;
import org.phigate.audit.AuditLog;
import org.phigate.catalog.PhiContentCodec;
import org.phigate.catalog.TopicSerdes;
import org.phigate.catalog.Topics;
import org.phigate.config.CommonConfig;
import org.phigate.registry.RestSchemaRegistryClient;
import org.phigate.schema.AuditAction;
import org.phigate.schema.AuditEvent;
import org.phigate.schema.IntakeFailure;
import org.phigate.schema.WritebackOutcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * `phigate dlq list|show|replay`: inspect and re-publish intake dead letters, and EHR dead letters ({@code --queue
 * ehr}), on a cluster.
 */
@Command(name = "dlq", mixinStandardHelpOptions = true, description = "Inspect and replay phigate.intake.dlq "
    + "(default) or phigate.ehr.dlq (--queue ehr).",
    subcommands = {DlqCommand.ListDlq.class, DlqCommand.Show.class, DlqCommand.Replay.class})
public final class DlqCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  /** Options every dlq subcommand shares. */
  static class Cluster {
    @Option(names = "--config", paramLabel = "FILE", description = "Properties file (kafka.*, schema.registry.url, "
        + "crypto.event.key for --show-phi and replay of the original).")
    Path config;

    @Option(names = "--queue", defaultValue = "intake", paramLabel = "QUEUE", description = "intake "
        + "(phigate.intake.dlq, default) or ehr (phigate.ehr.dlq: failed EHR writes; replay re-submits the approved "
        + "item to the write-back role).")
    String queue;

    boolean ehr() {
      if (!queue.equals("intake") && !queue.equals("ehr")) {
        throw new IllegalArgumentException("--queue " + queue + ": expected intake or ehr");
      }
      return queue.equals("ehr");
    }

    CommonConfig common() {
      return CommonConfig.load(config);
    }

    static TopicSerdes serdes(CommonConfig common) {
      return new TopicSerdes(new RestSchemaRegistryClient(common.registryUrl()));
    }

    DlqStore store(CommonConfig common) {
      return new DlqStore(common, serdes(common));
    }

    /** Writes the event and waits for the broker (acks=all); throws, so the caller stops, when it cannot. */
    static void audit(CommonConfig common, AuditEvent event) {
      try (AuditLog log = AuditLog.connect(common, serdes(common))) {
        log.record(event);
      }
    }

    static AuditEvents operatorAudit(CommonConfig common) {
      return new AuditEvents("operator-cli", "service:phigate-cli", common.instanceId() + "/cli",
          common.instanceAddress(), Clock.systemUTC());
    }

    /** The person at the terminal, as a BALP requestor. */
    static String operator() {
      return "user:" + System.getProperty("user.name", "unknown");
    }
  }

  /** Lists dead letters: reference, time, reason, location, sha256, message. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List dead letters (no PHI).")
  static final class ListDlq extends Cluster implements Callable<Integer> {
    @Option(names = "--limit", defaultValue = "1000", description = "Most recent N (default ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() {
      CommonConfig common = common();
      if (ehr()) {
        List<EhrDlqStore.Entry> entries = new EhrDlqStore(common, serdes(common)).readAll();
        String row = "%-10s %-24s %-24s %-24s %-6s %-8s %s%n";
        System.out.printf(row, "ref", "at", "review id", "reason", "http", "attempts", "issues");
        entries.stream().skip(Math.max(0, entries.size() - limit)).forEach(e -> {
          WritebackOutcome o = e.outcome();
          System.out.printf(row, e.ref(), o.getAt(), o.getReviewId(), o.getReason(),
              o.getHttpStatus() == null ? "-" : o.getHttpStatus(), o.getAttempts(),
              o.getIssues() == null ? "" : String.join(",", o.getIssues()));
        });
        System.out.println(entries.size() + " EHR dead letters");
        return 0;
      }
      List<DlqStore.Entry> entries = store(common).readAll();
      String row = "%-10s %-24s %-28s %-16s %-16s %-24s %-20s %s%n";
      System.out.printf(row, "ref", "received", "reason", "location", "sha256", "source id", "original", "message");
      entries.stream().skip(Math.max(0, entries.size() - limit)).forEach(e -> {
        IntakeFailure f = e.failure();
        System.out.printf(row, e.ref(), f.getReceivedAt(), f.getReasonCode(),
            f.getLocation() == null ? "" : f.getLocation(), f.getOriginalSha256().substring(0, 16),
            f.getSourceMessageId(), DeadLetterPayload.of(f).label(), f.getReasonMessage());
      });
      System.out.println(entries.size() + " dead letters");
      return 0;
    }
  }

  /** Shows one dead letter; the original only with the key and --show-phi, and audited. */
  @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one dead letter; --show-phi decrypts "
      + "the original (needs crypto.event.key) and records an audit event naming you.")
  static final class Show extends Cluster implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "REF", description = "partition:offset (from list), a source id as listed "
        + "(sid-...), or the sender's own id (MSH-10, record key), hashed with the config's source-id key to find it.")
    String ref;

    @Option(names = "--show-phi", description = "Decrypt and print the original message (PHI).")
    boolean showPhi;

    @Override
    public Integer call() {
      CommonConfig common = common();
      if (ehr()) {
        // an EHR dead letter holds ids, codes and statuses only: nothing to decrypt
        EhrDlqStore.Entry e = new EhrDlqStore(common, serdes(common)).find(ref);
        WritebackOutcome o = e.outcome();
        System.out.println("ref:          " + e.ref());
        System.out.println("review id:    " + o.getReviewId());
        System.out.println("event id:     " + o.getEventId());
        System.out.println("at:           " + o.getAt());
        System.out.println("reason:       " + o.getReason());
        System.out.println("http status:  " + (o.getHttpStatus() == null ? "-" : o.getHttpStatus()));
        System.out.println("attempts:     " + o.getAttempts());
        System.out.println("issues:       " + (o.getIssues() == null ? "-" : String.join(", ", o.getIssues())));
        return 0;
      }
      DlqStore store = store(common);
      DlqStore.Entry e = store.find(ref);
      IntakeFailure f = e.failure();
      System.out.println("ref:          " + e.ref());
      System.out.println("source id:    " + f.getSourceMessageId());
      System.out.println("received:     " + f.getReceivedAt());
      System.out.println("stage:        " + f.getStage());
      System.out.println("reason:       " + f.getReasonCode() + " at " + (f.getLocation() == null ? "-"
          : f.getLocation()));
      System.out.println("message:      " + f.getReasonMessage());
      System.out.println("content type: " + f.getContentType());
      System.out.println("sha256:       " + f.getOriginalSha256());
      DeadLetterPayload kept = DeadLetterPayload.of(f);
      System.out.println("holds:        " + kept.describe());
      if (kept.kind() == DeadLetterPayload.Kind.TRUNCATED) {
        System.out.println("size:         " + (kept.originalSize() == null ? "unknown" : kept.originalSize()
            + " bytes") + " received; sha256 is of the kept bytes");
      }
      if (!showPhi) {
        System.out.println("original:     <sealed; add --show-phi (needs crypto.event.key) to decrypt>");
        return 0;
      }
      String shown = kept.kind() == DeadLetterPayload.Kind.NOT_A_MESSAGE ? sealedEvent(common, f)
          : new String(common.eventCipher().open(f.getOriginal(), f.getSourceMessageId()), StandardCharsets.UTF_8);
      // a person is about to read PHI: the audit event is written (acks=all) before anything is printed
      Cluster.audit(common, Cluster.operatorAudit(common).humanRead("dlq.show", Cluster.operator(), "operator",
              "dlq-" + e.ref(), "phigate.intake.dlq/" + e.ref(), "IntakeFailure")
          .purpose("HOPERAT").detail("sha256", f.getOriginalSha256()).build());
      System.out.println("original:");
      System.out.println(shown.replace('\r', '\n'));
      return 0;
    }

    /**
     * A deid dead letter keeps the event's sealed PHI content, sealed under the event id (its location), not the
     * source message; a too-large event keeps nothing (the event stays in the normalized topic).
     */
    private static String sealedEvent(CommonConfig common, IntakeFailure f) {
      byte[] plain = common.eventCipher().open(f.getOriginal(), f.getLocation());
      if (plain.length == 0) {
        return "<nothing kept: read event " + f.getLocation() + " from " + Topics.EVENTS_NORMALIZED.name() + ">";
      }
      return PhiContentCodec.decode(plain).toString();
    }
  }

  /** Re-publishes a fixed file, or the decrypted original, to phigate.intake.raw. */
  @Command(name = "replay", mixinStandardHelpOptions = true, description = "Re-publish a dead letter to "
      + "phigate.intake.raw: a fixed file (--file) or the original (needs crypto.event.key); audited. A dead letter "
      + "that keeps only the first bytes of an oversized message is refused (exit 3) without --file.")
  static final class Replay extends Cluster implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "REF", description = "partition:offset (from list), a source id as listed "
        + "(sid-...), or the sender's own id (MSH-10, record key), hashed with the config's source-id key to find it.")
    String ref;

    @Option(names = "--file", paramLabel = "FILE", description = "The fixed message to publish instead of the "
        + "original.")
    Path file;

    @Option(names = "--content-type", paramLabel = "TYPE", description = "Content type to publish with (default: "
        + "the dead letter's).")
    String contentType;

    @Override
    public Integer call() throws Exception {
      CommonConfig common = common();
      if (ehr()) {
        return replayEhr(common);
      }
      DlqStore store = store(common);
      DlqStore.Entry e = store.find(ref);
      IntakeFailure f = e.failure();
      Optional<String> refusal = file != null ? Optional.empty()
          : DeadLetterPayload.of(f).replayRefusal(e.ref());
      if (refusal.isPresent()) {
        System.err.println("phigate dlq replay: " + refusal.get());
        return 3;
      }
      byte[] payload = file != null ? Files.readAllBytes(file)
          : common.eventCipher().open(f.getOriginal(), f.getSourceMessageId());
      String type = contentType != null ? contentType : f.getContentType();
      String where = store.publishRaw(f.getSourceMessageId(), payload, type);
      Cluster.audit(common, Cluster.operatorAudit(common).event("dlq.replay", AuditAction.C, "dlq-" + e.ref())
          .agent(Cluster.operator(), "operator", true).purpose("HOPERAT").entity("phigate.intake.dlq/" + e.ref(), "IntakeFailure", "4")
          .entity("phigate.intake.raw/" + where, "raw-record", "3")
          .detail("source", file != null ? "fixed-file" : "original").detail("at", Instant.now()).build());
      System.out.println("replayed " + e.ref() + " (" + (file != null ? "fixed file" : "original") + ") to "
          + "phigate.intake.raw " + where);
      return 0;
    }

    /** Re-submits the approved item of an EHR dead letter (by ref, review id or event id) to the write-back role. */
    private Integer replayEhr(CommonConfig common) throws Exception {
      if (file != null || contentType != null) {
        System.err.println("phigate dlq replay: --file and --content-type apply to intake dead letters only");
        return 2;
      }
      EhrDlqStore store = new EhrDlqStore(common, serdes(common));
      EhrDlqStore.Entry e = store.find(ref);
      String reviewId = e.outcome().getReviewId();
      String where = store.resubmit(reviewId, store.approval(reviewId), Topics.EHR_DLQ.name() + "/" + e.ref());
      Cluster.audit(common, Cluster.operatorAudit(common).event("dlq.replay", AuditAction.C, e.outcome().getEventId())
          .agent(Cluster.operator(), "operator", true).purpose("HOPERAT")
          .entity(Topics.EHR_DLQ.name() + "/" + e.ref(), "WritebackOutcome", "4")
          .entity(Topics.REVIEW_APPROVED.name() + "/" + where, "ApprovedResult", "3")
          .detail("reviewId", reviewId).detail("reason", e.outcome().getReason()).detail("at", Instant.now())
          .build());
      System.out.println("replayed EHR dead letter " + e.ref() + " (review " + reviewId + ") to "
          + Topics.REVIEW_APPROVED.name() + " " + where);
      return 0;
    }
  }
}
