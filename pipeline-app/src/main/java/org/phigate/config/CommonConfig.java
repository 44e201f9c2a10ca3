package org.phigate.config;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.phigate.catalog.Topics;
import org.phigate.security.FieldCipher;
import org.phigate.security.Pseudonymizer;
import org.phigate.security.SourceIds;

/** Settings every role shares: Kafka, schema registry, tenant, Streams runtime, and the PHI keys. */
public final class CommonConfig {
  private static final int MIN_MESSAGE_BYTES = 128 * 1024;
  public static final ConfigKey<String> BOOTSTRAP = ConfigKey.string("kafka.bootstrap.servers", "localhost:9092",
      "Kafka bootstrap servers. Any other key starting with 'kafka.' is passed to every Kafka client as is "
          + "(e.g. kafka.security.protocol, kafka.sasl.mechanism), also from the environment "
          + "(PHIGATE_KAFKA_SASL_JAAS_CONFIG = kafka.sasl.jaas.config) or from a file (kafka.sasl.jaas.config.file, "
          + "PHIGATE_KAFKA_SASL_JAAS_CONFIG_FILE); Kafka's PASSWORD settings and JAAS configs are never printed.")
      .validate(Validator.hostPortList());
  public static final ConfigKey<String> REGISTRY_URL = ConfigKey.string("schema.registry.url",
      "http://localhost:8081", "Confluent-API-compatible schema registry base URL (Confluent, Apicurio "
          + "/apis/ccompat/v7, Karapace, Redpanda).").validate(Validator.url("http", "https"));
  public static final ConfigKey<String> TENANT = ConfigKey.string("phigate.tenant", "default",
      "Hospital or site id; tokens are stable within a tenant.").validate(Validator.nonEmpty());
  public static final ConfigKey<String> INSTANCE_ID = ConfigKey.string("phigate.instance.id", "phigate-1",
      "This instance's name, recorded as the audit source observer.").validate(Validator.nonEmpty());
  public static final ConfigKey<String> INSTANCE_ADDRESS = ConfigKey.string("phigate.instance.address", "",
      "Network address recorded as the service agent's address in every audit event; empty = this host's address.")
      .validate(Validator.emptyOr(Validator.matching("[A-Za-z0-9.:\\[\\]%-]+", "a host name or IP address")));
  public static final ConfigKey<String> STATE_DIR = ConfigKey.string("streams.state.dir",
      System.getProperty("java.io.tmpdir") + "/phigate-state", "Kafka Streams state directory.")
      .validate(Validator.nonEmpty());
  public static final ConfigKey<Integer> THREADS = ConfigKey.integer("streams.num.stream.threads", 1,
      "Stream threads per role (deid: deid.streams.num.stream.threads).").validate(Validator.between(1, 64));
  public static final ConfigKey<Integer> REPLICATION = ConfigKey.integer("streams.replication.factor", 3,
      "Replication factor of Streams internal topics (changelogs, repartition topics).")
      .validate(Validator.between(1, Short.MAX_VALUE));
  /** {@link StreamsTransactions#COMMIT_INTERVAL}, declared with the other transaction settings. */
  public static final ConfigKey<Long> COMMIT_INTERVAL = StreamsTransactions.COMMIT_INTERVAL;
  /** Ids of directly used keys: not empty, and never shaped like an envelope data key id (dk1:...). */
  private static final Validator<String> LEGACY_KEY_ID = Validator.matching("(?!dk1:)\\S+",
      "a non-empty id without spaces, not starting with dk1: (envelope data key ids)");
  public static final ConfigKey<String> EVENT_KEY = ConfigKey.secret("crypto.event.key",
      "Base64 AES-256 key sealing PHI in intake/deid topics. Needed by roles intake and deid only.")
      .validate(Validator.emptyOr(Validator.base64Key(32)));
  public static final ConfigKey<String> EVENT_KEY_ID = ConfigKey.string("crypto.event.key.id", "event-1",
      "Id recorded with every blob sealed by crypto.event.key.").validate(LEGACY_KEY_ID);
  public static final ConfigKey<String> VAULT_KEY = ConfigKey.secret("crypto.vault.key",
      "Base64 AES-256 key sealing vault originals. Needed by roles deid (seal), writeback (open) and review "
          + "with its API on (opens originals for a reviewer's audited view of the source message).")
      .validate(Validator.emptyOr(Validator.base64Key(32)));
  public static final ConfigKey<String> VAULT_KEY_ID = ConfigKey.string("crypto.vault.key.id", "vault-1",
      "Id recorded with every blob sealed by crypto.vault.key.").validate(LEGACY_KEY_ID);
  public static final ConfigKey<String> REVIEW_KEY = ConfigKey.secret("crypto.review.key",
      "Base64 AES-256 key sealing text a reviewer types (edited drafts) in the decisions and approved topics. Needed "
          + "by roles review (seal, when its API is on) and writeback (open).")
      .validate(Validator.emptyOr(Validator.base64Key(32)));
  public static final ConfigKey<String> REVIEW_KEY_ID = ConfigKey.string("crypto.review.key.id", "review-1",
      "Id recorded with every blob sealed by crypto.review.key.").validate(LEGACY_KEY_ID);
  public static final ConfigKey<String> HMAC_KEY = ConfigKey.secret("crypto.hmac.key",
      "Base64 key (>= 32 bytes) for keyed-HMAC tokens and date shifts. Needed by role deid only.")
      .validate(Validator.emptyOr(Validator.base64Key(32)));
  public static final ConfigKey<String> SOURCE_ID_KEY = ConfigKey.secret("crypto.source.id.key",
      "Base64 key (>= 32 bytes) of the keyed hash (HMAC-SHA-256, sid-<32 hex>) under which ids a sender chose "
          + "(MSH-10, Kafka keys on phigate.intake.raw, file names, FHIR ids) appear in dead-letter keys, audit events "
          + "and metrics. Empty (default) = derived from crypto.event.key. Changing it (or the event key) changes "
          + "the ids of new dead letters; `phigate dlq show ID` finds a dead letter by the sender's id with the key "
          + "in use.")
      .validate(Validator.emptyOr(Validator.base64Key(32)));

