package org.phigate.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks settings at start-up and lists every problem at once: each known key's value (type and validator), the
 * keys the started roles require, checks that span keys, and names in PHIGate's namespaces that no key declares
 * (with the closest known key). {@code kafka.*} settings pass through to Kafka clients unchecked.
 */
public final class ConfigValidator {
  private static final String KAFKA = "kafka.";

  private ConfigValidator() {}

  /** Throws one {@link ConfigException} listing every problem, or returns when there is none. */
  public static void validate(Settings settings, Collection<ConfigKey<?>> known, List<? extends RoleConfig> started) {
    List<String> problems = problems(settings, known, started);
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
  }

  /** Every problem, one line each: key, value (masked for secrets), what is expected, where it came from. */
  public static List<String> problems(Settings settings, Collection<ConfigKey<?>> known,
                                     List<? extends RoleConfig> started) {
    List<String> problems = new ArrayList<>();
    for (ConfigKey<?> key : known) {
      checkValue(settings, key, problems);
    }
    problems.addAll(required(settings, started));
    problems.addAll(unknownNames(settings, known));
    problems.addAll(unknownEnvironment(settings, known));
    if (problems.isEmpty()) {
      // cross-key checks read parsed values, so they only run once every value parses
      for (RoleConfig role : started) {
        for (Runnable check : role.crossChecks()) {
          try {
            check.run();
          } catch (ConfigException e) {
            problems.add(e.getMessage() + " (role " + role.role() + ")");
          }
        }
      }
    }
    return problems.stream().distinct().toList();
  }

  private static void checkValue(Settings settings, ConfigKey<?> key, List<String> problems) {
    settings.ambiguousLayers(key).forEach(layer -> problems.add(key.name() + ": set both directly and as "
        + key.name() + Settings.FILE_SUFFIX + " in " + layer + "; keep one"));
    String raw;
    String origin;
    try {
      raw = settings.raw(key);
      origin = settings.origin(key);
    } catch (ConfigException e) {
      problems.add(e.getMessage());
      return;
    }
    if (!accepts(key, raw)) {
      String shown = key.secret() ? "<secret>" : "\"" + raw + "\"";
      problems.add(key.name() + " = " + shown + ": expected " + key.expected() + "; from " + origin);
    }
  }

  private static <T> boolean accepts(ConfigKey<T> key, String raw) {
    T value;
    try {
      value = key.parser().apply(raw);
    } catch (RuntimeException e) {
      return false;
    }
    return key.validator().accepts(value);
  }

  private static List<String> required(Settings settings, List<? extends RoleConfig> started) {
    Map<ConfigKey<?>, Set<String>> byKey = new LinkedHashMap<>();
    for (RoleConfig role : started) {
      for (ConfigKey<?> key : role.requiredKeys()) {
        if (blank(settings, key) && !KekConfig.replaces(settings, key)) {
          byKey.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(role.role());
        }
      }
    }
    if (KekConfig.enabled(settings) && !started.isEmpty() && blank(settings, KekConfig.PASSWORD)) {
      started.forEach(r -> byKey.computeIfAbsent(KekConfig.PASSWORD, k -> new LinkedHashSet<>()).add(r.role()));
    }
    List<String> out = new ArrayList<>();
    byKey.forEach((key, roles) -> out.add(key.name() + " is not set: required by role" + (roles.size() > 1 ? "s " : " ")
        + String.join(", ", roles) + "; expected " + key.expected() + " (config file, " + key.envVar()
        + (key.secret() ? ", or a file named by " + key.name() + Settings.FILE_SUFFIX + " / " + key.envVar()
            + "_FILE" : "") + ")"));
    return out;
  }

  private static boolean blank(Settings settings, ConfigKey<?> key) {
    try {
      return settings.raw(key).isBlank();
    } catch (ConfigException e) {
      return false; // an unreadable secret file is reported with the key's value check
    }
  }

  private static List<String> unknownNames(Settings settings, Collection<ConfigKey<?>> known) {
    Map<String, ConfigKey<?>> byName = new LinkedHashMap<>();
    known.forEach(k -> byName.put(k.name(), k));
    Set<String> namespaces = namespaces(known);
    List<String> out = new ArrayList<>();
    settings.explicitNames().forEach((name, origin) -> {
      if (byName.containsKey(name) || name.startsWith(KAFKA)) {
        return;
      }
      if (name.endsWith(Settings.FILE_SUFFIX)) {
        ConfigKey<?> base = byName.get(name.substring(0, name.length() - Settings.FILE_SUFFIX.length()));
        if (base != null) {
          if (!base.secret()) {
            out.add(name + ": only secret keys can be read from a file; set " + base.name() + " itself; from "
                + origin);
          }
          return;
        }
      }
      if (namespaces.stream().anyMatch(name::startsWith)) {
        // the value is not shown: a misspelled key may be a secret
        out.add(name + ": unknown key" + hint(name, byName.keySet()) + "; from " + origin);
      }
    });
    return out;
  }

  private static List<String> unknownEnvironment(Settings settings, Collection<ConfigKey<?>> known) {
    Set<String> envVars = new TreeSet<>();
    for (ConfigKey<?> key : known) {
      envVars.add(key.envVar());
      if (key.secret()) {
        envVars.add(key.envVar() + "_FILE");
      }
    }
    // PHIGATE_<name> of phigate.* keys shares its space with the launcher's own variables (PHIGATE_JAVA_OPTS):
    // only the other namespaces are checked
    List<String> prefixes = namespaces(known).stream().filter(ns -> !ns.equals("phigate."))
        .map(ns -> ConfigKey.envVar(ns.substring(0, ns.length() - 1)) + "_").toList();
    List<String> out = new ArrayList<>();
    for (String name : settings.environmentNames()) {
      if (!envVars.contains(name) && !name.startsWith("PHIGATE_KAFKA_") && prefixes.stream().anyMatch(name::startsWith)) {
        out.add(name + ": unknown environment variable" + hint(name, envVars) + "; from env " + name);
      }
    }
    return out;
  }

  private static String hint(String name, Collection<String> candidates) {
    String base = name.endsWith(Settings.FILE_SUFFIX) ? name.substring(0, name.length() - 5) : name;
    return ClosestKey.of(base, candidates).map(c -> "; did you mean " + c + (base.equals(name) ? "" : ".file") + "?")
        .orElse("; `phigate config --describe` lists every key");
  }

  /** First segment of every key name, with its dot ({@code deid.}, {@code phigate.}), {@code kafka.} excluded. */
  static Set<String> namespaces(Collection<ConfigKey<?>> known) {
    Set<String> out = new TreeSet<>();
    for (ConfigKey<?> key : known) {
      String ns = key.name().substring(0, key.name().indexOf('.') + 1).toLowerCase(Locale.ROOT);
      if (!ns.isEmpty() && !ns.equals(KAFKA)) {
        out.add(ns);
      }
    }
    return out;
  }
}
