package org.phigate.demo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.phigate.config.CommonConfig;
import org.phigate.config.Settings;
import org.phigate.embedded.BrokerSecurity;
import org.phigate.embedded.EmbeddedKafkaBroker;
import org.phigate.runtime.Role;
import org.phigate.runtime.acl.AclAdmin;
import org.phigate.runtime.acl.AclPlan;

/**
 * `phigate demo --secure`: the roles log in over SASL_SSL (SCRAM-SHA-512), each as its own principal
 * ({@code role.<id>.kafka.sasl.jaas.config.file}); the demo's own clients (the integration engine publishing, the
 * demo reviewer, the observer, topic and ACL administration) use the admin's client certificate on the mTLS listener.
 * The broker's CA, keystores and passwords are generated at start under the demo's temporary directory, owner-only,
 * and every setting names the secret's file, never the secret.
 */
final class DemoSecurity {
  private DemoSecurity() {}

  /** Every role's principal: its application id, as {@code acl plan} derives it. */
  static List<String> principals() {
    CommonConfig defaults = new CommonConfig(Settings.of(Map.of()));
    return java.util.Arrays.stream(Role.values()).map(role -> AclPlan.principal(role.config(defaults))
        .substring("User:".length())).toList();
  }

  /** The roles' shared {@code kafka.*} settings (SASL_SSL, trusting the local CA) plus each role's own login. */
  static Map<String, String> roleSettings(EmbeddedKafkaBroker broker) {
    BrokerSecurity security = broker.security();
    Map<String, String> settings = new LinkedHashMap<>();
    CommonConfig defaults = new CommonConfig(Settings.of(Map.of()));
    for (Role role : Role.values()) {
      String principal = AclPlan.principal(role.config(defaults)).substring("User:".length());
      Map<String, String> scram = security.scramClient(principal, broker.bootstrapServers());
      settings.put(Settings.rolePrefix(role.id()) + "sasl.jaas.config.file", scram.get("kafka.sasl.jaas.config.file"));
      scram.remove("kafka.sasl.jaas.config.file");
      settings.putAll(scram);
    }
    return settings;
  }

  /** The demo's own clients: the admin over mTLS, for topics, ACLs, publishing, decisions and observing. */
  static Map<String, String> adminSettings(EmbeddedKafkaBroker broker) {
    return broker.security().tlsClient(BrokerSecurity.ADMIN, broker.tlsBootstrapServers());
  }

  /** {@link #adminSettings} as Kafka client properties (secrets read from their files). */
  static Properties adminClient(EmbeddedKafkaBroker broker) {
    return BrokerSecurity.clientProperties(adminSettings(broker));
  }

  /** Creates the ACLs of {@code phigate acl plan} for every role, as {@code phigate acl apply} does; returns how many. */
  static int applyAcls(CommonConfig admin) {
    try (AclAdmin acls = AclAdmin.connect(admin)) {
      return acls.apply(AclPlan.derive(admin, List.of(Role.values()))).size();
    }
  }
}
