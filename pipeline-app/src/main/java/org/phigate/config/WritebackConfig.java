package org.phigate.config;

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
  public static final ConfigKey<Integer> ATTEMPTS = ConfigKey.integer("writeback.max.attempts", 3,
      "Attempts per write before the result goes to phigate.ehr.dlq (writes are idempotent).")
      .validate(Validator.between(1, 100));
  public static final ConfigKey<String> IDENTIFIER_SYSTEM = ConfigKey.string("writeback.identifier.system",
      "urn:phigate:review", "Identifier system of written resources; conditional create on it keeps writes idempotent.")
      .validate(Validator.absoluteUri());
  public static final ConfigKey<String> PATIENT_SYSTEM = ConfigKey.string("writeback.patient.identifier.system",
      "urn:phigate:patient-key", "Identifier system of the patient's MRN in the EHR: write-back searches "
      + "Patient by it and writes only when exactly one chart matches.")
      .validate(Validator.absoluteUri());
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
  public static final List<ConfigKey<?>> KEYS = List.of(APP_ID, FHIR_BASE, TIMEOUT, ATTEMPTS, IDENTIFIER_SYSTEM,
      PATIENT_SYSTEM, REVIEWER_SYSTEM, SOURCE_MESSAGE_SYSTEM, OWNER_SYSTEM, TRIAGE_OWNER, FOLLOW_UP_OWNER);

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
}
