package org.phigate.intake;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.phigate.audit.AuditEvents;
import org.phigate.catalog.TopicSerdes;
import org.phigate.catalog.Topics;
import org.phigate.embedded.InMemorySchemaRegistry;
import org.phigate.schema.IntakeFailure;
import org.phigate.security.FieldCipher;
import org.phigate.security.SourceIds;

/** A gateway over a MockProducer, with the real stage, cipher and in-memory registry serdes, for edge tests. */
public final class EdgeFixture {
  public final TopicSerdes serdes = new TopicSerdes(new InMemorySchemaRegistry());
  public final FieldCipher cipher;
  public final SourceIds sourceIds;
  public final IntakeStage stage;
  public final MockProducer<String, byte[]> producer;
  public final IntakeGateway gateway;

  public EdgeFixture(boolean autoComplete, int maxPayload) {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    cipher = new FieldCipher("k1", Map.of("k1", new SecretKeySpec(key, "AES")));
    sourceIds = SourceIds.derivedFrom(key);
    stage = new IntakeStage(new IntakeParser(), cipher, new AuditEvents("intake", "service:test", "test/intake-edge",
        Clock.systemUTC()), "test-hospital", maxPayload, sourceIds);
    producer = new MockProducer<>(autoComplete, null, new StringSerializer(), new ByteArraySerializer());
    gateway = new IntakeGateway(producer, serdes, stage, Clock.systemUTC(), Duration.ofSeconds(3));
  }

  public List<ProducerRecord<String, byte[]>> sent(String topic) {
    return producer.history().stream().filter(r -> r.topic().equals(topic)).toList();
  }

  public List<IntakeFailure> deadLetters() {
    return sent(Topics.INTAKE_DLQ.name()).stream().map(r -> serdes.valueSerde(Topics.INTAKE_DLQ).deserializer()
        .deserialize(Topics.INTAKE_DLQ.name(), r.value())).toList();
  }
}
