package org.phigate.runtime;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.phigate.config.ArchiverConfig;
import org.phigate.config.CommonConfig;
import org.phigate.config.ConfigCatalog;
import org.phigate.config.ConfigKey;
import org.phigate.config.ConfigValidator;
import org.phigate.config.DeidConfig;
import org.phigate.config.InferenceConfig;
import org.phigate.config.IntakeConfig;
import org.phigate.config.ReviewConfig;
import org.phigate.config.RoleConfig;
import org.phigate.config.WritebackConfig;

/** PHIGate's roles: each is its own Kafka Streams application (or consumer group) with its own principal. */
public enum Role {
  INTAKE("intake", IntakeConfig::new, "PHI zone: parse and validate HL7 v2 / FHIR R4; needs crypto.event.key"),
  DEID("deid", DeidConfig::new, "PHI zone: detect PHI, redact, fill the vault; needs event, vault and HMAC keys"),
  INFERENCE("inference", InferenceConfig::new, "inference zone: egress guard and model; reads no PHI topic, no keys"),
  REVIEW("review", ReviewConfig::new, "clinical zone: hold AI results until a clinician decides, "
      + "reviewer API; needs review.decision.mac.key (and crypto.review.key with the API on)"),
  WRITEBACK("writeback", WritebackConfig::new, "clinical zone: re-identify approved results, write to the EHR; "
      + "needs crypto.vault.key"),
  AUDIT_ARCHIVER("audit-archiver", ArchiverConfig::new, "audit zone: seal the audit topic into write-once segments");

  private final String id;
  private final Function<CommonConfig, RoleConfig> config;
  private final String description;

  Role(String id, Function<CommonConfig, RoleConfig> config, String description) {
    this.id = id;
    this.config = config;
    this.description = description;
  }

  public String id() {
    return id;
  }

  public String description() {
    return description;
  }

  public RoleConfig config(CommonConfig common) {
    return config.apply(common);
  }

  public static Role of(String id) {
    String wanted = id.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(r -> r.id.equals(wanted)).findFirst().orElseThrow(() ->
        new IllegalArgumentException("unknown role '" + id + "'; roles are " + ids()));
  }

  /** Every key PHIGate declares: the common ones, then each role's. */
  public static List<ConfigKey<?>> allKeys() {
    return ConfigCatalog.all();
  }

  /**
   * Start-up check of the settings for these roles: every key's value, the keys the roles require, cross-key
   * checks, and unknown names; throws one {@link org.phigate.config.ConfigException} listing every problem.
   */
  public static void validate(CommonConfig common, List<Role> roles) {
    ConfigValidator.validate(common.settings(), allKeys(), roles.stream().map(r -> r.config(common)).toList());
  }

  public static List<String> ids() {
    return Arrays.stream(values()).map(Role::id).toList();
  }
}
