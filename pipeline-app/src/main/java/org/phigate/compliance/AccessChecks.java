package org.phigate.compliance;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.phigate.config.CommonConfig;
import org.phigate.config.ConfigCatalog;
import org.phigate.config.ConfigKey;
import org.phigate.config.KafkaClientKeys;
import org.phigate.config.ReviewConfig;
import org.phigate.config.Settings;
import org.phigate.runtime.Role;
import org.phigate.runtime.acl.AclAdmin;
import org.phigate.runtime.acl.AclEntry;
import org.phigate.runtime.acl.AclPlan;

/**
 * 164.312(a) access control: one trust zone per process, broker ACLs as planned, listeners bound where meant,
 * secrets kept out of config files, the PHI keys each role needs (and only those), logs that cannot hold PHI.
 */
final class AccessChecks {
  /** Fewer distinct byte values than this in a 32-byte key: a pattern, not random bytes (random: about 30). */
  private static final int MIN_DISTINCT_KEY_BYTES = 16;
  private static final Set<String> WILDCARDS = Set.of("0.0.0.0", "::", "[::]", "*", "");

  private AccessChecks() {}

  static List<Check> all() {
    return List.of(Check.of("AC-ZONES", AccessChecks::zones),
        Check.of("AC-ACL-DRIFT", AccessChecks::acls),
        Check.of("AC-BIND", AccessChecks::binds),
        Check.of("AC-SECRETS-FILES", AccessChecks::secrets),
        Check.of("AC-PHI-KEYS", AccessChecks::keys),
        Check.of("AC-LOG-LEVEL", AccessChecks::logLevels));
  }

  private static Outcome zones(Deployment d) {
    Map<String, List<String>> byZone = new LinkedHashMap<>();
    d.roles().forEach(r -> byZone.computeIfAbsent(r.zone(), z -> new ArrayList<>()).add(r.id()));
    if (d.get(CommonConfig.ALLOW_MIXED_ZONES)) {
      return Outcome.fail(List.of(CommonConfig.ALLOW_MIXED_ZONES.name() + "=true (" + d.settings().origin(
          CommonConfig.ALLOW_MIXED_ZONES) + "): one process may run roles of several trust zones and then holds "
          + "every one of their keys and credentials" + (byZone.size() > 1 ? "; the selected roles span " + byZone
          : "")));
    }
    return Outcome.pass(List.of(CommonConfig.ALLOW_MIXED_ZONES.name() + "=false: `phigate run` refuses roles of "
        + "different trust zones in one process" + (byZone.size() > 1 ? " (these roles " + byZone + " therefore "
        + "run as one process per zone)" : byZone.isEmpty() ? "" : "; zone " + byZone)));
  }

  private static Outcome acls(Deployment d) {
    if (d.roles().isEmpty()) {
      return Outcome.notApplicable("no role selected");
    }
    List<AclEntry> plan = AclPlan.derive(d.common(), d.roles());
    Optional<AclAdmin.Drift> drift = d.acls().drift(plan);
    if (drift.isEmpty()) {
      return Outcome.notChecked(d.acls().unavailableReason());
    }
    if (drift.get().none()) {
      return Outcome.pass(List.of("the broker at " + d.common().bootstrapServers() + " holds the " + plan.size()
          + " ACLs of the plan for " + d.roles().stream().map(Role::id).toList() + " and no other ACL of their "
          + "principals"));
    }
    List<String> problems = new ArrayList<>();
    problems.add("drift: " + drift.get().missing().size() + " missing, " + drift.get().extra().size() + " extra");
    drift.get().missing().stream().limit(20).forEach(e -> problems.add("missing\t" + e.tsv()));
    drift.get().extra().stream().limit(20).forEach(e -> problems.add("extra\t" + e.tsv()));
    return Outcome.fail(problems);
  }

  private static Outcome binds(Deployment d) {
    List<Listener> listeners = Listener.of(d);
    if (listeners.isEmpty()) {
      return Outcome.notApplicable("the selected roles open no listener");
    }
    List<String> good = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (Listener l : listeners) {
      String bind = l.bind().trim();
      if (WILDCARDS.contains(bind)) {
        problems.add(l.where() + ": listens on every interface");
      } else {
        good.add(l.where() + (bind.startsWith("127.") || bind.equals("localhost") || bind.equals("::1")
            ? ": loopback only" : ": one interface"));
      }
    }
    return Outcome.of(good, problems);
  }

