package org.phigate.config;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/** Settings of the writeback role (re-identify approved results and write them to the EHR over FHIR). */
public record WritebackConfig(CommonConfig common) implements RoleConfig {
  public static final ConfigKey<String> APP_ID = ConfigKey.string("writeback.application.id", "phigate-writeback",
      "Kafka Streams application.id of the writeback role.").validate(Validator.nonEmpty());
  public static final ConfigKey<String> FHIR_BASE = ConfigKey.string("writeback.fhir.base.url",
      "http://localhost:8080/fhir", "FHIR R4 base URL of the EHR that receives approved results.")
      .validate(Validator.url("http", "https"));
  public static final ConfigKey<Integer> TIMEOUT = ConfigKey.integer("writeback.fhir.timeout.ms", 10000,
      "Connect and socket timeout of EHR calls.").validate(Validator.atLeast(1));
  public static final ConfigKey<Integer> ATTEMPTS = ConfigKey.integer("writeback.max.attempts", 0,
      "Most EHR attempts per approved item before it goes to phigate.ehr.dlq; 0 = no limit but the retry budget "
          + "(writeback.retry.budget.ms). Writes are idempotent.").validate(Validator.atLeast(0));
  public static final ConfigKey<Integer> WORKERS = ConfigKey.integer("writeback.workers", 4,
      "Worker threads that make EHR calls off the stream threads: the concurrency limit towards the EHR.")
      .validate(Validator.between(1, 256));
  public static final ConfigKey<Integer> MAX_IN_FLIGHT = ConfigKey.integer("writeback.max.in.flight", 32,
      "Approved items per partition handed to the workers at once; more wait in writeback-delivery-store.")
      .validate(Validator.between(1, 10_000));
  public static final ConfigKey<Integer> PUNCTUATE_MS = ConfigKey.integer("writeback.punctuate.ms", 100,
      "How often (wall clock) finished EHR calls are recorded and due retries handed to the workers, in ms.")
      .validate(Validator.between(1, 60_000));
  public static final ConfigKey<Integer> RETRY_BACKOFF_MS = ConfigKey.integer("writeback.retry.backoff.ms", 1000,
      "First delay before an EHR write is tried again after HTTP 5xx, 429, 408, 409, 412, a timeout or an "
          + "unreachable EHR; doubles per attempt with +/-50% jitter up to writeback.retry.max.backoff.ms.")
      .validate(Validator.atLeast(1));
  public static final ConfigKey<Integer> RETRY_MAX_BACKOFF_MS = ConfigKey.integer("writeback.retry.max.backoff.ms",
      300_000, "Longest delay between two attempts of one EHR write, in ms.").validate(Validator.atLeast(1));
  public static final ConfigKey<Long> RETRY_BUDGET_MS = ConfigKey.longValue("writeback.retry.budget.ms",
      Duration.ofHours(24).toMillis(), "How long an approved item is retried (from its first attempt) before it "
          + "goes to phigate.ehr.dlq, in ms (default 24 h).").validate(Validator.atLeast(1L));
  public static final ConfigKey<Long> VAULT_WAIT_MS = ConfigKey.longValue("writeback.vault.wait.ms",
      Duration.ofMinutes(10).toMillis(), "How long an approved item whose patient or text tokens are not (yet) in "
          + "the vault is looked up again, off the stream thread's critical path, before it goes to phigate.ehr.dlq.")
      .validate(Validator.atLeast(0L));
  public static final ConfigKey<String> IDENTIFIER_SYSTEM = ConfigKey.string("writeback.identifier.system",
      "urn:phigate:review", "Identifier system of written resources; conditional create on it keeps writes idempotent.")
      .validate(Validator.absoluteUri());
  public static final ConfigKey<String> PATIENT_SYSTEM = ConfigKey.string("writeback.patient.identifier.system",
      "urn:phigate:patient-key", "Identifier system of the patient's MRN in the EHR: write-back searches "
      + "Patient by it and writes only when exactly one chart matches.")
      .validate(Validator.absoluteUri());
  public static final ConfigKey<Long> IDEMPOTENCY_RETENTION_MS = ConfigKey.longValue(
      "writeback.idempotency.retention.ms", Duration.ofDays(35).toMillis(), "How long the write-back keeps its "
          + "record of a written or dead-lettered item (writeback-delivery-store), in ms; keep it longer than "
          + "phigate.review.approved's retention, so a redelivered approval is always recognised.")
      .validate(Validator.atLeast(60_000L));
  public static final ConfigKey<String> LEGACY_VAULT = ConfigKey.string("writeback.vault.legacy.before", "",
      "Upgrade to vault keys: approved items held for review before this ISO-8601 instant (e.g. "
          + "2026-12-07T00:00:00Z, when the upgraded deid role started) are re-identified from the token-keyed vault "
          + "entries earlier versions wrote (tenant and token checked; short tokens of two people can collide there). "
          + "Empty (default): every item needs its event's key map, else it goes to phigate.ehr.dlq with "
          + "VAULT_EVENT_KEYS_MISSING. See deploy/README.md.")
      .validate(Validator.emptyOr(new Validator<>("an ISO-8601 instant such as 2026-12-07T00:00:00Z",
          WritebackConfig::isInstant)));
  public static final ConfigKey<String> REVIEWER_SYSTEM = ConfigKey.string("writeback.reviewer.identifier.system",
      "urn:phigate:reviewer", "Identifier system of reviewers' user ids: the EHR's Practitioner.identifier that "
      + "Provenance (verifier) and the reply's sender reference.").validate(Validator.absoluteUri());
  public static final ConfigKey<String> SOURCE_MESSAGE_SYSTEM = ConfigKey.string(
      "writeback.source.message.identifier.system", "urn:phigate:source-message", "Identifier system of the "
      + "source message ids (MSH-10 or the sender's FHIR id) that Task.focus, Communication.inResponseTo, "
      + "DocumentReference.relatesTo and Provenance.entity reference.").validate(Validator.absoluteUri());
  public static final ConfigKey<String> OWNER_SYSTEM = ConfigKey.string("writeback.task.owner.identifier.system",
      "urn:phigate:owner-pool", "Identifier system of the owner pools (CareTeam) that written Tasks go to.")
      .validate(Validator.absoluteUri());
  public static final ConfigKey<String> TRIAGE_OWNER = ConfigKey.string("writeback.task.owner.triage",
      "portal-triage", "Owner pool (CareTeam identifier) of Tasks for triaged portal messages.")
      .validate(Validator.nonEmpty());
  public static final ConfigKey<String> FOLLOW_UP_OWNER = ConfigKey.string("writeback.task.owner.follow.up",
      "result-follow-up", "Owner pool (CareTeam identifier) of result follow-up Tasks.")
      .validate(Validator.nonEmpty());
  /** TLS of the FHIR client: the CAs it trusts for the EHR (host name verified) and an optional client cert. */
  public static final TlsKeys FHIR_TLS = TlsKeys.client("writeback.fhir", "write-back's FHIR client");
  public static final ConfigKey<String> FHIR_BEARER = ConfigKey.secret("writeback.fhir.bearer.token",
      "Bearer token write-back sends to the EHR (Authorization: Bearer); empty (default) = none. Give it as a file "
          + "(writeback.fhir.bearer.token.file or PHIGATE_WRITEBACK_FHIR_BEARER_TOKEN_FILE), read at start.")
      .validate(Validator.matching("[A-Za-z0-9\\-._~+/=]*", "empty or a token (RFC 6750 b64token characters)"));
  public static final List<ConfigKey<?>> KEYS = ConfigKeys.concat(List.of(APP_ID, FHIR_BASE, TIMEOUT, ATTEMPTS, IDENTIFIER_SYSTEM,
      PATIENT_SYSTEM, REVIEWER_SYSTEM, SOURCE_MESSAGE_SYSTEM, OWNER_SYSTEM, TRIAGE_OWNER, FOLLOW_UP_OWNER, WORKERS,
      MAX_IN_FLIGHT, PUNCTUATE_MS, RETRY_BACKOFF_MS, RETRY_MAX_BACKOFF_MS, RETRY_BUDGET_MS, VAULT_WAIT_MS,
      IDEMPOTENCY_RETENTION_MS, LEGACY_VAULT, FHIR_BEARER), FHIR_TLS.keys());

