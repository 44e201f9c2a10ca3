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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Poison pills are neither fatal nor dropped: the raw record goes to {@code phigate.poison.dlq} in the same
 * transaction, with headers naming where it came from and the error class. Unlike Kafka's default DLQ it never
 * copies exception messages or stack traces, which can quote record content.
 */
public final class PhiSafeDeserializationHandler implements DeserializationExceptionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(PhiSafeDeserializationHandler.class);

  @Override
  public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception e) {
    LOG.warn("undecodable record at {}-{}@{} ({}); sent to {}", context.topic(), context.partition(),
        context.offset(), e.getClass().getSimpleName(), Topics.POISON_DLQ.name());
    RecordHeaders headers = new RecordHeaders();
    headers.add("phigate.source.topic", context.topic().getBytes(StandardCharsets.UTF_8));
    headers.add("phigate.source.partition", Integer.toString(context.partition()).getBytes(StandardCharsets.UTF_8));
    headers.add("phigate.source.offset", Long.toString(context.offset()).getBytes(StandardCharsets.UTF_8));
    headers.add("phigate.error.class", e.getClass().getName().getBytes(StandardCharsets.UTF_8));
    return Response.resume(List.of(new ProducerRecord<>(Topics.POISON_DLQ.name(), null, record.key(), record.value(),
        headers)));
  }

  @Override
  public void configure(Map<String, ?> configs) {}
}
