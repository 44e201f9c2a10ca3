package org.phigate.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Raw settings with a fixed precedence: explicit overrides, then environment variables, then the config file, then
 * each key's default. In each layer a secret (and any {@code kafka.*} key) may instead name a file holding its value
 * ({@code <name>.file}, or {@code <env var>_FILE}); the file's trimmed contents are the value.
 */
public final class Settings {
  /** Suffix of a setting that names a file holding the value of the setting without it. */
  public static final String FILE_SUFFIX = ".file";
  private static final String KAFKA = "kafka.";
  private static final String ROLE = "role.";

  private final Map<String, String> file;
  private final String fileLabel;
  private final Map<String, String> env;
  private final Map<String, String> overrides;

  public Settings(Map<String, String> file, Map<String, String> env, Map<String, String> overrides) {
    this(file, "file", env, overrides);
  }

  private Settings(Map<String, String> file, String fileLabel, Map<String, String> env,
                   Map<String, String> overrides) {
    this.file = Map.copyOf(file);
    this.fileLabel = fileLabel;
    this.env = Map.copyOf(env);
    this.overrides = Map.copyOf(overrides);
  }

  /** Settings from an optional properties file and the process environment. */
  public static Settings load(Path propertiesFile, Map<String, String> overrides) {
    return load(propertiesFile, System.getenv(), overrides);
  }

  /** Settings from an optional properties file and the given environment (tests). */
  public static Settings load(Path propertiesFile, Map<String, String> env, Map<String, String> overrides) {
    Map<String, String> file = new LinkedHashMap<>();
    if (propertiesFile != null) {
      Properties props = new Properties();
      try (Reader reader = Files.newBufferedReader(propertiesFile)) {
        props.load(reader);
      } catch (IOException e) {
        throw new ConfigException("cannot read config file " + propertiesFile + ": " + e.getClass().getSimpleName()
            + "; check the path given to --config");
      }
      props.stringPropertyNames().forEach(k -> file.put(k, props.getProperty(k).trim()));
    }
    return new Settings(file, propertiesFile == null ? "file" : "file " + propertiesFile, env, overrides);
  }

  /** Settings with only defaults and the given values (tests, demo). */
  public static Settings of(Map<String, String> values) {
    return new Settings(Map.of(), Map.of(), values);
  }

  /** A value found in one layer, and where: {@code file /etc/x.properties}, {@code env PHIGATE_X}, ... */
  public record Found(String value, String origin) {}

  /** Where a key's value comes from: override, env var, file (each possibly via a secret file) or default. */
  public String origin(ConfigKey<?> key) {
    return find(key.name(), allowsFile(key)).map(Found::origin).orElse("default");
  }

  /** The key's raw value (before parsing), or its default. */
  public String raw(ConfigKey<?> key) {
    return find(key.name(), allowsFile(key)).map(Found::value).orElse(key.defaultValue());
  }

  /** True when the key is set anywhere (not just defaulted). */
  public boolean isSet(ConfigKey<?> key) {
    return find(key.name(), allowsFile(key)).isPresent();
  }

  public <T> T get(ConfigKey<T> key) {
    String raw = raw(key);
    try {
      return key.parser().apply(raw);
    } catch (RuntimeException e) {
      throw new ConfigException(key.name() + " must be " + key.expected() + " (set " + key.name()
          + " in the config file or " + key.envVar() + ")");
    }
  }

  /**
   * Every {@code kafka.*} setting from overrides, environment ({@code PHIGATE_KAFKA_SASL_JAAS_CONFIG} ->
   * {@code kafka.sasl.jaas.config}) and file, secret-file references resolved, keyed by the name without the prefix.
   */
  public Map<String, Found> kafkaClientSettings() {
    return scoped(KAFKA);
  }

  /**
   * The Kafka client settings of one role: {@code kafka.*}, then that role's own {@code role.<id>.kafka.*}
   * ({@code PHIGATE_ROLE_<ID>_KAFKA_*}) on top, so roles sharing a process still each log in as their own principal.
   */
  public Map<String, Found> kafkaClientSettings(String roleId) {
    Map<String, Found> out = new LinkedHashMap<>(scoped(KAFKA));
    out.putAll(scoped(rolePrefix(roleId)));
    return out;
  }

  /** The prefix of a role's own Kafka client settings: {@code role.<id>.kafka.}. */
  public static String rolePrefix(String roleId) {
    return ROLE + roleId + "." + KAFKA;
  }

