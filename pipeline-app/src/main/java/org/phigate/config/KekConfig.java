package org.phigate.config;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.phigate.security.keys.DataKeyStore;
import org.phigate.security.keys.Envelope;
import org.phigate.security.keys.KafkaDataKeyStore;
import org.phigate.security.keys.KeyEncryptionKeys;
import org.phigate.security.keys.Pkcs12KeyEncryptionKeys;

/**
 * Envelope encryption settings: the key-encryption key (KEK) keystore and the data key topic. With
 * {@code crypto.kek.keystore} set, every role seals new PHI under data keys wrapped by the keystore's active KEK
 * (per patient where the record names one) and the direct keys (crypto.event.key, ...) only open older blobs.
 */
public final class KekConfig {
  public static final ConfigKey<String> KEYSTORE = ConfigKey.string("crypto.kek.keystore", "",
      "PKCS#12 keystore holding the key-encryption keys (AES-256 entries <crypto.kek.alias>.v<N>; `phigate keys init` "
          + "creates one, `phigate keys rotate` adds a version). Set: new PHI is sealed under envelope data keys "
          + "(per patient where known, so `phigate keys shred` can erase a patient) kept on phigate.keys.data; empty "
          + "(default): sealed directly under crypto.event.key / crypto.vault.key / crypto.review.key as before.")
      .validate(Validator.emptyOr(Validator.matching("\\S(.*\\S)?", "a file path")));
  public static final ConfigKey<String> PASSWORD = ConfigKey.secret("crypto.kek.password",
      "Password of crypto.kek.keystore and its entries; give it as a file (crypto.kek.password.file, "
          + "PHIGATE_CRYPTO_KEK_PASSWORD_FILE) or the environment, never on a command line.").validate(Validator.anyText("the keystore's password"));
  public static final ConfigKey<String> ALIAS = ConfigKey.string("crypto.kek.alias", "phigate-kek",
      "Alias of the KEK in crypto.kek.keystore; versions are <alias>.v1, <alias>.v2, ... and the highest wraps new "
          + "data keys.").validate(Validator.matching("[a-z0-9][a-z0-9_-]{0,62}",
          "lower-case letters, digits, '_' and '-' (at most 63)"));
  public static final ConfigKey<Long> TIMEOUT_MS = ConfigKey.longValue("crypto.keys.timeout.ms", 10_000,
      "How long writing a new data key to phigate.keys.data, or reading that topic up to its end when a blob names "
          + "a key not seen yet, may take before the seal or open fails (CRYPTO_FAILED).")
      .validate(Validator.atLeast(100L));

  /** One envelope (one key-topic reader) per keystore, alias, cluster and tenant in a process. */
  private static final Map<String, Envelope> SHARED = new ConcurrentHashMap<>();

  private KekConfig() {}

  /** True when a KEK keystore is configured (envelope encryption on). */
  public static boolean enabled(Settings settings) {
    return !settings.get(KEYSTORE).isBlank();
  }

  /**
   * Whether the KEK keystore stands in for a required direct key: it does for the vault and review keys; for
   * crypto.event.key only when crypto.source.id.key is set, as the source-id hash is derived from the event key.
   */
  static boolean replaces(Settings settings, ConfigKey<?> key) {
    if (!enabled(settings)) {
      return false;
    }
    if (key == CommonConfig.VAULT_KEY || key == CommonConfig.REVIEW_KEY) {
      return true;
    }
    return key == CommonConfig.EVENT_KEY && !settings.get(CommonConfig.SOURCE_ID_KEY).isBlank();
  }

  /** The configured KEKs; throws naming the keys when the keystore or password is missing. */
  public static KeyEncryptionKeys keks(Settings settings) {
    return new Pkcs12KeyEncryptionKeys(java.nio.file.Path.of(settings.get(KEYSTORE).trim()), password(settings),
        settings.get(ALIAS));
  }

  /** The keystore password; throws naming the key when it is not set. */
  public static char[] password(Settings settings) {
    String value = settings.get(PASSWORD);
    if (value == null || value.isEmpty()) {
      throw new ConfigException(PASSWORD.name() + " is required with " + KEYSTORE.name() + ": set "
          + PASSWORD.name() + ".file or " + PASSWORD.envVar() + "_FILE to a file holding it");
    }
    return value.toCharArray();
  }

  /** This process's store of data keys (phigate.keys.data), started on first use; needs the KEK keystore set. */
  public static DataKeyStore store(CommonConfig common) {
    if (!enabled(common.settings())) {
      throw new ConfigException(KEYSTORE.name() + " is not set: envelope keys are off");
    }
    return envelope(common, org.phigate.catalog.Topics.DATA_KEYS.name()).store();
  }

  /** This process's envelope for the common config's cluster and tenant, started on first use. */
  static Envelope envelope(CommonConfig common, String topic) {
    Settings s = common.settings();
    String id = s.get(KEYSTORE).trim() + "|" + s.get(ALIAS) + "|" + common.bootstrapServers() + "|" + topic + "|"
        + common.tenant();
    return SHARED.computeIfAbsent(id, k -> {
      Map<String, Object> props = new java.util.HashMap<>(common.kafkaClientOverrides());
      props.put("bootstrap.servers", common.bootstrapServers());
      DataKeyStore store = new KafkaDataKeyStore(topic, props, Duration.ofMillis(s.get(TIMEOUT_MS)), Clock.systemUTC());
      return new Envelope(keks(s), store, common.tenant(), Clock.systemUTC());
    });
  }
}
