package org.phigate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.phigate.it.support.BrokerCli.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.phigate.audit.AuditArchiver;
import org.phigate.catalog.TopicSerdes;
import org.phigate.catalog.Topics;
import org.phigate.config.ArchiverConfig;
import org.phigate.config.CommonConfig;
import org.phigate.config.KekConfig;
import org.phigate.config.Settings;
import org.phigate.embedded.EmbeddedSchemaRegistry;
import org.phigate.it.support.BrokerCli;
import org.phigate.it.support.OwnBroker;
import org.phigate.registry.RestSchemaRegistryClient;
import org.phigate.runtime.TopicProvisioner;
import org.phigate.schema.EncryptedBlob;
import org.phigate.security.CryptoException;
import org.phigate.security.FieldCipher;
import org.phigate.security.Keys;
import org.phigate.security.keys.Envelope;
import org.phigate.security.keys.KafkaDataKeyStore;

/**
 * Envelope keys on a real broker: `keys init`, data keys on phigate.keys.data read by another process, `keys rotate`
 * (old and new blobs open), `keys shred` (the patient's blobs never open again, in a running process too, other
 * patients' do; the erasure audited without PHI; `audit verify` passes on the archived trail).
 */
class KeysCommandIT {
  @RegisterExtension
  static final OwnBroker BROKER = new OwnBroker();

  @Test
  void shouldRotateAndShredWithOldBlobsOpeningAndShreddedOnesNever(@TempDir Path dir) throws Exception {
    try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start()) {
      Path password = Files.writeString(dir.resolve("kek.password"), "it-keystore-password\n");
      assertThat(run("audit", "keygen", "--out", dir.resolve("audit").toString())).contains("audit-signing.pub");
      Map<String, String> settings = new HashMap<>(Map.of(
          CommonConfig.BOOTSTRAP.name(), BROKER.kafka().bootstrapServers(), CommonConfig.REGISTRY_URL.name(),
          registry.url(), CommonConfig.HMAC_KEY.name(), Keys.randomBase64(),
          CommonConfig.TOPIC_PARTITIONS.name(), "2", CommonConfig.TOPIC_REPLICATION.name(), "1",
          KekConfig.KEYSTORE.name(), dir.resolve("kek.p12").toString(),
          KekConfig.PASSWORD.name() + ".file", password.toString()));
      settings.put(ArchiverConfig.DIR.name(), dir.resolve("archive").toString());
      settings.put(ArchiverConfig.SIGNING_KEY_FILE.name(), dir.resolve("audit/audit-signing.key").toString());
      settings.put(ArchiverConfig.SEGMENT_AGE.name(), "200");
      Path file = BrokerCli.writeConfig(dir.resolve("phigate.properties"), settings);
      CommonConfig common = CommonConfig.load(file);
      TopicProvisioner.ensureTopics(common);
      assertThat(run("keys", "init", "--config", file.toString())).contains("phigate-kek.v1");

      String alice = common.pseudonymizer().patientToken("default", "MRN-IT-ALICE");
      String bob = common.pseudonymizer().patientToken("default", "MRN-IT-BOB");
      FieldCipher running = common.vaultCipher();
      EncryptedBlob aliceOld = running.sealString("Quixtrot Zebulonia", "vk-a", alice);
      EncryptedBlob bobOld = running.sealString("Fenwhistle Orlanda", "vk-b", bob);
      EncryptedBlob dayOld = running.sealString("no patient here", "sid-1");
      try (Process other = new Process(common)) {
        assertThat(other.cipher.openString(aliceOld, "vk-a")).as("another process finds the key on the topic")
            .isEqualTo("Quixtrot Zebulonia");
      }

      assertThat(run("keys", "rotate", "--config", file.toString())).contains("phigate-kek.v2 is active");
      await().atMost(Duration.ofSeconds(10)).until(() ->
          !running.sealString("x", "y", alice).getKeyId().equals(aliceOld.getKeyId()));
      EncryptedBlob aliceNew = running.sealString("Zebulonia Quixtrot, new address", "vk-a2", alice);
      try (Process other = new Process(common)) {
        assertThat(other.cipher.openString(aliceOld, "vk-a")).isEqualTo("Quixtrot Zebulonia");
        assertThat(other.cipher.openString(aliceNew, "vk-a2")).isEqualTo("Zebulonia Quixtrot, new address");
        assertThat(other.cipher.openString(dayOld, "sid-1")).isEqualTo("no patient here");
        assertThat(other.envelope.store().find(aliceNew.getKeyId()).orElseThrow().kekId()).isEqualTo("phigate-kek.v2");
      }
      assertThat(run("keys", "list", "--config", file.toString())).contains("phigate-kek.v1").contains("phigate-kek.v2")
          .contains("0 data keys destroyed");

      Process longLived = new Process(common);
      assertThat(longLived.cipher.openString(aliceOld, "vk-a")).isEqualTo("Quixtrot Zebulonia");
      assertThat(run("keys", "shred", "--patient", alice, "--config", file.toString()))
          .contains("destroyed 2 data keys of " + alice);

      try (Process other = new Process(common)) {
        assertThatThrownBy(() -> other.cipher.openString(aliceOld, "vk-a")).isInstanceOf(CryptoException.class)
            .hasMessageContaining("crypto-shredded");
        assertThatThrownBy(() -> other.cipher.openString(aliceNew, "vk-a2")).isInstanceOf(CryptoException.class);
        assertThat(other.cipher.openString(bobOld, "vk-b")).isEqualTo("Fenwhistle Orlanda");
      }
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
          assertThatThrownBy(() -> longLived.cipher.openString(aliceOld, "vk-a"))
              .as("a running process that had the key cached learns of the shred").isInstanceOf(CryptoException.class));
      assertThat(longLived.cipher.openString(bobOld, "vk-b")).isEqualTo("Fenwhistle Orlanda");
      longLived.close();
      assertThatThrownBy(() -> running.openString(aliceOld, "vk-a")).isInstanceOf(CryptoException.class);
      assertThat(run("keys", "list", "--config", file.toString())).contains("2 data keys destroyed");