  private Map<String, Found> scoped(String prefix) {
    String envPrefix = ConfigKey.envVar(prefix.substring(0, prefix.length() - 1)) + "_";
    Set<String> names = new LinkedHashSet<>();
    file.keySet().stream().filter(k -> k.startsWith(prefix)).forEach(names::add);
    env.keySet().stream().filter(k -> k.startsWith(envPrefix))
        .map(k -> prefix + k.substring(envPrefix.length()).toLowerCase(Locale.ROOT).replace('_', '.'))
        .forEach(names::add);
    overrides.keySet().stream().filter(k -> k.startsWith(prefix)).forEach(names::add);
    Map<String, Found> out = new LinkedHashMap<>();
    for (String name : names) {
      String base = fileReference(prefix, name) ? name.substring(0, name.length() - FILE_SUFFIX.length()) : name;
      find(base, true).ifPresent(found -> out.put(base.substring(prefix.length()), found));
    }
    return out;
  }

  /** Names set in the config file and the overrides (for the unknown-key check), sorted, with their origin. */
  public Map<String, String> explicitNames() {
    Map<String, String> out = new java.util.TreeMap<>();
    file.keySet().forEach(k -> out.put(k, fileLabel));
    overrides.keySet().forEach(k -> out.put(k, "override"));
    return out;
  }

  /** Names of the {@code PHIGATE_*} environment variables (for the unknown-key check). */
  public List<String> environmentNames() {
    return env.keySet().stream().filter(k -> k.startsWith("PHIGATE_")).sorted().toList();
  }

  /** Layers in which a key is set both directly and through {@code .file} (a mistake: which one is meant?). */
  public List<String> ambiguousLayers(ConfigKey<?> key) {
    String fileName = key.name() + FILE_SUFFIX;
    List<String> out = new ArrayList<>();
    if (overrides.containsKey(key.name()) && overrides.containsKey(fileName)) {
      out.add("override");
    }
    if (env.containsKey(key.envVar()) && env.containsKey(ConfigKey.envVar(fileName))) {
      out.add("env " + key.envVar() + " and " + ConfigKey.envVar(fileName));
    }
    if (file.containsKey(key.name()) && file.containsKey(fileName)) {
      out.add(fileLabel);
    }
    return out;
  }

  /** A {@code kafka.X.file} setting that names a file for {@code kafka.X} (not a Kafka config ending in .file). */
  static boolean kafkaFileReference(String name) {
    return fileReference(KAFKA, name);
  }

  private static boolean fileReference(String prefix, String name) {
    return name.startsWith(prefix) && name.endsWith(FILE_SUFFIX)
        && !KafkaClientKeys.known(name.substring(prefix.length()));
  }

  private static boolean allowsFile(ConfigKey<?> key) {
    return key.secret() || key.name().startsWith(KAFKA) || key.name().startsWith(ROLE);
  }

  private Optional<Found> find(String name, boolean allowFile) {
    String fileName = name + FILE_SUFFIX;
    String envVar = ConfigKey.envVar(name);
    if (overrides.containsKey(name)) {
      return Optional.of(new Found(overrides.get(name), "override"));
    }
    if (allowFile && overrides.containsKey(fileName)) {
      return Optional.of(readSecretFile(fileName, overrides.get(fileName), "override " + fileName));
    }
    if (env.containsKey(envVar)) {
      return Optional.of(new Found(env.get(envVar), "env " + envVar));
    }
    if (allowFile && env.containsKey(envVar + "_FILE")) {
      return Optional.of(readSecretFile(fileName, env.get(envVar + "_FILE"), "env " + envVar + "_FILE"));
    }
    if (file.containsKey(name)) {
      return Optional.of(new Found(file.get(name), fileLabel));
    }
    if (allowFile && file.containsKey(fileName)) {
      return Optional.of(readSecretFile(fileName, file.get(fileName), fileLabel + " (" + fileName + ")"));
    }
    return Optional.empty();
  }

  private static Found readSecretFile(String setting, String path, String origin) {
    String where = origin + " -> " + path;
    try {
      return new Found(Files.readString(Path.of(path.trim())).strip(), where);
    } catch (IOException | RuntimeException e) {
      // the path is configuration, not the secret: naming it tells the operator what to fix
      throw new ConfigException(setting + ": cannot read the file " + path.trim() + " (" + e.getClass().getSimpleName()
          + "); from " + origin);
    }
  }
}