  public static final ConfigKey<Integer> TOPIC_PARTITIONS = ConfigKey.integer("topics.partitions", 6,
      "Partitions of each catalog topic created by `phigate topics create` and the demo.")
      .validate(Validator.atLeast(1));
  public static final ConfigKey<Integer> TOPIC_REPLICATION = ConfigKey.integer("topics.replication.factor", 3,
      "Replication factor of catalog topics created by `phigate topics create` and the demo.")
      .validate(Validator.between(1, Short.MAX_VALUE));
  public static final ConfigKey<Integer> MAX_MESSAGE_BYTES = ConfigKey.integer("topics.max.message.bytes",
      8 * 1024 * 1024 + 64 * 1024, "Largest record of the catalog topics that carry whole inbound messages "
          + "(intake.raw, intake.dlq, events.normalized, phi.detected, events.deidentified, poison.dlq): their "
          + "max.message.bytes, and max.request.size / max.partition.fetch.bytes of every PHIGate client. Default 8 MiB "
          + "+ 64 KiB: an 8 MiB message (intake.max.payload.bytes) plus its key, headers and dead-letter envelope. The "
          + "other topics keep Kafka's 1 MiB. A Streams record over it is dead-lettered with RECORD_TOO_LARGE.")
      .validate(Validator.atLeast(MIN_MESSAGE_BYTES));

  public static final ConfigKey<String> OPS_HOST = ConfigKey.string("ops.host", "127.0.0.1",
      "Interface of the /health and /metrics endpoint of `phigate run`: loopback (default) unless set, e.g. to the "
          + "address Prometheus scrapes (then serve TLS: ops.tls.*).").validate(Validator.nonEmpty());
  public static final ConfigKey<Integer> OPS_PORT = ConfigKey.integer("ops.port", 9464,
      "Port of the /health and /metrics (Prometheus) endpoint of `phigate run`; 0 turns it off.")
      .validate(Validator.between(0, 65535));

  public static final ConfigKey<Boolean> ALLOW_MIXED_ZONES = ConfigKey.bool("run.allow.mixed.zones", false,
      "Let `phigate run` start roles of different trust zones (phi: intake, deid; inference; clinical: review, "
          + "writeback; audit: audit-archiver) in one process, which then holds all their keys and credentials. "
          + "Off: one zone per process, so the broker and the OS keep the zones apart.");

  /** TLS of the /health and /metrics endpoint (Prometheus scrapes it with tls_config, optionally a client cert). */
  public static final TlsKeys OPS_TLS = TlsKeys.server("ops", "the /health and /metrics endpoint");

