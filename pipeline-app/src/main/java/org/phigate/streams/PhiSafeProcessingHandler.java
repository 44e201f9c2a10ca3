package org.phigate.streams;

import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The net under every processor: a record whose processing throws is dead-lettered by the role's {@link DeadLetters}
 * (sealed, with a reason code and an audit event, in the same transaction) and the stream thread carries on. Kafka's
 * own DLQ record (raw value plus stack trace) is never used. Stages handle the failures they expect as data; this
 * catches the rest.
 */
public final class PhiSafeProcessingHandler implements ProcessingExceptionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(PhiSafeProcessingHandler.class);
  private DeadLetters deadLetters;

  @Override
  public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception e) {
    if (e instanceof StreamsException || FailureReasons.isInfrastructure(e)) {
      // Streams' own failures (a sink whose production handler chose to fail) and services out of reach are not the
      // record's fault: failing the task retries it after the thread is replaced, a dead letter would lose it
      LOG.error("record {} failed in {} ({}); not the record's fault, failing the task", coordinates(context),
          context.processorNodeId(), e.getClass().getSimpleName());
      return Response.fail();
    }
    String reason = FailureReasons.ofProcessing(e);
    // the exception's message and stack can quote record content: class name and our code only
    LOG.warn("record {} failed in {} ({}, {}); dead-lettered", coordinates(context), context.processorNodeId(),
        e.getClass().getSimpleName(), reason);
    return Response.resume(deadLetters.records(FailedRecord.of(context, record == null ? null : record.key(),
        record == null ? null : record.value(), reason, e)));
  }

  static String coordinates(ErrorHandlerContext context) {
    return context.topic() + "-" + context.partition() + "@" + context.offset();
  }

  @Override
  public void configure(Map<String, ?> configs) {
    deadLetters = StreamsProperties.deadLetters(configs);
  }
}
