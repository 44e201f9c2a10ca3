package org.phigate.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Raw settings with a fixed precedence: explicit overrides, then environment variables, then the config file, then
 * each key's default.
 */
public final class Settings {
  private final Map<String, String> file;
  private final Map<String, String> env;
  private final Map<String, String> overrides;

  public Settings(Map<String, String> file, Map<String, String> env, Map<String, String> overrides) {
    this.file = Map.copyOf(file);
    this.env = Map.copyOf(env);
    this.overrides = Map.copyOf(overrides);
  }

  /** Settings from an optional properties file and the process environment. */
  public static Settings load(Path propertiesFile, Map<String, String> overrides) {
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
    return new Settings(file, System.getenv(), overrides);
  }

  /** Settings with only defaults and the given values (tests, demo). */
  public static Settings of(Map<String, String> values) {
    return new Settings(Map.of(), Map.of(), values);
  }

  /** Where a key's value comes from: override, env, file or default. */
  public String origin(ConfigKey<?> key) {
    if (overrides.containsKey(key.name())) {
      return "override";
    }
    if (env.containsKey(key.envVar())) {
      return "env " + key.envVar();
    }
    return file.containsKey(key.name()) ? "file" : "default";
  }

  public String raw(ConfigKey<?> key) {
    if (overrides.containsKey(key.name())) {
      return overrides.get(key.name());
    }
    if (env.containsKey(key.envVar())) {
      return env.get(key.envVar());
    }
    return file.getOrDefault(key.name(), key.defaultValue());
  }

  public <T> T get(ConfigKey<T> key) {
    String raw = raw(key);
    try {
      return key.parser().apply(raw);
    } catch (RuntimeException e) {
      throw new ConfigException(key.name() + " must be a " + key.type() + " (set " + key.name() + " in the config file"
          + " or " + key.envVar() + ")");
    }
  }

  /** Every key that starts with prefix, with the prefix removed (file, then env-free overrides). */
  public Map<String, String> withPrefix(String prefix) {
    Map<String, String> out = new LinkedHashMap<>();
    file.forEach((k, v) -> {
      if (k.startsWith(prefix)) {
        out.put(k.substring(prefix.length()), v);
      }
    });
    overrides.forEach((k, v) -> {
      if (k.startsWith(prefix)) {
        out.put(k.substring(prefix.length()), v);
      }
    });
    return out;
  }
}