  public static final List<ConfigKey<?>> KEYS = ConfigKeys.concat(ConfigKeys.concat(List.of(BOOTSTRAP, REGISTRY_URL,
      TENANT, INSTANCE_ID, INSTANCE_ADDRESS, STATE_DIR, THREADS, REPLICATION), StreamsTransactions.KEYS),
      ConfigKeys.concat(List.of(EVENT_KEY, EVENT_KEY_ID, VAULT_KEY, VAULT_KEY_ID, HMAC_KEY, SOURCE_ID_KEY,
      REVIEW_KEY, REVIEW_KEY_ID, KekConfig.KEYSTORE, KekConfig.PASSWORD, KekConfig.ALIAS, KekConfig.TIMEOUT_MS,
      TOPIC_PARTITIONS, TOPIC_REPLICATION, MAX_MESSAGE_BYTES, OPS_HOST, OPS_PORT, ALLOW_MIXED_ZONES), OPS_TLS.keys()));

  private final Settings settings;

  public CommonConfig(Settings settings) {
    this.settings = settings;
  }

  /**
   * The settings of an optional file and the environment, checked before use (every value, unknown keys; no role's
   * required keys): for commands other than {@code run}, which also checks what its roles need.
   */
  public static CommonConfig load(java.nio.file.Path file) {
    Settings settings = Settings.load(file, Map.of());
    ConfigValidator.validate(settings, ConfigCatalog.all(), List.of());
    return new CommonConfig(settings);
  }

  public Settings settings() {
    return settings;
  }

  public String bootstrapServers() {
    return settings.get(BOOTSTRAP);
  }

  public String registryUrl() {
    return settings.get(REGISTRY_URL);
  }

  public String tenant() {
    return settings.get(TENANT);
  }

  public String instanceId() {
    return settings.get(INSTANCE_ID);
  }

  /** The configured instance address, or this host's address (null when it cannot be resolved). */
  public String instanceAddress() {
    String configured = settings.get(INSTANCE_ADDRESS);
    if (!configured.isBlank()) {
      return configured.trim();
    }
    try {
      return java.net.InetAddress.getLocalHost().getHostAddress();
    } catch (java.io.IOException e) {
      return null;
    }
  }

  public String stateDir() {
    return settings.get(STATE_DIR);
  }

  public int threads() {
    return settings.get(THREADS);
  }

  public int replicationFactor() {
    return settings.get(REPLICATION);
  }

  public String opsHost() {
    return settings.get(OPS_HOST);
  }

  public int opsPort() {
    return settings.get(OPS_PORT);
  }

  /** TLS of the ops endpoint; client certificates asked for without a truststore is an error naming the keys. */
  public org.phigate.security.tls.TlsSettings opsTls() {
    OPS_TLS.crossCheck(settings).run();
    return OPS_TLS.from(settings);
  }

  public int topicPartitions() {
    return settings.get(TOPIC_PARTITIONS);
  }

  public int topicReplicationFactor() {
    return settings.get(TOPIC_REPLICATION);
  }

  /** The default of {@link #MAX_MESSAGE_BYTES}, for clients of the demo's embedded broker (default config). */
  public static int defaultMaxMessageBytes() {
    return Integer.parseInt(MAX_MESSAGE_BYTES.defaultValue());
  }

  /** {@link #MAX_MESSAGE_BYTES}: the record limit of the message-sized topics and of every client. */
  public int maxMessageBytes() {
    int value = settings.get(MAX_MESSAGE_BYTES);
    if (value < MIN_MESSAGE_BYTES) {
      throw new ConfigException(MAX_MESSAGE_BYTES.name() + " = \"" + value + "\": expected "
          + MAX_MESSAGE_BYTES.expected() + " (an intake payload plus its 64 KiB record envelope)");
    }
    return value;
  }

  public long commitIntervalMs() {
    return settings.get(COMMIT_INTERVAL);
  }

  /** {@link StreamsTransactions#PRODUCER_LINGER}. */
  public int streamsProducerLingerMs() {
    return settings.get(StreamsTransactions.PRODUCER_LINGER);
  }

  /** {@link StreamsTransactions#PRODUCER_BATCH_BYTES}. */
  public int streamsProducerBatchBytes() {
    return settings.get(StreamsTransactions.PRODUCER_BATCH_BYTES);
  }

