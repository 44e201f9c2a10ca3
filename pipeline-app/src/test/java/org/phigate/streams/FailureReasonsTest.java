package org.phigate.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.phigate.registry.SchemaRegistryException;
import org.phigate.security.CryptoException;

class FailureReasonsTest {

  @Test
  void shouldTellAnUnreachableOrFailingRegistryFromABadRecord() {
    assertThat(FailureReasons.isInfrastructure(new SerializationException("x",
        new SchemaRegistryException("GET /subjects failed", new IOException("refused"))))).isTrue();
    assertThat(FailureReasons.isInfrastructure(new SerializationException("x",
        new SchemaRegistryException("store error", 50001)))).isTrue();
    assertThat(FailureReasons.isInfrastructure(new SerializationException("x",
        new SchemaRegistryException("unavailable", 503)))).isTrue();
    assertThat(FailureReasons.isInfrastructure(new SerializationException("x",
        new SchemaRegistryException("incompatible", 409)))).isFalse();
    assertThat(FailureReasons.isInfrastructure(new SerializationException("bad value"))).isFalse();
    assertThat(FailureReasons.isInfrastructure(new UncheckedIOException(new IOException("disk")))).isTrue();
  }

  @Test
  void shouldCodeFailuresByTypeNeverByMessage() {
    assertThat(FailureReasons.ofProcessing(new RuntimeException("CryptoException", null)))
        .isEqualTo(FailureReasons.PROCESSING_FAILED);
    assertThat(FailureReasons.ofProcessing(new RuntimeException(new CryptoException("x", null))))
        .isEqualTo(FailureReasons.CRYPTO_FAILED);
    assertThat(FailureReasons.ofProduction(new RecordTooLargeException("x"))).isEqualTo("RECORD_TOO_LARGE");
    assertThat(FailureReasons.ofProduction(new IllegalStateException("RecordTooLarge")))
        .isEqualTo(FailureReasons.PRODUCTION_FAILED);
  }
}
