package org.phigate.config;

import java.util.List;

/** Settings of the deid role (detect PHI, redact, fill the vault). */
public record DeidConfig(CommonConfig common) implements RoleConfig {
  public static final ConfigKey<String> APP_ID = ConfigKey.string("deid.application.id", "phigate-deid",
      "Kafka Streams application.id of the deid role.");
  public static final ConfigKey<String> POLICY = ConfigKey.string("deid.policy", "safe-harbor-v1",
      "Redaction policy: safe-harbor-v1 (dates to year, ages over 89 to 90+) or date-shift-v1 (per-patient date "
          + "shift; only for workflows whose egress guard allows full dates).");
  public static final List<ConfigKey<?>> KEYS = List.of(APP_ID, POLICY);

  @Override
  public String role() {
    return "deid";
  }

  @Override
  public List<ConfigKey<?>> keys() {
    return KEYS;
  }

  @Override
  public String applicationId() {
    return common.settings().get(APP_ID);
  }

  public String policy() {
    return common.settings().get(POLICY);
  }
}
