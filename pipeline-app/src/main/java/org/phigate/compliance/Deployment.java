package org.phigate.compliance;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.phigate.config.CommonConfig;
import org.phigate.config.Settings;
import org.phigate.runtime.Role;
import org.phigate.runtime.acl.AclAdmin;
import org.phigate.runtime.acl.AclEntry;

/**
 * What the compliance check evaluates: the settings of one process (a config file and the environment) and the
 * roles it runs, plus, when a broker was reachable, the broker's ACLs compared with the plan.
 */
public record Deployment(CommonConfig common, List<Role> roles, AclSource acls) {
  /** The broker's ACL drift against a plan, or empty when no broker was reachable (or asked). */
  @FunctionalInterface
  public interface AclSource {
    Optional<AclAdmin.Drift> drift(List<AclEntry> plan);

    /** Why the drift is unknown when {@link #drift} is empty. */
    default String unavailableReason() {
      return "no broker was asked";
    }
  }

  public Deployment {
    roles = List.copyOf(roles);
  }

  public Settings settings() {
    return common.settings();
  }

  public boolean has(Role role) {
    return roles.contains(role);
  }

  /** The Kafka client settings of a role's clients ({@code kafka.*} with its {@code role.<id>.kafka.*} on top). */
  public Map<String, String> kafka(Role role) {
    return common.kafkaClientOverrides(role.id());
  }

  public <T> T get(org.phigate.config.ConfigKey<T> key) {
    return common.settings().get(key);
  }
}
