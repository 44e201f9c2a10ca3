package org.phigate.config;

import java.time.Duration;
import java.util.List;

/** Settings of the intake role (parse and validate HL7 v2 / FHIR into ClinicalEvents; MLLP and FHIR REST edges). */
public record IntakeConfig(CommonConfig common) implements RoleConfig {
  public static final ConfigKey<String> APP_ID = ConfigKey.string("intake.application.id", "phigate-intake",
      "Kafka Streams application.id of the intake role.").validate(Validator.nonEmpty());
  /**
   * Room a raw record or dead letter needs beyond the message itself: key, headers, the dead letter's reason fields,
   * the GCM nonce and tag, and the record batch header.
   */
  public static final int RECORD_ENVELOPE_BYTES = 64 * 1024;
  public static final ConfigKey<Integer> MAX_PAYLOAD = ConfigKey.integer("intake.max.payload.bytes", 8 * 1024 * 1024,
      "Largest inbound message accepted (REST body, Kafka record); larger ones are dead-lettered with "
          + "PAYLOAD_TOO_LARGE (REST: 413). Must leave 64 KiB below topics.max.message.bytes for the record envelope.")
      .validate(Validator.atLeast(1));
  public static final ConfigKey<Long> DEDUP_RETENTION = ConfigKey.longValue("intake.dedup.retention.ms",
      Duration.ofDays(7).toMillis(), "How long a source message is remembered for duplicate suppression (same "
          + "MSH-3/MSH-4/MSH-10 and same segments after MSH, or same FHIR type/id + meta.versionId): a re-sent copy within this window gets an "
          + "intake.duplicate audit event and no second ClinicalEvent. Keyed per partition of phigate.intake.raw, so "
          + "producers must key raw records by the source message id (MLLP and REST do).")
      .validate(Validator.atLeast(1L));
  public static final ConfigKey<Long> ACK_TIMEOUT = ConfigKey.longValue("intake.ack.timeout.ms", 15_000,
      "MLLP and REST edges: longest wait for the broker to acknowledge a record (acks=all) before the sender gets "
          + "AE / 503 and must resend (a duplicate is then suppressed).").validate(Validator.atLeast(1L));
  public static final ConfigKey<Integer> MLLP_PORT = ConfigKey.integer("intake.mllp.port", 0,
      "TCP port of the HL7 v2 MLLP listener inside `run --role intake`; 0 (default) = no listener. 2575 is the "
          + "IANA port for HL7 over MLLP.").validate(Validator.between(0, 65535));
  public static final ConfigKey<String> MLLP_BIND = ConfigKey.string("intake.mllp.bind.address", "127.0.0.1",
      "Address the MLLP listener binds to: loopback (default) unless set, e.g. 0.0.0.0 or the interface engines' "
          + "network.").validate(Validator.nonEmpty());
  public static final ConfigKey<Integer> MLLP_MAX_FRAME = ConfigKey.integer("intake.mllp.max.frame.bytes",
      8 * 1024 * 1024, "Largest MLLP frame; a larger one is skipped to its end block, dead-lettered and answered "
          + "with AR (the connection stays open). Must leave 64 KiB below topics.max.message.bytes.")
      .validate(Validator.atLeast(1));
  public static final ConfigKey<Integer> MLLP_IDLE_TIMEOUT = ConfigKey.integer("intake.mllp.idle.timeout.ms",
      300_000, "An MLLP connection with no bytes for this long is closed (engines reconnect on demand).")
      .validate(Validator.atLeast(1));
  public static final ConfigKey<Integer> MLLP_MAX_CONNECTIONS = ConfigKey.integer("intake.mllp.max.connections", 256,
      "Concurrent MLLP connections (one thread each); further connections are closed at once.")
      .validate(Validator.atLeast(1));
  public static final ConfigKey<Integer> MLLP_MAX_INFLIGHT = ConfigKey.integer("intake.mllp.max.inflight.bytes",
      256 * 1024 * 1024, "Bytes of MLLP frames all connections may hold at once (being received or processed), so "
          + "intake.mllp.max.connections x intake.mllp.max.frame.bytes cannot all be in memory. A connection whose "
          + "frame finds the budget used up stops reading its socket (TCP backpressure: the sender waits) for up to "
          + "intake.ack.timeout.ms, then reads the frame to its end without keeping it and answers AE (MLLP_BUSY, "
          + "resend; no dead letter). At least intake.mllp.max.frame.bytes + 64 KiB.").validate(Validator.atLeast(1));
  public static final ConfigKey<Boolean> MLLP_VALIDATE = ConfigKey.bool("intake.mllp.validate", true,
      "true: parse each message fully before acknowledging, so a bad message gets AE/AR with the reason at once "
          + "and is dead-lettered at the edge; false: check MSH only and leave parsing to the Streams stage.");
  public static final ConfigKey<String> MLLP_TLS_KEYSTORE = ConfigKey.string("intake.mllp.tls.keystore", "",
      "PKCS12 keystore (server key + certificate) for MLLP over TLS; empty (default) = plain TCP.")
      .validate(Validator.emptyOr(Validator.readableFile()));
  public static final ConfigKey<String> MLLP_TLS_PASSWORD = ConfigKey.secret("intake.mllp.tls.keystore.password",
      "Password of intake.mllp.tls.keystore.").validate(Validator.anyText("the keystore's password (may be empty)"));
  public static final ConfigKey<Integer> REST_PORT = ConfigKey.integer("intake.rest.port", 0,
      "HTTP port of the FHIR R4 intake endpoint inside `run --role intake`; 0 (default) = no endpoint.")
      .validate(Validator.between(0, 65535));
  public static final ConfigKey<String> REST_BIND = ConfigKey.string("intake.rest.bind.address", "127.0.0.1",
      "Address the FHIR REST intake endpoint binds to: loopback (default) unless set, e.g. 0.0.0.0 or the "
          + "interface engines' network (then serve TLS: intake.rest.tls.*).").validate(Validator.nonEmpty());
  public static final ConfigKey<String> REST_BASE_PATH = ConfigKey.string("intake.rest.base.path", "/fhir",
      "FHIR base path: POST [base]/{ResourceType}, POST [base] (Bundle), GET [base]/metadata.")
      .validate(Validator.matching("/[A-Za-z0-9._~/-]*", "a path starting with /"));
  /**
   * How much larger than a normalized event de-identification's output may grow: phi.detected carries the event and
   * its findings, measured at 2.2x (an ADT with 20,000 PID-5 names) to 2.6x (a 10,000-Patient Bundle) the event.
   */
  public static final int DOWNSTREAM_EXPANSION = 3;
  public static final ConfigKey<Integer> MAX_NORMALIZED = ConfigKey.integer("intake.max.normalized.bytes", 0,
      "Largest normalized event (sealed ClinicalEvent, serialized) intake accepts, so that what de-identification "
          + "makes of it (the event plus its findings, measured at up to 2.6x) still fits every topic. A larger one "
          + "is refused at the edge (MLLP AR / REST 413, reason NORMALIZED_TOO_LARGE) and dead-lettered, never "
          + "acknowledged and dropped later. 0 (default) = topics.max.message.bytes / 3.")
      .validate(Validator.atLeast(0));
  public static final ConfigKey<Integer> REST_REQUEST_TIMEOUT = ConfigKey.integer("intake.rest.request.timeout.ms",
      10_000, "FHIR REST edge: a request whose body stops arriving (shorter than its Content-Length) for this long "
          + "is answered 408 with an OperationOutcome and nothing is stored.").validate(Validator.atLeast(1));
  public static final ConfigKey<String> HL7_VERSIONS = ConfigKey.string("intake.hl7.versions",
      "2.3-2.8", "HL7 v2 versions (MSH-12) accepted, as 2.x-2.y by major.minor with any patch level "
          + "(the default admits 2.3 to 2.8.3 and beyond); others are refused (MLLP: AR HL7_UNSUPPORTED_VERSION) and "
          + "dead-lettered.").validate(Validator.matching("2\\.\\d{1,2}-2\\.\\d{1,2}", "a range such as 2.3-2.8"));
  public static final ConfigKey<Integer> MLLP_FIRST_FRAME_TIMEOUT = ConfigKey.integer(
      "intake.mllp.first.frame.timeout.ms", 10_000, "An MLLP connection that sends no byte of a first frame within "
          + "this long is closed, so idle connections cannot hold the listener's slots (intake.mllp.idle.timeout.ms "
          + "applies once a frame has arrived).").validate(Validator.atLeast(1));
  public static final ConfigKey<Integer> MLLP_MAX_PER_CLIENT = ConfigKey.integer(
      "intake.mllp.max.connections.per.client", 32, "Concurrent MLLP connections from one client address. A new "
          + "connection over this (or over intake.mllp.max.connections) closes that client's (or any client's) "
          + "oldest connection that never sent a frame; when there is none, the new connection is closed at once.")
      .validate(Validator.atLeast(1));
  public static final ConfigKey<String> STRUCTURED_RULES_FILE = ConfigKey.string("intake.structured.rules.file", "",
      "Site structured-PHI rule file (JSON, same format as the shipped deid/structured-rules.json) merged over the "
          + "shipped rules: add a field (a Z-segment's ZPI-3 as NAME), change a method, drop a rule. Empty (default) "
          + "= shipped rules only. A bad file stops the role at start with the rule index and the problem; "
          + "`phigate deid rules --config FILE` prints the effective rules.")
      .validate(Validator.emptyOr(Validator.readableFile()));
  public static final ConfigKey<Integer> PARSE_THREADS = ConfigKey.integer("intake.parse.threads", 0,
      "MLLP and REST edges: threads that parse and validate messages (shared by all connections, which only read "
          + "frames and write answers); 0 (default) = one per available core.").validate(Validator.between(0, 256));
  public static final ConfigKey<Integer> EDGE_GROUP_MAX_RECORDS = ConfigKey.integer("intake.edge.group.max.records",
      1000, "MLLP and REST edges (group commit): most records written to the broker in one group. Messages that "
          + "arrive on any connection while a group is in flight go out together in the next group; each is "
          + "acknowledged (AA/202) when its group is.").validate(Validator.between(1, 100_000));
  public static final ConfigKey<Integer> EDGE_BATCH_SIZE = ConfigKey.integer("intake.edge.batch.size",
      1024 * 1024, "MLLP and REST edges: the edge producer's batch.size (bytes per partition batch) and about the "
          + "most bytes of one group commit (a larger message still goes, alone).")
      .validate(Validator.between(16 * 1024, 64 * 1024 * 1024));
  public static final ConfigKey<Integer> EDGE_LINGER = ConfigKey.integer("intake.edge.linger.ms", 0,
      "MLLP and REST edges: the edge producer's linger.ms. Group commit already batches whatever arrives while a "
          + "write is in flight, so 0 (default) adds no latency; a few ms packs a group into fewer requests.")
      .validate(Validator.between(0, 1000));
  public static final ConfigKey<Integer> EDGE_GROUP_WAIT = ConfigKey.integer("intake.edge.group.wait.us", 1000,
      "MLLP and REST edges (group commit): how long, in microseconds, a group that is not full waits for messages "
      + "already being parsed to join it before it is written (each is acknowledged when its group is). Nothing "
      + "being parsed, no wait, so a lone sender is not delayed; 0 = never wait.")
      .validate(Validator.between(0, 100_000));
  /** TLS of the FHIR REST intake: HTTPS from a PKCS#12 keystore, client certificates of the interface engines. */
  public static final TlsKeys REST_TLS = TlsKeys.server("intake.rest", "the FHIR REST intake endpoint");
  public static final List<ConfigKey<?>> KEYS = ConfigKeys.concat(List.of(APP_ID, MAX_PAYLOAD, DEDUP_RETENTION, ACK_TIMEOUT, MLLP_PORT,
      MLLP_BIND, MLLP_MAX_FRAME, MLLP_IDLE_TIMEOUT, MLLP_MAX_CONNECTIONS, MLLP_MAX_INFLIGHT, MLLP_VALIDATE,
      MLLP_TLS_KEYSTORE, MLLP_TLS_PASSWORD, REST_PORT, REST_BIND, REST_BASE_PATH, STRUCTURED_RULES_FILE, HL7_VERSIONS,
      MLLP_FIRST_FRAME_TIMEOUT, MLLP_MAX_PER_CLIENT, MAX_NORMALIZED, REST_REQUEST_TIMEOUT, PARSE_THREADS,
      EDGE_GROUP_MAX_RECORDS, EDGE_BATCH_SIZE, EDGE_LINGER, EDGE_GROUP_WAIT), REST_TLS.keys());

