package org.phigate.bench;

import java.util.HashMap;
import java.util.Map;
import org.phigate.runtime.Role;

/** Stream threads per role for the bench: one default, overridden per role ({@code deid=2,inference=1}). */
record RoleThreads(int defaultThreads, Map<Role, Integer> perRole) {
  static RoleThreads parse(int defaultThreads, String spec) {
    Map<Role, Integer> per = new HashMap<>();
    if (spec != null && !spec.isBlank()) {
      for (String part : spec.split(",")) {
        String[] kv = part.split("=");
        if (kv.length != 2) {
          throw new IllegalArgumentException("--role-threads: expected role=threads, got '" + part + "'");
        }
        per.put(Role.of(kv[0]), Integer.parseInt(kv[1].strip()));
      }
    }
    return new RoleThreads(defaultThreads, Map.copyOf(per));
  }

  /** {@code 1} or {@code 1, deid=2}: the default and the roles that differ. */
  String describe() {
    return defaultThreads + (perRole.isEmpty() ? "" : ", " + new java.util.TreeMap<>(perRole).entrySet().stream()
        .map(e -> e.getKey().id() + "=" + e.getValue()).collect(java.util.stream.Collectors.joining(",")));
  }

  int of(Role role) {
    return perRole.getOrDefault(role, defaultThreads);
  }
}