  @Override
  public String role() {
    return "writeback";
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
    return List.of(CommonConfig.VAULT_KEY);
  }

  @Override
  public List<Runnable> crossChecks() {
    return List.of(this::retryMaxBackoff);
  }

  public String fhirBaseUrl() {
    return common.settings().get(FHIR_BASE);
  }

  /** TLS of the FHIR client ({@link #FHIR_TLS}). */
  public org.phigate.security.tls.TlsSettings fhirTls() {
    return FHIR_TLS.from(common.settings());
  }

  /** The bearer token for the EHR, or blank. */
  public String fhirBearerToken() {
    return common.settings().get(FHIR_BEARER).trim();
  }

  public int timeoutMs() {
    return common.settings().get(TIMEOUT);
  }

  public int maxAttempts() {
    return common.settings().get(ATTEMPTS);
  }

  public String identifierSystem() {
    return common.settings().get(IDENTIFIER_SYSTEM);
  }

  public String patientIdentifierSystem() {
    return common.settings().get(PATIENT_SYSTEM);
  }

  public String reviewerIdentifierSystem() {
    return common.settings().get(REVIEWER_SYSTEM);
  }

  public String sourceMessageIdentifierSystem() {
    return common.settings().get(SOURCE_MESSAGE_SYSTEM);
  }

