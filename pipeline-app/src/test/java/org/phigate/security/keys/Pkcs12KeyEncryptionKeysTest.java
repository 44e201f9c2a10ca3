package org.phigate.security.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Pkcs12KeyEncryptionKeysTest {
  private static final char[] PASSWORD = "correct horse battery".toCharArray();
  @TempDir
  Path dir;

  @Test
  void shouldWrapAndUnwrapUnderTheActiveVersion() {
    KeyEncryptionKeys keks = Pkcs12KeyEncryptionKeys.create(dir.resolve("kek.p12"), PASSWORD, "phigate-kek");
    byte[] dataKey = new byte[32];
    dataKey[5] = 42;

    KeyEncryptionKeys.Wrapped wrapped = keks.wrap(dataKey);

    assertThat(wrapped.kekId()).isEqualTo("phigate-kek.v1");
    assertThat(wrapped.wrapped()).hasSize(40).isNotEqualTo(dataKey);
    assertThat(keks.unwrap(wrapped.kekId(), wrapped.wrapped())).isEqualTo(dataKey);
  }

  @Test
  void shouldKeepUnwrappingWithTheOldVersionAfterRotation() {
    Path file = dir.resolve("kek.p12");
    KeyEncryptionKeys keks = Pkcs12KeyEncryptionKeys.create(file, PASSWORD, "phigate-kek");
    byte[] dataKey = new byte[32];
    KeyEncryptionKeys.Wrapped before = keks.wrap(dataKey);

    String rotated = keks.rotate();

    assertThat(rotated).isEqualTo("phigate-kek.v2");
    assertThat(keks.activeId()).isEqualTo("phigate-kek.v2");
    assertThat(keks.wrap(dataKey).kekId()).isEqualTo("phigate-kek.v2");
    KeyEncryptionKeys reopened = new Pkcs12KeyEncryptionKeys(file, PASSWORD, "phigate-kek");
    assertThat(reopened.unwrap(before.kekId(), before.wrapped())).isEqualTo(dataKey);
    assertThat(reopened.versions()).extracting(KeyEncryptionKeys.Version::id, KeyEncryptionKeys.Version::active)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("phigate-kek.v1", false),
            org.assertj.core.groups.Tuple.tuple("phigate-kek.v2", true));
  }

  @Test
  void shouldSeeARotationByAnotherProcessWithoutARestart() {
    Path file = dir.resolve("kek.p12");
    KeyEncryptionKeys running = Pkcs12KeyEncryptionKeys.create(file, PASSWORD, "phigate-kek");
    assertThat(running.activeId()).isEqualTo("phigate-kek.v1");

    new Pkcs12KeyEncryptionKeys(file, PASSWORD, "phigate-kek").rotate();

    Awaitility.await().atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(running.activeId()).isEqualTo("phigate-kek.v2"));
  }

  @Test
  void shouldFailClosedNamingTheVersionWhenAKekIsRevoked() throws Exception {
    Path file = dir.resolve("kek.p12");
    KeyEncryptionKeys keks = Pkcs12KeyEncryptionKeys.create(file, PASSWORD, "phigate-kek");
    KeyEncryptionKeys.Wrapped wrapped = keks.wrap(new byte[32]);
    keks.rotate();
    java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(file)) {
      store.load(in, PASSWORD);
    }
    store.deleteEntry("phigate-kek.v1");
    try (var out = Files.newOutputStream(file)) {
      store.store(out, PASSWORD);
    }

    KeyEncryptionKeys reopened = new Pkcs12KeyEncryptionKeys(file, PASSWORD, "phigate-kek");

    assertThatThrownBy(() -> reopened.unwrap(wrapped.kekId(), wrapped.wrapped()))
        .isInstanceOf(KeyException.class).hasMessageContaining("phigate-kek.v1").hasMessageContaining("revoked");
  }

  @Test
  void shouldRefuseAWrongPasswordWithoutEchoingIt() {
    Path file = dir.resolve("kek.p12");
    Pkcs12KeyEncryptionKeys.create(file, PASSWORD, "phigate-kek");

    assertThatThrownBy(() -> new Pkcs12KeyEncryptionKeys(file, "guess-me-not".toCharArray(), "phigate-kek"))
        .isInstanceOf(KeyException.class).hasMessageContaining("kek.p12").hasMessageNotContaining("guess-me-not");
  }

  @Test
  void shouldRefuseAKeystoreWithoutTheAlias() {
    Path file = dir.resolve("kek.p12");
    Pkcs12KeyEncryptionKeys.create(file, PASSWORD, "other");

    assertThatThrownBy(() -> new Pkcs12KeyEncryptionKeys(file, PASSWORD, "phigate-kek"))
        .isInstanceOf(KeyException.class).hasMessageContaining("phigate-kek");
  }

  @Test
  void shouldDetectATamperedWrappedKey() {
    KeyEncryptionKeys keks = Pkcs12KeyEncryptionKeys.create(dir.resolve("kek.p12"), PASSWORD, "phigate-kek");
    KeyEncryptionKeys.Wrapped wrapped = keks.wrap(new byte[32]);
    wrapped.wrapped()[3] ^= 1;

    assertThatThrownBy(() -> keks.unwrap(wrapped.kekId(), wrapped.wrapped())).isInstanceOf(KeyException.class);
  }
}
