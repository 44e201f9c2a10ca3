package org.phigate.config;

import java.util.List;

/** Settings of the intake role (parse and validate HL7 v2 / FHIR into ClinicalEvents). */
public record IntakeConfig(CommonConfig common) implements RoleConfig {
  public static final ConfigKey<String> APP_ID = ConfigKey.string("intake.application.id", "phigate-intake",
      "Kafka Streams application.id of the intake role.");
  public static final ConfigKey<Integer> MAX_PAYLOAD = ConfigKey.integer("intake.max.payload.bytes", 4 * 1024 * 1024,
      "Largest inbound message accepted; larger ones are dead-lettered with PAYLOAD_TOO_LARGE.");
  public static final List<ConfigKey<?>> KEYS = List.of(APP_ID, MAX_PAYLOAD);

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

  public int maxPayloadBytes() {
    return common.settings().get(MAX_PAYLOAD);
  }
}