  /** {@link StreamsTransactions#CONSUMER_FETCH_MAX_WAIT}. */
  public int streamsConsumerFetchMaxWaitMs() {
    return settings.get(StreamsTransactions.CONSUMER_FETCH_MAX_WAIT);
  }

  /** {@link StreamsTransactions#PRODUCER_COMPRESSION}. */
  public String streamsProducerCompression() {
    return settings.get(StreamsTransactions.PRODUCER_COMPRESSION);
  }

  /**
   * Kafka client passthrough settings (keys after the {@code kafka.} prefix, bootstrap excluded), from the file, the
   * environment ({@code PHIGATE_KAFKA_*}) and secret files ({@code kafka.X.file}).
   */
  public Map<String, String> kafkaClientOverrides() {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    settings.kafkaClientSettings().forEach((name, found) -> out.put(name, found.value()));
    out.remove("bootstrap.servers");
    return out;
  }

  /**
   * The Kafka client settings of one role's clients: {@link #kafkaClientOverrides()} with the role's own
   * {@code role.<id>.kafka.*} on top (its principal's credentials when several roles share a process).
   */
  public Map<String, String> kafkaClientOverrides(String roleId) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    settings.kafkaClientSettings(roleId).forEach((name, found) -> out.put(name, found.value()));
    out.remove("bootstrap.servers");
    return out;
  }

  public FieldCipher eventCipher() {
    return cipher(EVENT_KEY, EVENT_KEY_ID);
  }

  public FieldCipher vaultCipher() {
    return cipher(VAULT_KEY, VAULT_KEY_ID);
  }

  /** The keyed hash of sender-chosen ids: {@link #SOURCE_ID_KEY}, else derived from {@link #EVENT_KEY}. */
  public SourceIds sourceIds() {
    String own = settings.get(SOURCE_ID_KEY);
    return own == null || own.isBlank() ? SourceIds.derivedFrom(decode(EVENT_KEY, 32))
        : new SourceIds(decode(SOURCE_ID_KEY, 32));
  }

  /** The cipher of reviewer-typed text (edited drafts); throws naming the key when it is not set. */
  public FieldCipher reviewCipher() {
    return cipher(REVIEW_KEY, REVIEW_KEY_ID);
  }

  /** True when {@link #REVIEW_KEY} or a KEK keystore is set (write-back opens sealed edits only then). */
  public boolean hasReviewKey() {
    String value = settings.get(REVIEW_KEY);
    return KekConfig.enabled(settings) || value != null && !value.isBlank();
  }

  /** Keyed-HMAC tokens under {@link #HMAC_KEY}, as long as {@link DeidConfig#TOKEN_BITS} and its patient twin say. */
  public Pseudonymizer pseudonymizer() {
    return new Pseudonymizer(decode(HMAC_KEY, 32), settings.get(DeidConfig.TOKEN_BITS),
        settings.get(DeidConfig.PATIENT_TOKEN_BITS));
  }

  /**
   * With a KEK keystore ({@link KekConfig}): envelope sealing, and the direct key, when set, for older blobs. Without
   * one: sealing directly under the direct key, which is then required.
   */
  private FieldCipher cipher(ConfigKey<String> key, ConfigKey<String> keyId) {
    if (!KekConfig.enabled(settings)) {
      SecretKey secret = new SecretKeySpec(decode(key, 32), "AES");
      return new FieldCipher(settings.get(keyId), Map.of(settings.get(keyId), secret));
    }
    String value = settings.get(key);
    Map<String, SecretKey> legacy = value == null || value.isBlank() ? Map.of()
        : Map.of(settings.get(keyId), new SecretKeySpec(decode(key, 32), "AES"));
    return new FieldCipher(settings.get(keyId), legacy, KekConfig.envelope(this, Topics.DATA_KEYS.name()));
  }

  private byte[] decode(ConfigKey<String> key, int minBytes) {
    String value = settings.get(key);
    if (value == null || value.isBlank()) {
      throw new ConfigException(key.name() + " is required for this role: set it in the config file or "
          + key.envVar() + " (base64 of " + minBytes + " random bytes, e.g. `openssl rand -base64 32`)");
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(value.trim());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(key.name() + " is not valid base64");
    }
    if (bytes.length < minBytes) {
      throw new ConfigException(key.name() + " must decode to at least " + minBytes + " bytes");
    }
    return key == HMAC_KEY || key == SOURCE_ID_KEY ? bytes : java.util.Arrays.copyOf(bytes, 32);
  }
}
