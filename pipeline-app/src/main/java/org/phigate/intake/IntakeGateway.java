package org.phigate.intake;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.phigate.catalog.TopicSerdes;
import org.phigate.catalog.Topics;
import org.phigate.config.CommonConfig;
import org.phigate.config.IntakeConfig;
import org.phigate.streams.RecordLimit;
import org.phigate.schema.AuditEvent;
import org.phigate.schema.ClinicalEvent;
import org.phigate.schema.IntakeFailure;
import org.phigate.streams.ProducerFactory;

/**
 * The MLLP and REST edges' way into Kafka. Messages are parsed and validated on a pool of worker threads sized to the
 * cores (not on the connections' threads) and written by group commit ({@link GroupCommitter}): whatever arrives on
 * any connection while a write is in flight goes out in the next group. Every call returns only once the broker
 * acknowledged the message's group (acks=all, idempotent producer) or the ack timeout passed, so a caller answers its
 * sender after the record is durable. Validation uses the same {@link IntakeStage} as the Streams topology, so every
 * path makes the same decisions.
 */
public final class IntakeGateway implements AutoCloseable {
  /** Header naming the edge a raw record came through (mllp, rest); never carries content. */
  public static final String CHANNEL_HEADER = "phigate.intake.channel";

  /** What became of a submitted message. */
  public enum Status { ACCEPTED, REJECTED, UNAVAILABLE }

  /**
   * The answer for the sender.
   *
   * @param eventId the ClinicalEvent id the message will get (accepted and validated), else null
   * @param reason  why it was rejected (REJECTED), else null
   */
  public record Receipt(Status status, String eventId, ParseResult.Rejected reason) {}

  /**
   * An edge's own check of a parsed message (e.g. the REST path's resource type): a rejection, or null to accept.
   * It reads the event's metadata; the PHI is not sealed at the edge (the intake topology seals it).
   */
  @FunctionalInterface
  public interface Check {
    ParseResult.Rejected check(org.phigate.schema.ClinicalEvent event);
  }

  /** Records to store together, and the receipt the sender gets once they are. */
  private record Pending(List<ProducerRecord<String, byte[]>> records, Receipt stored) {}

  private final Producer<String, byte[]> producer;
  private final TopicSerdes serdes;
  private final IntakeStage stage;
  private final Clock clock;
  private final long ackTimeoutMs;
  private final RecordLimit<ClinicalEvent> normalizedLimit;
  private final GroupCommitter committer;
  private final ExecutorService parsers;

  /** A gateway with the default normalized-size budget (a third of the default topic limit). */
  public IntakeGateway(Producer<String, byte[]> producer, TopicSerdes serdes, IntakeStage stage, Clock clock,
                       Duration ackTimeout) {
    this(producer, serdes, stage, clock, ackTimeout, CommonConfig.defaultMaxMessageBytes() / 3);
  }

  /**
   * A gateway refusing messages whose normalized event exceeds {@code maxNormalizedBytes}, so whatever it accepts
   * fits every downstream topic.
   */
  public IntakeGateway(Producer<String, byte[]> producer, TopicSerdes serdes, IntakeStage stage, Clock clock,
                       Duration ackTimeout, int maxNormalizedBytes) {
    this(producer, serdes, stage, clock, ackTimeout, maxNormalizedBytes, EdgeTuning.defaults());
  }

