package org.phigate.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.phigate.deid.testdata.TestKeys;
import org.phigate.schema.EncryptedBlob;
import org.phigate.schema.VaultEventKeys;
import org.phigate.security.CryptoException;
import org.phigate.security.FieldCipher;

/** A sealed event-keys map opens only under its own vault key, and a blob that does not decode says so. */
class EventKeysCodecTest {
  private final FieldCipher cipher = TestKeys.vaultCipher();
  private final EventKeysCodec codec = new EventKeysCodec(cipher);
  private final VaultEventKeys keys = new VaultEventKeys("ev-1", "tenant-a", "PT-0a0b0c0d0e0f", "vk-patient",
      Map.of("[NAME-4f2a9c01]", ByteBuffer.wrap(new byte[32])));

  @Test
  void shouldRoundTripTheMapInSingleObjectEncoding() {
    EncryptedBlob blob = codec.seal(keys, "vk-event-1");

    assertThat(codec.open(blob, "vk-event-1")).isEqualTo(keys);
    assertThat(PhiContentCodec.singleObject(cipher.open(blob, "vk-event-1"))).isTrue();
  }

  @Test
  void shouldRefuseTheMapUnderAnotherVaultKey() {
    EncryptedBlob blob = codec.seal(keys, "vk-event-1");

    assertThatThrownBy(() -> codec.open(blob, "vk-event-2")).isInstanceOf(CryptoException.class);
  }

  @Test
  void shouldSayWhenAnOpenedBlobIsNoEventKeysMap() {
    EncryptedBlob notAMap = cipher.seal("not avro".getBytes(StandardCharsets.UTF_8), "vk-event-1", null);

    assertThatThrownBy(() -> codec.open(notAMap, "vk-event-1")).isInstanceOf(CryptoException.class)
        .hasMessage("sealed event keys do not decode");
  }
}
