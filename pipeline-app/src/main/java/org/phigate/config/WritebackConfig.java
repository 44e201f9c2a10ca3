package org.phigate.config;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Settings of the writeback role (re-identify approved results and write them to the EHR over FHIR). */
public record WritebackConfig(CommonConfig common) implements RoleConfig {
  public static final ConfigKey<String> APP_ID = ConfigKey.string("writeback.application.id", "phigate-writeback",
      "Kafka Streams application.id of the writeback role.").validate(Validator.nonEmpty());
  public static final ConfigKey<String> FHIR_BASE = ConfigKey.string("writeback.fhir.base.url",
      "http://localhost:8080/fhir", "FHIR R4 base URL of the EHR that receives approved results.")
      .validate(Validator.url("http", "https"));
  public static final ConfigKey<Integer> TIMEOUT = ConfigKey.integer("writeback.fhir.timeout.ms", 10000,
      "Connect and socket timeout of EHR calls.").validate(Validator.atLeast(1));
  public static final ConfigKey<Integer> ATTEMPTS = ConfigKey.integer("writeback.max.attempts", 3,
      "Attempts per write before the result goes to phigate.ehr.dlq (writes are idempotent).")
      .validate(Validator.between(1, 100));
  public static final ConfigKey<String> IDENTIFIER_SYSTEM = ConfigKey.string("writeback.identifier.system",
      "urn:phigate:review", "Identifier system of written resources; conditional create on it keeps writes idempotent.")
      .validate(Validator.absoluteUri());
  public static final ConfigKey<String> PATIENT_SYSTEM = ConfigKey.string("writeback.patient.identifier.system",
      "urn:phigate:patient-key", "Identifier system used to reference the patient in written resources.")
      .validate(Validator.absoluteUri());
  public static final ConfigKey<String> LEGACY_VAULT = ConfigKey.string("writeback.vault.legacy.before", "",
      "Upgrade to vault keys: approved items held for review before this ISO-8601 instant (e.g. "
          + "2026-12-07T00:00:00Z, when the upgraded deid role started) are re-identified from the token-keyed vault "
          + "entries earlier versions wrote (tenant and token checked; short tokens of two people can collide there). "
          + "Empty (default): every item needs its event's key map, else it goes to phigate.ehr.dlq with "
          + "VAULT_EVENT_KEYS_MISSING. See deploy/README.md.")
      .validate(Validator.emptyOr(new Validator<>("an ISO-8601 instant such as 2026-12-07T00:00:00Z",
          WritebackConfig::isInstant)));
  public static final List<ConfigKey<?>> KEYS = List.of(APP_ID, FHIR_BASE, TIMEOUT, ATTEMPTS, IDENTIFIER_SYSTEM,
      PATIENT_SYSTEM, LEGACY_VAULT);

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

  public String fhirBaseUrl() {
    return common.settings().get(FHIR_BASE);
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
