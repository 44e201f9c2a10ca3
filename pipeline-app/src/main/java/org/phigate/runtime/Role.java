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
  INTAKE("intake", "phi", IntakeConfig::new, "PHI zone: parse and validate HL7 v2 / FHIR R4; needs crypto.event.key"),
  DEID("deid", "phi", DeidConfig::new, "PHI zone: detect PHI, redact, fill the vault; needs event, vault and HMAC keys"),
  INFERENCE("inference", "inference", InferenceConfig::new, "inference zone: egress guard and model; reads no PHI topic, no keys"),
  REVIEW("review", "clinical", ReviewConfig::new, "clinical zone: hold AI results until a clinician decides, "
      + "reviewer API; needs review.decision.mac.key (and crypto.review.key with the API on)"),
  WRITEBACK("writeback", "clinical", WritebackConfig::new, "clinical zone: re-identify approved results, write to the EHR; "
      + "needs crypto.vault.key"),
  AUDIT_ARCHIVER("audit-archiver", "audit", ArchiverConfig::new, "audit zone: seal the audit topic into write-once segments");

  private final String id;
  private final String zone;
  private final Function<CommonConfig, RoleConfig> config;
  private final String description;

  Role(String id, String zone, Function<CommonConfig, RoleConfig> config, String description) {
    this.id = id;
    this.zone = zone;
    this.config = config;
    this.description = description;
  }

  public String id() {
    return id;
  }

  /** The trust zone: phi, inference, clinical or audit. */
  public String zone() {
    return zone;
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

  /**
   * The start-up check of {@code phigate run}: {@link #validate}, and roles of one trust zone per process unless
   * {@link CommonConfig#ALLOW_MIXED_ZONES} (a process holds the keys and credentials of every role it runs).
   */
  public static void validateForRun(CommonConfig common, List<Role> roles) {
    List<String> problems = new java.util.ArrayList<>();
    try {
      validate(common, roles);
    } catch (org.phigate.config.ConfigException e) {
      problems.add(e.getMessage());
    }
    common.settings().explicitNames().forEach((name, origin) -> {
      if (name.startsWith("role.") && ids().stream().noneMatch(id -> name.startsWith(
          org.phigate.config.Settings.rolePrefix(id)))) {
        problems.add(name + ": unknown role or key; role-scoped Kafka settings are role.<role>.kafka.<setting> with "
            + "a role of " + ids() + "; from " + origin);
      }
    });
    java.util.Map<String, List<String>> byZone = new java.util.TreeMap<>();
    roles.forEach(r -> byZone.computeIfAbsent(r.zone, z -> new java.util.ArrayList<>()).add(r.id));
    if (byZone.size() > 1 && !allowMixed(common)) {
      problems.add("roles of different trust zones in one process (" + byZone + "): run one zone per process, or "
          + "set " + CommonConfig.ALLOW_MIXED_ZONES.name() + "=true (" + CommonConfig.ALLOW_MIXED_ZONES.envVar()
          + ", or run --allow-mixed-zones) to accept that this process holds every one of their keys and credentials");
    }
    if (!problems.isEmpty()) {
      throw new org.phigate.config.ConfigException(String.join("\n", problems));
    }
  }

  private static boolean allowMixed(CommonConfig common) {
    try {
      return common.settings().get(CommonConfig.ALLOW_MIXED_ZONES);
    } catch (org.phigate.config.ConfigException e) {
      return false; // reported by validate
    }
  }

  public static List<String> ids() {
    return Arrays.stream(values()).map(Role::id).toList();
  }
}
