package org.phigate.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;
import org.phigate.catalog.Topics;
import org.phigate.catalog.UndecodableRecordException;

class PhiSafeDeserializationHandlerTest {

  @Test
  void shouldResumeWithTheRawRecordOnThePoisonTopicAndNoExceptionTextInHeaders() {
    byte[] value = "garbage".getBytes(StandardCharsets.UTF_8);
    ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("phigate.events.normalized", 1, 42L,
        "ev-1".getBytes(StandardCharsets.UTF_8), value);
    DeserializationExceptionHandler.Response response = new PhiSafeDeserializationHandler().handleError(
        context(), record, new SerializationException("Zebulonia Quixtrot was in the record"));

    assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
    ProducerRecord<byte[], byte[]> dlq = response.deadLetterQueueRecords().get(0);
    assertThat(dlq.topic()).isEqualTo(Topics.POISON_DLQ.name());
    assertThat(dlq.value()).isEqualTo(value);
    assertThat(header(dlq.headers(), "phigate.source.offset")).isEqualTo("42");
    assertThat(header(dlq.headers(), "phigate.error.class"))
        .isEqualTo(SerializationException.class.getName());
    dlq.headers().forEach(h -> assertThat(new String(h.value(), StandardCharsets.UTF_8)).doesNotContain("Zebulonia"));
  }

  @Test
  void shouldCarryTheCodecsNameOnlyReasonInAHeader() {
    ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("phigate.ai.results", 0, 7L, null, new byte[] {0});
    DeserializationExceptionHandler.Response response = new PhiSafeDeserializationHandler().handleError(
        context(), record, new UndecodableRecordException("InferenceResult:schema-3:EOFException:900-bytes"));

    ProducerRecord<byte[], byte[]> dlq = response.deadLetterQueueRecords().get(0);
    assertThat(header(dlq.headers(), "phigate.error.reason"))
        .isEqualTo("InferenceResult:schema-3:EOFException:900-bytes");
  }

  @Test
  void shouldNameOnlyTheClassOfAnyOtherException() {
    ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("phigate.ai.results", 0, 7L, null, new byte[] {0});
    DeserializationExceptionHandler.Response response = new PhiSafeDeserializationHandler().handleError(
        context(), record, new IllegalStateException("Zebulonia Quixtrot"));

    assertThat(header(response.deadLetterQueueRecords().get(0).headers(), "phigate.error.reason"))
        .isEqualTo("IllegalStateException");
  }

  private static String header(Headers headers, String key) {
    return new String(headers.lastHeader(key).value(), StandardCharsets.UTF_8);
  }

  private static ErrorHandlerContext context() {
    return new TestErrorContext("phigate.events.normalized", "deid-detect-source", null, null);
  }
}
