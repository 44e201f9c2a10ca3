package org.phigate.config;

import java.util.List;

/** Typed settings of one role: its own keys on top of {@link CommonConfig}. */
public interface RoleConfig {
  /** Role name as given to {@code phigate run --role}. */
  String role();

  /** This role's own keys (not the common ones). */
  List<ConfigKey<?>> keys();

  CommonConfig common();

  /** Kafka Streams application.id (or consumer group) of this role. */
  String applicationId();

  /** Kafka Streams threads of this role: {@link CommonConfig#THREADS} unless the role has a key of its own. */
  default int streamThreads() {
    return common().threads();
  }

  /** Keys (own or common) this role cannot start without, such as the crypto keys it holds. */
  default List<ConfigKey<?>> requiredKeys() {
    return List.of();
  }

  /** Checks that span several keys; each throws a {@link ConfigException} naming the keys and the fix. */
  default List<Runnable> crossChecks() {
    return List.of();
  }
}
