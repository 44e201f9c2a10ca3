package org.phigate.streams;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/**
 * A record a Streams role failed to process or produce, as PHIGate's exception handlers hand it to the role's
 * {@link DeadLetters}: where it came from, the source record's bytes, the key and value at the failing node (when
 * known) and a PHI-free reason code. It never carries the exception itself, whose message may quote PHI.
 *
 * @param sourceKey   the raw key of the input record that led here, or null when Streams does not know it
 * @param sourceValue the raw value of that input record, or null when Streams does not know it
 * @param key         the key at the failing node or sink (typed), or null
 * @param value       the value at the failing node or sink (typed), or null
 * @param errorClass  the failure's exception class name (a class name never quotes record content)
 */
public record FailedRecord(String sourceTopic, int partition, long offset, String processorNodeId, long timestamp,
                           Headers sourceHeaders, byte[] sourceKey, byte[] sourceValue, Object key, Object value,
                           String reasonCode, String errorClass) {

  static FailedRecord of(ErrorHandlerContext context, Object key, Object value, String reasonCode, Exception e) {
    return new FailedRecord(context.topic(), context.partition(), context.offset(), context.processorNodeId(),
        context.timestamp(), context.headers() == null ? new RecordHeaders() : context.headers(),
        context.sourceRawKey(), context.sourceRawValue(), key, value, reasonCode, e.getClass().getName());
  }

  /** The source key as text (every PHIGate topic has String keys), or null when unknown. */
  public String sourceKeyText() {
    if (sourceKey != null) {
      return new String(sourceKey, StandardCharsets.UTF_8);
    }
    return key instanceof String k ? k : null;
  }

  /** {@code topic-partition@offset} of the source record. */
  public String coordinates() {
    return sourceTopic + "-" + partition + "@" + offset;
  }
}