  @Override
  public String role() {
    return "intake";
  }

  @Override
  public List<ConfigKey<?>> keys() {
    return KEYS;
  }

  @Override
  public String applicationId() {
    return common.settings().get(APP_ID);
  }

  @Override
  public List<ConfigKey<?>> requiredKeys() {
    return List.of(CommonConfig.EVENT_KEY);
  }

  @Override
  public List<Runnable> crossChecks() {
    return List.of(this::maxPayloadBytes, this::maxInflightBytes, this::hl7Versions,
        this::maxNormalizedBytes, REST_TLS.crossCheck(common.settings()));
  }

  /** {@link #MAX_PAYLOAD}, checked against the topic limit so a message it admits always fits the topics. */
  public int maxPayloadBytes() {
    return withinTopicLimit(MAX_PAYLOAD);
  }

  /** {@link #MLLP_MAX_FRAME}, checked against the topic limit like {@link #maxPayloadBytes()}. */
  public int maxFrameBytes() {
    return withinTopicLimit(MLLP_MAX_FRAME);
  }

  /** {@link #MLLP_MAX_INFLIGHT}, checked to hold at least one largest frame with room to spare. */
  public int maxInflightBytes() {
    int frame = maxFrameBytes();
    int value = common.settings().get(MLLP_MAX_INFLIGHT);
    if ((long) value < (long) frame + RECORD_ENVELOPE_BYTES) {
      throw new ConfigException(MLLP_MAX_INFLIGHT.name() + "=" + value + " must be at least "
          + MLLP_MAX_FRAME.name() + "=" + frame + " + " + RECORD_ENVELOPE_BYTES + " (a largest frame must fit); "
          + "raise it or lower " + MLLP_MAX_FRAME.name());
    }
    return value;
  }