  private static Outcome secrets(Deployment d) {
    Settings settings = d.settings();
    List<String> good = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (ConfigKey<?> key : ConfigCatalog.all()) {
      if (!key.secret() || !settings.isSet(key) || settings.raw(key).isBlank()) {
        continue;
      }
      judge(key.name(), settings.origin(key), good, problems);
    }
    Set<String> seen = new LinkedHashSet<>();
    for (Role role : d.roles()) {
      settings.kafkaClientSettings(role.id()).forEach((name, found) -> {
        if (KafkaClientKeys.secret(name) && !found.value().isBlank() && seen.add(name + found.origin())) {
          judge("kafka." + name + " (" + role.id() + ")", found.origin(), good, problems);
        }
      });
    }
    if (good.isEmpty() && problems.isEmpty()) {
      return Outcome.notApplicable("no secret is set");
    }
    return Outcome.of(good, problems);
  }

  /** A secret from the environment or a secret file passes; one written into the config file or given inline fails. */
  private static void judge(String name, String origin, List<String> good, List<String> problems) {
    if (origin.contains(" -> ")) {
      good.add(name + ": from a file (" + origin + ")");
    } else if (origin.startsWith("env ")) {
      good.add(name + ": from the environment (" + origin.substring(4) + ")");
    } else {
      problems.add(name + ": set inline (" + origin + "); the value is in the config, readable by whoever reads it");
    }
  }

  private static Outcome keys(Deployment d) {
    Map<ConfigKey<String>, List<String>> needed = new LinkedHashMap<>();
    for (Role role : d.roles()) {
      for (ConfigKey<String> key : phiKeys(role, d)) {
        needed.computeIfAbsent(key, k -> new ArrayList<>()).add(role.id());
      }
    }
    List<String> good = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Map<String, String> keyByValue = new LinkedHashMap<>();
    for (var entry : needed.entrySet()) {
      ConfigKey<String> key = entry.getKey();
      String value = d.get(key).trim();
      String who = key.name() + " (" + String.join(", ", entry.getValue()) + ")";
      if (value.isEmpty()) {
        problems.add(who + ": not set");
        continue;
      }
      byte[] bytes;
      try {
        bytes = Base64.getDecoder().decode(value);
      } catch (IllegalArgumentException e) {
        problems.add(who + ": not base64");
        continue;
      }
      long distinct = distinctBytes(bytes);
      String other = keyByValue.putIfAbsent(value, key.name());
      if (bytes.length < 32) {
        problems.add(who + ": " + bytes.length + " bytes, fewer than 32");
      } else if (distinct < MIN_DISTINCT_KEY_BYTES) {
        problems.add(who + ": " + distinct + " distinct byte values in " + bytes.length + " bytes, a pattern rather "
            + "than random bytes");
      } else if (other != null) {
        problems.add(who + ": the same key as " + other + " (one key per purpose)");
      } else {
        good.add(who + ": set, " + bytes.length + " bytes");
      }
    }
    if (d.has(Role.INFERENCE)) {
      for (ConfigKey<?> key : List.of(CommonConfig.EVENT_KEY, CommonConfig.VAULT_KEY, CommonConfig.HMAC_KEY,
          CommonConfig.REVIEW_KEY, CommonConfig.SOURCE_ID_KEY)) {
        if (d.settings().isSet(key) && !d.settings().raw(key).isBlank() && !needed.containsKey(key)) {
          problems.add(key.name() + ": set for a process running inference, which must hold no PHI key");
        }
      }
    }
    if (good.isEmpty() && problems.isEmpty()) {
      return Outcome.notApplicable("the selected roles hold no PHI key");
    }
    return Outcome.of(good, problems);
  }

  /** The PHI keys a role holds: what it seals or opens with, and review's decision MAC key. */
  private static List<ConfigKey<String>> phiKeys(Role role, Deployment d) {
    return switch (role) {
      case INTAKE -> List.of(CommonConfig.EVENT_KEY);
      case DEID -> List.of(CommonConfig.EVENT_KEY, CommonConfig.VAULT_KEY, CommonConfig.HMAC_KEY);
      case REVIEW -> d.get(ReviewConfig.API_PORT) > 0
          ? List.of(ReviewConfig.MAC_KEY, CommonConfig.REVIEW_KEY, CommonConfig.VAULT_KEY)
          : List.of(ReviewConfig.MAC_KEY);
      case WRITEBACK -> List.of(CommonConfig.VAULT_KEY);
      case INFERENCE, AUDIT_ARCHIVER -> List.of();
    };
  }

  private static long distinctBytes(byte[] bytes) {
    Set<Byte> values = new java.util.HashSet<>();
    for (byte b : bytes) {
      values.add(b);
    }
    return values.size();
  }

  private static Outcome logLevels(Deployment d) {
    List<String> good = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    String source = LogConfig.source();
    for (String logger : LogConfig.phiLoggers()) {
      Level level = LogManager.getLogger(logger).getLevel();
      if (level.isLessSpecificThan(Level.DEBUG)) {
        problems.add(logger + " logs at " + level + " (" + source + ")");
      } else {
        good.add(logger + ": " + level);
      }
    }
    good.add("log configuration " + source);
    return Outcome.of(good, problems);
  }
}
