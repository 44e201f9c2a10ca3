package org.phigate.deid.testdata;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import org.phigate.schema.ClinicalEvent;
import org.phigate.schema.EncryptedBlob;
import org.phigate.schema.PhiContent;
import org.phigate.schema.SourceFormat;
import org.phigate.security.FieldCipher;
import org.phigate.security.Pseudonymizer;

/** Fixed test keys, clock and event metadata. */
public final class TestKeys {
  public static final Instant NOW = Instant.parse("2024-03-15T12:00:00Z");

  private TestKeys() {}

  public static Pseudonymizer pseudonymizer() {
    byte[] key = new byte[32];
    Arrays.fill(key, (byte) 7);
    return new Pseudonymizer(key);
  }

  public static FieldCipher vaultCipher() {
    byte[] key = new byte[32];
    Arrays.fill(key, (byte) 3);
    return new FieldCipher("vault-1", Map.of("vault-1", new SecretKeySpec(key, "AES")));
  }

  public static Clock clock() {
    return Clock.fixed(NOW, ZoneOffset.UTC);
  }

  public static ClinicalEvent meta(String eventId, String tenant, PhiContent content) {
    return ClinicalEvent.newBuilder()
        .setEventId(eventId)
        .setTenant(tenant)
        .setSourceMessageId("MSG-" + eventId)
        .setSourceFormat(SourceFormat.HL7V2)
        .setMessageType("ORU^R01")
        .setSourceVersion("2.5.1")
        .setWorkflow("note-summary")
        .setReceivedAt(NOW)
        .setFieldCount(content.getFields().size())
        .setTextPartCount(content.getTextParts().size())
        .setPhi(new EncryptedBlob("k", ByteBuffer.wrap(new byte[12]), ByteBuffer.wrap(new byte[16])))
        .build();
  }
}
