package org.phigate.intake;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
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
 * The MLLP and REST edges' way into Kafka. Every call returns only once the broker acknowledged (acks=all,
 * idempotent producer) or the ack timeout passed, so a caller answers its sender after the record is durable.
 * Validation uses the same {@link IntakeStage} as the Streams topology, so every path makes the same decisions.
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

  /** An edge's own check of a parsed message (e.g. the REST path's resource type): a rejection, or null to accept. */
  @FunctionalInterface
  public interface Check {
    ParseResult.Rejected check(org.phigate.schema.ClinicalEvent event);
  }

  private final Producer<String, byte[]> producer;
  private final TopicSerdes serdes;
  private final IntakeStage stage;
  private final Clock clock;
  private final long ackTimeoutMs;
  private final RecordLimit<ClinicalEvent> normalizedLimit;

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
    this.normalizedLimit = RecordLimit.budget(serdes, Topics.EVENTS_NORMALIZED, maxNormalizedBytes);
    this.producer = producer;
    this.serdes = serdes;
    this.stage = stage;
    this.clock = clock;
    this.ackTimeoutMs = ackTimeout.toMillis();
  }

  /** A gateway with its own idempotent acks=all producer to the configured cluster. */
  public static IntakeGateway create(IntakeConfig config, TopicSerdes serdes, IntakeStage stage, Clock clock) {
    return new IntakeGateway(producers(config).create(new StringSerializer(), new ByteArraySerializer()), serdes,
        stage, clock, config.ackTimeout(), config.maxNormalizedBytes());
  }

  private static ProducerFactory producers(IntakeConfig config) {
    long ack = Math.max(2_000, config.ackTimeout().toMillis());
    // a record not acknowledged within the ack timeout is failed by the producer too, not delivered much later
    return ProducerFactory.of(config.common(), config.role())
        .with(ProducerConfig.CLIENT_ID_CONFIG, config.common().instanceId() + "-intake-edge")
        .with(ProducerConfig.LINGER_MS_CONFIG, 2)
        .with(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) (ack / 2))
        .with(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) ack)
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
    String eventId = null;
    if (validate || check != null) {
      IntakeOutcome outcome = stage.process(key, payload, contentType, clock.instant(), strictFhir);
      if (outcome.rejected()) {
        return deadLetter(outcome, channel);
      }
      int size = normalizedLimit.excess(outcome.event());
      if (size >= 0) {
        return deadLetter(stage.normalizedTooLarge(key, payload, contentType, clock.instant(), size,
            normalizedLimit.limit()), channel);
      }
      ParseResult.Rejected refused = check == null ? null : check.check(outcome.event());
      if (refused != null) {
        return reject(key, payload, contentType, channel, refused);
      }
      eventId = outcome.event().getEventId();
      key = key != null ? key : outcome.event().getSourceMessageId();
    }
    ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.INTAKE_RAW.name(), key, payload);
    record.headers().add(Topics.CONTENT_TYPE_HEADER, contentType.getBytes(StandardCharsets.UTF_8));
    record.headers().add(CHANNEL_HEADER, channel.getBytes(StandardCharsets.UTF_8));
    return await(send(record)) ? new Receipt(Status.ACCEPTED, eventId, null) : unavailable();
  }

  /** Dead-letters a message an edge refused before parsing (framing, size, MSH checks), with its audit event. */
  public Receipt reject(String key, byte[] payload, String contentType, String channel, ParseResult.Rejected reason) {
    return deadLetter(stage.reject(key, payload, contentType, clock.instant(), reason), channel);
  }

  /**
   * Dead-letters a message refused for its size, of which only {@code received} was read ({@code originalSize}
   * bytes in all, negative when unknown): the dead letter keeps its head and is marked truncated.
   */
  public Receipt rejectOversized(String key, byte[] received, long originalSize, String contentType, String channel,
                                 ParseResult.Rejected reason) {
    return deadLetter(stage.rejectOversized(key, received, originalSize, contentType, clock.instant(), reason),
        channel);
  }

  private Receipt deadLetter(IntakeOutcome outcome, String channel) {
    IntakeFailure failure = outcome.failure();
    ProducerRecord<String, byte[]> dlq = new ProducerRecord<>(Topics.INTAKE_DLQ.name(), failure.getSourceMessageId(),
        serdes.valueSerde(Topics.INTAKE_DLQ).serializer().serialize(Topics.INTAKE_DLQ.name(), failure));
    dlq.headers().add(CHANNEL_HEADER, channel.getBytes(StandardCharsets.UTF_8));
    AuditEvent audit = outcome.audit();
    ProducerRecord<String, byte[]> auditRecord = new ProducerRecord<>(Topics.AUDIT_EVENTS.name(),
        audit.getSubjectEventId(), serdes.valueSerde(Topics.AUDIT_EVENTS).serializer()
        .serialize(Topics.AUDIT_EVENTS.name(), audit));
    Future<RecordMetadata> dlqAck = send(dlq);
    Future<RecordMetadata> auditAck = send(auditRecord);
    boolean stored = await(dlqAck) & await(auditAck);
    ParseResult.Rejected reason = new ParseResult.Rejected(failure.getReasonCode(),
        failure.getLocation() == null ? "" : failure.getLocation(), failure.getReasonMessage());
    return stored ? new Receipt(Status.REJECTED, null, reason) : unavailable();
  }

  private Future<RecordMetadata> send(ProducerRecord<String, byte[]> record) {
    try {
      return producer.send(record);
    } catch (RuntimeException e) {
      // e.g. a closed producer or a record over max.request.size: the sender is told to resend, nothing is lost
      return java.util.concurrent.CompletableFuture.failedFuture(e);
    }
  }

  private boolean await(Future<RecordMetadata> ack) {
    try {
      ack.get(ackTimeoutMs, TimeUnit.MILLISECONDS);
      return true;
    } catch (ExecutionException | TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static Receipt unavailable() {
    return new Receipt(Status.UNAVAILABLE, null, null);
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
  }
}
