package org.phigate.streams;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.phigate.catalog.Topics;
import org.phigate.catalog.UndecodableRecordException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Poison pills are neither fatal nor dropped: the raw record goes to {@code phigate.poison.dlq} in the same
 * transaction, with headers naming where it came from, the error class and a reason code. Unlike Kafka's default
 * DLQ it never copies exception messages or stack traces, which can quote record content; the reason is the class
 * name, or the name-only reason of PHIGate's own codec ({@link UndecodableRecordException}).
 */
public final class PhiSafeDeserializationHandler implements DeserializationExceptionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(PhiSafeDeserializationHandler.class);

  @Override
  public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception e) {
    // only PHIGate's own codec builds its message from names alone: any other exception is named by its class
    String reason = e instanceof UndecodableRecordException u ? u.reason() : e.getClass().getSimpleName();
    LOG.warn("undecodable record at {}-{}@{} ({}); sent to {}", context.topic(), context.partition(),
        context.offset(), reason, Topics.POISON_DLQ.name());
    RecordHeaders headers = new RecordHeaders();
    headers.add("phigate.source.topic", context.topic().getBytes(StandardCharsets.UTF_8));
    headers.add("phigate.source.partition", Integer.toString(context.partition()).getBytes(StandardCharsets.UTF_8));
    headers.add("phigate.source.offset", Long.toString(context.offset()).getBytes(StandardCharsets.UTF_8));
    headers.add("phigate.error.class", e.getClass().getName().getBytes(StandardCharsets.UTF_8));
    headers.add("phigate.error.reason", reason.getBytes(StandardCharsets.UTF_8));
    return Response.resume(List.of(new ProducerRecord<>(Topics.POISON_DLQ.name(), null, record.key(), record.value(),
        headers)));
  }

  @Override
  public void configure(Map<String, ?> configs) {}
}
