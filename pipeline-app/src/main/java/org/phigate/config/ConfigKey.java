package org.phigate.config;

import java.util.Locale;
import java.util.function.Function;

/**
 * One configuration setting, declared once: name, type, default, description, and the environment variable that
 * overrides it ({@code PHIGATE_} + the name without a leading {@code phigate.}, upper-cased, with dots and dashes
 * as underscores).
 */
public record ConfigKey<T>(String name, String type, String defaultValue, String description,
                           Function<String, T> parser, boolean secret) {

  public static ConfigKey<String> string(String name, String defaultValue, String description) {
    return new ConfigKey<>(name, "string", defaultValue, description, s -> s, false);
  }

  public static ConfigKey<String> secret(String name, String description) {
    return new ConfigKey<>(name, "secret", "", description, s -> s, true);
  }

  public static ConfigKey<Integer> integer(String name, int defaultValue, String description) {
    return new ConfigKey<>(name, "int", Integer.toString(defaultValue), description, Integer::parseInt, false);
  }

  public static ConfigKey<Long> longValue(String name, long defaultValue, String description) {
    return new ConfigKey<>(name, "long", Long.toString(defaultValue), description, Long::parseLong, false);
  }

  public static ConfigKey<Boolean> bool(String name, boolean defaultValue, String description) {
    return new ConfigKey<>(name, "boolean", Boolean.toString(defaultValue), description, Boolean::parseBoolean, false);
  }

  /** The environment variable that overrides this key. */
  public String envVar() {
    String unprefixed = name.startsWith("phigate.") ? name.substring("phigate.".length()) : name;
    return "PHIGATE_" + unprefixed.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }
}
