package org.phigate.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.phigate.config.CommonConfig;
import org.phigate.runtime.Role;

/**
 * Stream threads per role for the bench: one default, overridden per role ({@code deid=2,inference=1}); a default
 * of 0 leaves each role its own setting, as `phigate run` starts it.
 */
record RoleThreads(int defaultThreads, Map<Role, Integer> perRole) {
  /** The roles the bench starts. */
  private static final List<Role> BENCH_ROLES = List.of(Role.INTAKE, Role.DEID, Role.INFERENCE, Role.REVIEW,
      Role.WRITEBACK);

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

  /** Every bench role's count: its override, else the default, else (default 0) the role's own setting. */
  RoleThreads resolved(CommonConfig common) {
    Map<Role, Integer> all = new HashMap<>();
    for (Role role : BENCH_ROLES) {
      all.put(role, perRole.getOrDefault(role,
          defaultThreads > 0 ? defaultThreads : role.config(common).streamThreads()));
    }
    return new RoleThreads(defaultThreads, Map.copyOf(all));
  }

  /** {@code 1} or {@code 1, deid=2}: the default and the roles that differ; each role's count when resolved. */
  String describe() {
    if (defaultThreads <= 0) {
      return perRole.isEmpty() ? "each role's setting" : new TreeMap<>(perRole).entrySet().stream()
          .map(e -> e.getKey().id() + "=" + e.getValue()).collect(Collectors.joining(","));
    }
    Map<Role, Integer> differing = new TreeMap<>(perRole);
    differing.values().removeIf(n -> n == defaultThreads);
    return defaultThreads + (differing.isEmpty() ? "" : ", " + differing.entrySet().stream()
        .map(e -> e.getKey().id() + "=" + e.getValue()).collect(Collectors.joining(",")));
  }

  /** The role's count; 0 when it keeps its own setting (an unresolved default of 0). */
  int of(Role role) {
    return perRole.getOrDefault(role, defaultThreads);
  }
}
