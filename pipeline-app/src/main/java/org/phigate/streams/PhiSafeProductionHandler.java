package org.phigate.streams;

import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.phigate.catalog.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record the producer refuses (too large, unserializable) is dead-lettered by the role's {@link DeadLetters} in the
 * same transaction and the role carries on. Retriable errors are retried; a failing dead letter or audit event, or a
 * schema registry out of reach, fails the task instead: those must never be dropped, and retrying them is right.
 */
public final class PhiSafeProductionHandler implements ProductionExceptionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(PhiSafeProductionHandler.class);
  /** Records that are themselves failure records or audit: dead-lettering them would loop or lose the trail. */
  private static final Set<String> NEVER_DEAD_LETTERED = Set.of(Topics.INTAKE_DLQ.name(), Topics.EHR_DLQ.name(),
      Topics.POISON_DLQ.name(), Topics.AUDIT_EVENTS.name());
  private DeadLetters deadLetters;

  @Override
  public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception e) {
    if (e instanceof RetriableException) {
      return Response.retry();
    }
    return deadLetter(context, record, null, null, FailureReasons.ofProduction(e), e);
  }

  @Override
  @SuppressWarnings("rawtypes")
  public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception e,
                                           SerializationExceptionOrigin origin) {
    if (FailureReasons.isInfrastructure(e)) {
      LOG.error("record {} for {} not serialized ({}); the schema registry is out of reach, failing the task",
          PhiSafeProcessingHandler.coordinates(context), record.topic(), e.getClass().getSimpleName());
      return Response.fail();
    }
    return deadLetter(context, record, record.key(), record.value(), FailureReasons.SERIALIZATION_FAILED, e);
  }

  private Response deadLetter(ErrorHandlerContext context, ProducerRecord<?, ?> record, Object key, Object value,
                              String reason, Exception e) {
    if (NEVER_DEAD_LETTERED.contains(record.topic())) {
      LOG.error("record {} for {} refused ({}, {}); it is a dead letter or audit event, failing the task",
          PhiSafeProcessingHandler.coordinates(context), record.topic(), e.getClass().getSimpleName(), reason);
      return Response.fail();
    }
    LOG.warn("record {} for {} refused ({}, {}); dead-lettered", PhiSafeProcessingHandler.coordinates(context),
        record.topic(), e.getClass().getSimpleName(), reason);
    return Response.resume(deadLetters.records(FailedRecord.of(context, key, value, reason, e)));
  }

  @Override
  public void configure(Map<String, ?> configs) {
    deadLetters = StreamsProperties.deadLetters(configs);
  }
}
