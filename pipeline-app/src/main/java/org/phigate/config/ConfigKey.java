package org.phigate.config;

import java.util.Locale;
import java.util.function.Function;

/**
 * One configuration setting, declared once (in the spirit of Debezium's {@code Field}): name, type, default,
 * validator, description, and whether its value is a secret. Its environment variable is {@code PHIGATE_} + the
 * name without a leading {@code phigate.}, upper-cased, with dots and dashes as underscores; a secret may also be
 * read from a file named by {@code <name>.file} or {@code <env var>_FILE}.
 */
public record ConfigKey<T>(String name, String type, String defaultValue, String description,
                           Function<String, T> parser, Validator<? super T> validator, boolean secret) {

  public static ConfigKey<String> string(String name, String defaultValue, String description) {
    return new ConfigKey<>(name, "string", defaultValue, description, s -> s, Validator.any(), false);
  }

  /** A secret string: empty by default, never printed, may come from a file. */
  public static ConfigKey<String> secret(String name, String description) {
    return new ConfigKey<>(name, "string", "", description, s -> s, Validator.any(), true);
  }

  public static ConfigKey<Integer> integer(String name, int defaultValue, String description) {
    return new ConfigKey<>(name, "int", Integer.toString(defaultValue), description, s -> Integer.parseInt(s.trim()),
        Validator.any(), false);
  }

  public static ConfigKey<Long> longValue(String name, long defaultValue, String description) {
    return new ConfigKey<>(name, "long", Long.toString(defaultValue), description, s -> Long.parseLong(s.trim()),
        Validator.any(), false);
  }

  public static ConfigKey<Double> decimal(String name, double defaultValue, String description) {
    return new ConfigKey<>(name, "double", Double.toString(defaultValue), description, ConfigKey::parseDouble,
        Validator.any(), false);
  }

  /** A strict boolean: {@code true} or {@code false}; anything else ({@code ture}, {@code yes}) is an error, never false. */
  public static ConfigKey<Boolean> bool(String name, boolean defaultValue, String description) {
    return new ConfigKey<>(name, "boolean", Boolean.toString(defaultValue), description, ConfigKey::parseBoolean,
        new Validator<>("true or false", v -> true), false);
  }

  /** This key with a validator applied after parsing. */
  public ConfigKey<T> validate(Validator<? super T> check) {
    return new ConfigKey<>(name, type, defaultValue, description, parser, check, secret);
  }

  /** This key with its value treated as a secret (masked, never in a message, may come from a file). */
  public ConfigKey<T> asSecret() {
    return new ConfigKey<>(name, type, defaultValue, description, parser, validator, true);
  }

  /** What a valid value looks like: the type, and the validator's words when it has any. */
  public String expected() {
    String kind = switch (type) {
      case "int" -> "an integer";
      case "long" -> "an integer";
      case "double" -> "a number";
      case "boolean" -> "true or false";
      default -> "a string";
    };
    return validator.expected().isEmpty() ? kind : validator.expected();
  }

  /** The environment variable that overrides this key. */
  public String envVar() {
    return envVar(name);
  }

  /** The environment variable of any setting name ({@code kafka.sasl.jaas.config} -> PHIGATE_KAFKA_SASL_JAAS_CONFIG). */
  public static String envVar(String name) {
    String unprefixed = name.startsWith("phigate.") ? name.substring("phigate.".length()) : name;
    return "PHIGATE_" + unprefixed.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  private static Boolean parseBoolean(String raw) {
    String value = raw.trim();
    if (value.equals("true") || value.equals("false")) {
      return Boolean.valueOf(value);
    }
    throw new IllegalArgumentException("not a boolean");
  }

  private static Double parseDouble(String raw) {
    double value = Double.parseDouble(raw.trim());
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("not a finite number");
    }
    return value;
  }
}
