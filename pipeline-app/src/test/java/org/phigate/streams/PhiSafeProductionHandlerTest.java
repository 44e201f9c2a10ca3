package org.phigate.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;
import org.phigate.catalog.Topics;
import org.phigate.security.CryptoException;

class PhiSafeProductionHandlerTest {
  private static final String PHI = "Zebulonia Quixtrot";
  private static final ProducerRecord<byte[], byte[]> DEAD_LETTER = new ProducerRecord<>("dlq", new byte[0]);
  private final List<FailedRecord> failed = new ArrayList<>();
  private final Map<String, Object> configs = Map.of(StreamsProperties.DEAD_LETTERS,
      (DeadLetters) f -> {
        failed.add(f);
        return List.of(DEAD_LETTER);
      });

  @Test
  void shouldDeadLetterARecordTooLargeWithItsCodeAndSourceButNoExceptionText() {
    PhiSafeProductionHandler handler = new PhiSafeProductionHandler();
    handler.configure(configs);
    ProductionExceptionHandler.Response response = handler.handleError(context(), record("phigate.events.normalized"),
        new RecordTooLargeException("record of " + PHI + " too large"));

    assertThat(response.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
    assertThat(response.deadLetterQueueRecords()).containsExactly(DEAD_LETTER);
    FailedRecord f = failed.get(0);
    assertThat(f.reasonCode()).isEqualTo("RECORD_TOO_LARGE");
    assertThat(f.coordinates()).isEqualTo("phigate.intake.raw-1@42");
    assertThat(f.processorNodeId()).isEqualTo("intake-normalized-sink");
    assertThat(f.errorClass()).isEqualTo(RecordTooLargeException.class.getName());
    assertThat(f.sourceKeyText()).isEqualTo("msg-1");
    assertThat(f.toString()).doesNotContain("Zebulonia");
  }

  @Test
  void shouldRetryARetriableSendError() {
    PhiSafeProductionHandler handler = new PhiSafeProductionHandler();
    handler.configure(configs);
    assertThat(handler.handleError(context(), record("phigate.events.normalized"), new TimeoutException("slow"))
        .result()).isEqualTo(ProductionExceptionHandler.Result.RETRY);
    assertThat(failed).isEmpty();
  }

  @Test
  void shouldFailRatherThanDeadLetterADeadLetterOrAnAuditEvent() {
    PhiSafeProductionHandler handler = new PhiSafeProductionHandler();
    handler.configure(configs);
    for (String topic : List.of(Topics.INTAKE_DLQ.name(), Topics.EHR_DLQ.name(), Topics.AUDIT_EVENTS.name())) {
      assertThat(handler.handleError(context(), record(topic), new RecordTooLargeException("x")).result())
          .isEqualTo(ProductionExceptionHandler.Result.FAIL);
    }
    assertThat(failed).isEmpty();
  }

  @Test
  void shouldCodeACryptoFailureAnywhereInTheCauseChain() {
    PhiSafeProcessingHandler handler = new PhiSafeProcessingHandler();
    handler.configure(configs);
    ProcessingExceptionHandler.Response response = handler.handleError(context(), new Record<>("msg-1", "v", 0L),
        new IllegalStateException(PHI, new CryptoException("tag mismatch", null)));

    assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
    assertThat(failed.get(0).reasonCode()).isEqualTo("CRYPTO_FAILED");
    assertThat(failed.get(0).value()).isEqualTo("v");
  }

  @Test
  void shouldRefuseToStartWithoutARolesDeadLetters() {
    assertThatThrownBy(() -> new PhiSafeProcessingHandler().configure(Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining(StreamsProperties.DEAD_LETTERS);
    assertThatThrownBy(() -> new PhiSafeProductionHandler().configure(Map.of()))
        .isInstanceOf(ConfigException.class);
  }

  private static ProducerRecord<byte[], byte[]> record(String topic) {
    return new ProducerRecord<>(topic, "ev-1".getBytes(StandardCharsets.UTF_8), PHI.getBytes(StandardCharsets.UTF_8));
  }

  private static ErrorHandlerContext context() {
    return new TestErrorContext("phigate.intake.raw", "intake-normalized-sink", "msg-1".getBytes(StandardCharsets.UTF_8),
        ("MSH|" + PHI).getBytes(StandardCharsets.UTF_8));
  }
}
