package org.phigate.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.phigate.schema.EncryptedBlob;
import org.phigate.security.keys.AesGcm;

/** Per-thread AES-GCM: threads seal and open concurrently, nonces stay distinct, a failed open leaves no state. */
class AesGcmTest {
  private static FieldCipher cipher() {
    byte[] key = new byte[32];
    Arrays.fill(key, (byte) 7);
    Map<String, SecretKey> keys = Map.of("k1", new SecretKeySpec(key, "AES"));
    return new FieldCipher("k1", keys);
  }

  @Test
  void shouldSealAndOpenOnManyThreadsWithDistinctNonces() throws Exception {
    FieldCipher cipher = cipher();
    int threads = 4;
    int perThread = 2_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<CompletableFuture<List<EncryptedBlob>>> sealed = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        sealed.add(CompletableFuture.supplyAsync(() -> {
          List<EncryptedBlob> blobs = new ArrayList<>();
          for (int i = 0; i < perThread; i++) {
            EncryptedBlob blob = cipher.sealString("value " + thread + "/" + i, "aad-" + thread + "-" + i);
            assertThat(cipher.openString(blob, "aad-" + thread + "-" + i)).isEqualTo("value " + thread + "/" + i);
            blobs.add(blob);
          }
          return blobs;
        }, pool));
      }
      Set<ByteBuffer> nonces = new HashSet<>();
      int count = 0;
      for (int t = 0; t < threads; t++) {
        List<EncryptedBlob> blobs = sealed.get(t).get(60, TimeUnit.SECONDS);
        for (int i = 0; i < blobs.size(); i++) {
          nonces.add(blobs.get(i).getNonce().duplicate());
          count++;
          // opened on another thread than the one that sealed it
          assertThat(cipher.openString(blobs.get(i), "aad-" + t + "-" + i)).isEqualTo("value " + t + "/" + i);
        }
      }
      assertThat(count).isEqualTo(threads * perThread);
      assertThat(nonces).hasSize(count);
      assertThat(nonces).allSatisfy(n -> assertThat(n.remaining()).isEqualTo(AesGcm.NONCE_BYTES));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void shouldSealAndOpenAfterAFailedOpenOnTheSameThread() {
    FieldCipher cipher = cipher();
    EncryptedBlob blob = cipher.sealString("Quixtrot Zebulonia", "event-1");
    byte[] body = new byte[blob.getCiphertext().remaining()];
    blob.getCiphertext().duplicate().get(body);
    body[0] ^= 1;
    EncryptedBlob tampered = new EncryptedBlob("k1", blob.getNonce().duplicate(), ByteBuffer.wrap(body));
    assertThatThrownBy(() -> cipher.openString(tampered, "event-1")).isInstanceOf(CryptoException.class);
    assertThatThrownBy(() -> cipher.openString(blob, "event-2")).isInstanceOf(CryptoException.class);

    assertThat(cipher.openString(blob, "event-1")).isEqualTo("Quixtrot Zebulonia");
    EncryptedBlob again = cipher.sealString("Quixtrot Zebulonia", "event-1");
    assertThat(again.getNonce()).isNotEqualTo(blob.getNonce());
    assertThat(cipher.openString(again, "event-1")).isEqualTo("Quixtrot Zebulonia");
  }
}