  private int withinTopicLimit(ConfigKey<Integer> key) {
    int value = common.settings().get(key);
    int topicLimit = common.maxMessageBytes();
    if (value <= 0 || (long) value + RECORD_ENVELOPE_BYTES > topicLimit) {
      throw new ConfigException(key.name() + "=" + value + " must be positive and at least " + RECORD_ENVELOPE_BYTES
          + " bytes below " + CommonConfig.MAX_MESSAGE_BYTES.name() + "=" + topicLimit + " (the raw record and its "
          + "dead letter must fit the topics); lower it or raise " + CommonConfig.MAX_MESSAGE_BYTES.name());
    }
    return value;
  }

  public Duration dedupRetention() {
    return Duration.ofMillis(common.settings().get(DEDUP_RETENTION));
  }

  /** The site rule file, or blank for the shipped rules only. */
  public String structuredRulesFile() {
    return common.settings().get(STRUCTURED_RULES_FILE);
  }

  /** {@link #MAX_NORMALIZED}, or a third of the topic limit when 0; never above the topic limit's third. */
  public int maxNormalizedBytes() {
    int topicLimit = common.maxMessageBytes();
    int value = common.settings().get(MAX_NORMALIZED);
    int ceiling = topicLimit / DOWNSTREAM_EXPANSION;
    if (value > ceiling) {
      throw new ConfigException(MAX_NORMALIZED.name() + "=" + value + " must be at most "
          + CommonConfig.MAX_MESSAGE_BYTES.name() + " / " + DOWNSTREAM_EXPANSION + " = " + ceiling + " (room for "
          + "de-identification's findings); lower it or raise " + CommonConfig.MAX_MESSAGE_BYTES.name());
    }
    return value == 0 ? ceiling : value;
  }

  /** {@link #HL7_VERSIONS}, checked to run from a lower to a higher version. */
  public String hl7Versions() {
    String value = common.settings().get(HL7_VERSIONS).trim();
    String[] ends = value.replace("2.", "").split("-");
    if (ends.length != 2 || Integer.parseInt(ends[0]) > Integer.parseInt(ends[1])) {
      throw new ConfigException(HL7_VERSIONS.name() + "=" + value + " must run from a lower to a higher version, "
          + "such as 2.3-2.8");
    }
    return value;
  }

  /** {@link #PARSE_THREADS}, with 0 resolved to the available cores. */
  public int parseThreads() {
    int value = common.settings().get(PARSE_THREADS);
    return value > 0 ? value : Runtime.getRuntime().availableProcessors();
  }

  /** TLS of the FHIR REST intake ({@link #REST_TLS}). */
  public org.phigate.security.tls.TlsSettings restTls() {
    return REST_TLS.from(common.settings());
  }

  public Duration ackTimeout() {
    return Duration.ofMillis(common.settings().get(ACK_TIMEOUT));
  }

  public <T> T get(ConfigKey<T> key) {
    return common.settings().get(key);
  }
}
