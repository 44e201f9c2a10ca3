package org.phigate.config;

import java.util.ArrayList;
import java.util.List;

/** Joins a role's own key list with key groups declared once for several prefixes (such as {@link TlsKeys}). */
final class ConfigKeys {
  private ConfigKeys() {}

  static List<ConfigKey<?>> concat(List<ConfigKey<?>> own, List<ConfigKey<?>> group) {
    List<ConfigKey<?>> out = new ArrayList<>(own);
    out.addAll(group);
    return List.copyOf(out);
  }
}