  /** As above, with the parse pool and group sizes of {@code tuning}. */
  public IntakeGateway(Producer<String, byte[]> producer, TopicSerdes serdes, IntakeStage stage, Clock clock,
                       Duration ackTimeout, int maxNormalizedBytes, EdgeTuning tuning) {
    this.normalizedLimit = RecordLimit.budget(serdes, Topics.EVENTS_NORMALIZED, maxNormalizedBytes);
    this.producer = producer;
    this.serdes = serdes;
    this.stage = stage;
    this.clock = clock;
    this.ackTimeoutMs = ackTimeout.toMillis();
    this.committer = new GroupCommitter(producer, tuning.maxGroupRecords(), tuning.maxGroupBytes(),
        TimeUnit.MICROSECONDS.toNanos(tuning.groupWaitMicros()));
    AtomicInteger n = new AtomicInteger();
    int threads = Math.max(1, tuning.parseThreads());
    java.util.concurrent.ThreadPoolExecutor pool = new java.util.concurrent.ThreadPoolExecutor(threads, threads, 30,
        TimeUnit.SECONDS, new java.util.concurrent.LinkedBlockingQueue<>(), r -> {
          Thread t = new Thread(r, "phigate-intake-parse-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    pool.allowCoreThreadTimeOut(true); // an idle edge holds no parse threads
    this.parsers = pool;
  }

  /** A gateway with its own idempotent acks=all producer to the configured cluster. */
  public static IntakeGateway create(IntakeConfig config, TopicSerdes serdes, IntakeStage stage, Clock clock) {
    return new IntakeGateway(producers(config).create(new StringSerializer(), new ByteArraySerializer()), serdes,
        stage, clock, config.ackTimeout(), config.maxNormalizedBytes(), EdgeTuning.of(config));
  }

  private static ProducerFactory producers(IntakeConfig config) {
    long ack = Math.max(2_000, config.ackTimeout().toMillis());
    int linger = config.get(IntakeConfig.EDGE_LINGER);
    // a record not acknowledged within the ack timeout is failed by the producer too, not delivered much later
    return ProducerFactory.of(config.common(), config.role())
        .with(ProducerConfig.CLIENT_ID_CONFIG, config.common().instanceId() + "-intake-edge")
        .with(ProducerConfig.LINGER_MS_CONFIG, linger)
        .with(ProducerConfig.BATCH_SIZE_CONFIG, config.get(IntakeConfig.EDGE_BATCH_SIZE))
        .with(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) (ack / 2))
        .with(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(ack, ack / 2 + linger))
        .with(ProducerConfig.MAX_BLOCK_MS_CONFIG, ack);
  }

  public IntakeStage stage() {
    return stage;
  }

  /**
   * Validates (when asked) and publishes a message: to {@code phigate.intake.raw} when valid, to the dead-letter
   * topic with its audit event when not.
   */
  public Receipt submit(String key, byte[] payload, String contentType, String channel, boolean validate) {
    return submit(key, payload, contentType, channel, validate, null);
  }

  /**
   * As {@link #submit(String, byte[], String, String, boolean)}, validating always and applying the edge's check;
   * a null key becomes the message's source id (MSH-10, FHIR id), so copies of a message share a partition.
   */
  public Receipt submit(String key, byte[] payload, String contentType, String channel, boolean validate,
                        Check check) {
    return submit(key, payload, contentType, channel, validate, check, false);
  }

  /** As above; {@code strictFhir} parses FHIR strictly (the REST edge: unknown elements, wrong types refused). */
  public Receipt submit(String key, byte[] payload, String contentType, String channel, boolean validate,
                        Check check, boolean strictFhir) {
    if (!validate && check == null) {
      return commit(new Pending(List.of(raw(key, payload, contentType, channel)), new Receipt(Status.ACCEPTED, null,
          null)));
    }
    // the parse thread hands its records to the group committer itself, so the caller wakes once, for the answer
    Answer answer = new Answer();
    committer.coming(); // handed to the parse pool, not yet to the group committer: a group waits for it
    try {
      parsers.execute(() -> {
        try {
          Pending pending = prepare(key, payload, contentType, channel, check, strictFhir);
          long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ackTimeoutMs);
          answer.deadline = deadline;
          committer.submit(pending.records(), deadline).whenComplete((group, failed) ->
              answer.complete(failed == null ? pending.stored() : unavailable()));
        } catch (RuntimeException | Error e) {
          answer.completeExceptionally(e);
        } finally {
          committer.arrived();
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      committer.arrived();
      return unavailable();
    }
    return answer.await();
  }

  /**
   * A submission's answer: the parse may take as long as it takes, the group commit at most the ack timeout from
   * when the parse handed it over ({@code deadline}, 0 until then).
   */
  private static final class Answer extends CompletableFuture<Receipt> {
    volatile long deadline;

    Receipt await() {
      while (true) {
        long due = deadline;
        try {
          return due == 0 ? get(1, TimeUnit.SECONDS)
              : get(Math.max(0, due - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
          if (due != 0) {
            return unavailable();
          }
        } catch (ExecutionException e) {
          throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return unavailable();
        }
      }
    }
  }

  /** Parses and validates (on a parse thread): the raw record to store, or the dead letter and its audit event. */
  private Pending prepare(String key, byte[] payload, String contentType, String channel, Check check,
                          boolean strictFhir) {
    IntakeOutcome outcome = stage.screen(key, payload, contentType, clock.instant(), strictFhir, normalizedLimit);
    if (outcome.rejected()) {
      return deadLetter(outcome, channel);
    }
    ParseResult.Rejected refused = check == null ? null : check.check(outcome.event());
    if (refused != null) {
      return deadLetter(stage.reject(key, payload, contentType, clock.instant(), refused), channel);
    }
    String sourceKey = key != null ? key : outcome.sourceMessageId();
    return new Pending(List.of(raw(sourceKey, payload, contentType, channel)), new Receipt(Status.ACCEPTED,
        outcome.event().getEventId(), null));
  }

  private static ProducerRecord<String, byte[]> raw(String key, byte[] payload, String contentType, String channel) {
    ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.INTAKE_RAW.name(), key, payload);
    record.headers().add(Topics.CONTENT_TYPE_HEADER, contentType.getBytes(StandardCharsets.UTF_8));
    record.headers().add(CHANNEL_HEADER, channel.getBytes(StandardCharsets.UTF_8));
    return record;
  }

  /** Dead-letters a message an edge refused before parsing (framing, size, MSH checks), with its audit event. */
  public Receipt reject(String key, byte[] payload, String contentType, String channel, ParseResult.Rejected reason) {
    return commit(deadLetter(stage.reject(key, payload, contentType, clock.instant(), reason), channel));
  }

  /**
   * Dead-letters a message refused for its size, of which only {@code received} was read ({@code originalSize}
   * bytes in all, negative when unknown): the dead letter keeps its head and is marked truncated.
   */
  public Receipt rejectOversized(String key, byte[] received, long originalSize, String contentType, String channel,
                                 ParseResult.Rejected reason) {
    return commit(deadLetter(stage.rejectOversized(key, received, originalSize, contentType, clock.instant(),
        reason), channel));
  }

  private Pending deadLetter(IntakeOutcome outcome, String channel) {
    IntakeFailure failure = outcome.failure();
    ProducerRecord<String, byte[]> dlq = new ProducerRecord<>(Topics.INTAKE_DLQ.name(), failure.getSourceMessageId(),
        serdes.valueSerde(Topics.INTAKE_DLQ).serializer().serialize(Topics.INTAKE_DLQ.name(), failure));
    dlq.headers().add(CHANNEL_HEADER, channel.getBytes(StandardCharsets.UTF_8));
    AuditEvent audit = outcome.audit();
    ProducerRecord<String, byte[]> auditRecord = new ProducerRecord<>(Topics.AUDIT_EVENTS.name(),
        audit.getSubjectEventId(), serdes.valueSerde(Topics.AUDIT_EVENTS).serializer()
        .serialize(Topics.AUDIT_EVENTS.name(), audit));
    ParseResult.Rejected reason = new ParseResult.Rejected(failure.getReasonCode(),
        failure.getLocation() == null ? "" : failure.getLocation(), failure.getReasonMessage());
    return new Pending(List.of(dlq, auditRecord), new Receipt(Status.REJECTED, null, reason));
  }

  /** Hands the records to the group committer and waits for their group's acknowledgement, up to the ack timeout. */
  private Receipt commit(Pending pending) {
    long timeout = TimeUnit.MILLISECONDS.toNanos(ackTimeoutMs);
    CompletableFuture<Long> group = committer.submit(pending.records(), System.nanoTime() + timeout);
    try {
      group.get(timeout, TimeUnit.NANOSECONDS);
      return pending.stored();
    } catch (ExecutionException | TimeoutException e) {
      return unavailable();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return unavailable();
    }
  }

  /** The group committer, for its counters (groups, records, largest group). */
  public GroupCommitter committer() {
    return committer;
  }

  private static Receipt unavailable() {
    return new Receipt(Status.UNAVAILABLE, null, null);
  }

  @Override
  public void close() {
    parsers.shutdown();
    committer.close();
    producer.close(Duration.ofSeconds(10));
  }
}