  public String ownerIdentifierSystem() {
    return common.settings().get(OWNER_SYSTEM);
  }

  /** Owner pool identifiers by the pool names of writeback/fhir-mappings.json. */
  public Map<String, String> ownerPools() {
    return Map.of("triage", common.settings().get(TRIAGE_OWNER),
        "follow-up", common.settings().get(FOLLOW_UP_OWNER));
  }

  public int workers() {
    return common.settings().get(WORKERS);
  }

  public int maxInFlight() {
    return common.settings().get(MAX_IN_FLIGHT);
  }

  public Duration punctuateInterval() {
    return Duration.ofMillis(common.settings().get(PUNCTUATE_MS));
  }

  public Duration retryBackoff() {
    return Duration.ofMillis(common.settings().get(RETRY_BACKOFF_MS));
  }

  /** {@link #RETRY_MAX_BACKOFF_MS}, checked to be at least the first delay. */
  public Duration retryMaxBackoff() {
    int first = common.settings().get(RETRY_BACKOFF_MS);
    int max = common.settings().get(RETRY_MAX_BACKOFF_MS);
    if (max < first) {
      throw new ConfigException(RETRY_MAX_BACKOFF_MS.name() + " = " + max + ": expected at least "
          + RETRY_BACKOFF_MS.name() + " (" + first + ")");
    }
    return Duration.ofMillis(max);
  }

  public Duration retryBudget() {
    return Duration.ofMillis(common.settings().get(RETRY_BUDGET_MS));
  }

  public Duration idempotencyRetention() {
    return Duration.ofMillis(common.settings().get(IDEMPOTENCY_RETENTION_MS));
  }

  public Duration vaultWait() {
    return Duration.ofMillis(common.settings().get(VAULT_WAIT_MS));
  }

  /** {@link #LEGACY_VAULT}, or null when unset. */
  public Instant legacyVaultBefore() {
    String value = common.settings().get(LEGACY_VAULT);
    return value == null || value.isBlank() ? null : Instant.parse(value.trim());
  }

  private static boolean isInstant(String value) {
    try {
      Instant.parse(value.trim());
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
