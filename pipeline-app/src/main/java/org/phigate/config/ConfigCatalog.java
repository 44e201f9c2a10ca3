package org.phigate.config;

import java.util.ArrayList;
import java.util.List;

/** Every key PHIGate declares, common ones first, then each role's: what the unknown-key check compares against. */
public final class ConfigCatalog {
  private static final List<ConfigKey<?>> ALL = all(List.of(CommonConfig.KEYS, IntakeConfig.KEYS, DeidConfig.KEYS,
      InferenceConfig.KEYS, ReviewConfig.KEYS, WritebackConfig.KEYS, ArchiverConfig.KEYS));

  private ConfigCatalog() {}

  public static List<ConfigKey<?>> all() {
    return ALL;
  }

  private static List<ConfigKey<?>> all(List<List<ConfigKey<?>>> groups) {
    List<ConfigKey<?>> out = new ArrayList<>();
    groups.forEach(out::addAll);
    return List.copyOf(out);
  }
}
