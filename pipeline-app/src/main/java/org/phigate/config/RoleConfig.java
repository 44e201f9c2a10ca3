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
}