      // `deid forget` erases the remembered identifiers and, with envelope keys, the patient's data keys too
      assertThat(run("deid", "forget", "--patient-token", bob, "--config", file.toString()))
          .contains("destroyed 1 data keys of " + bob);
      try (Process other = new Process(common)) {
        assertThatThrownBy(() -> other.cipher.openString(bobOld, "vk-b")).isInstanceOf(CryptoException.class);
        assertThat(other.cipher.openString(dayOld, "sid-1")).isEqualTo("no patient here");
      }

      TopicSerdes serdes = new TopicSerdes(new RestSchemaRegistryClient(registry.url()));
      BrokerCli topics = new BrokerCli(BROKER.kafka().bootstrapServers());
      var audit = topics.auditEvents(serdes);
      assertThat(audit).anySatisfy(a -> {
        assertThat(a.getSubtype()).isEqualTo("keys.shred");
        assertThat(a.getAction().name()).isEqualTo("D");
        assertThat(a.getPatientToken()).isEqualTo(alice);
        assertThat(a.toString()).doesNotContain("Quixtrot").doesNotContain("MRN-IT-ALICE");
      });
      assertThat(audit).filteredOn(a -> a.getSubtype().equals("keys.shred")).extracting(a -> a.getPatientToken())
          .containsExactlyInAnyOrder(alice, bob);
      long total = topics.end(Topics.AUDIT_EVENTS.name());
      try (AuditArchiver archiver = new AuditArchiver(new ArchiverConfig(common), serdes)) {
        CompletableFuture<Void> done = CompletableFuture.runAsync(archiver);
        await().atMost(Duration.ofSeconds(30)).until(() -> archiver.treeSize() >= total);
        archiver.stop();
        done.get();
      }
      assertThat(run("audit", "verify", "--archive", dir.resolve("archive").toString(), "--public-key",
          dir.resolve("audit/audit-signing.pub").toString())).contains("OK");
    }
  }

  /** Another process's envelope: its own key-topic reader, nothing cached. */
  private static final class Process implements AutoCloseable {
    final Envelope envelope;
    final FieldCipher cipher;

    Process(CommonConfig common) {
      Map<String, Object> props = new HashMap<>(Map.of("bootstrap.servers", common.bootstrapServers()));
      envelope = new Envelope(KekConfig.keks(common.settings()), new KafkaDataKeyStore(Topics.DATA_KEYS.name(), props,
          Duration.ofSeconds(10), Clock.systemUTC()), "default", Clock.systemUTC());
      cipher = new FieldCipher("vault-1", Map.of(), envelope);
    }

    @Override
    public void close() {
      envelope.store().close();
    }
  }
}
