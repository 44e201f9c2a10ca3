package org.phigate.runtime.acl;

import static org.apache.kafka.common.acl.AclOperation.CREATE;
import static org.apache.kafka.common.acl.AclOperation.DELETE;
import static org.apache.kafka.common.acl.AclOperation.DESCRIBE;
import static org.apache.kafka.common.acl.AclOperation.DESCRIBE_CONFIGS;
import static org.apache.kafka.common.acl.AclOperation.READ;
import static org.apache.kafka.common.acl.AclOperation.WRITE;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.phigate.catalog.Topic;
import org.phigate.catalog.TopicSerdes;
import org.phigate.catalog.Topics;
import org.phigate.config.CommonConfig;
import org.phigate.config.RoleConfig;
import org.phigate.config.Settings;
import org.phigate.registry.RestSchemaRegistryClient;
import org.phigate.runtime.Role;
import org.phigate.runtime.RoleTopologies;
import org.phigate.security.Keys;

/**
 * The exact ACLs each role needs, derived from its topology: READ on every catalog topic a source or global store
 * reads, WRITE on every sink and on the topics its exception handlers and edges write, READ on its consumer group,
 * the internal topics (changelogs, repartition topics) and exactly-once transactional ids by the application-id
 * prefix. One principal per role: {@code User:<application.id>} (SCRAM user name, or certificate CN).
 */
public final class AclPlan {
  private static final Set<AclOperation> INTERNAL_TOPIC_OPERATIONS = Set.of(CREATE, DELETE, DESCRIBE,
      DESCRIBE_CONFIGS, READ, WRITE);
  private static final Set<AclOperation> TRANSACTION_OPERATIONS = Set.of(WRITE, DESCRIBE);
  private static final Set<String> CATALOG = Topics.ALL.stream().map(Topic::name).collect(Collectors.toSet());

  private AclPlan() {}

  /** The principal of a role under this config. */
  public static String principal(RoleConfig config) {
    return "User:" + config.applicationId();
  }

  /** The plan for {@code roles}, principals and ids from {@code common}; sorted, no duplicates. */
  public static List<AclEntry> derive(CommonConfig common, List<Role> roles) {
    CommonConfig shape = planningConfig();
    TopicSerdes serdes = new TopicSerdes(new RestSchemaRegistryClient("http://127.0.0.1:1"));
    Set<AclEntry> out = new TreeSet<>();
    for (Role role : roles) {
      RoleConfig config = role.config(common);
      Grants grants = new Grants(role.id(), principal(config));
      if (role == Role.AUDIT_ARCHIVER) {
        grants.topic(Topics.AUDIT_EVENTS.name(), READ);
        grants.literal(ResourceType.GROUP, config.applicationId(), READ);
      } else {
        streamsRole(role, RoleTopologies.build(role, shape, serdes, Clock.systemUTC()), config, grants);
      }
      out.addAll(grants.entries);
    }
    return List.copyOf(out);
  }

  private static void streamsRole(Role role, Topology topology, RoleConfig config, Grants grants) {
    TopologyDescription description = topology.describe();
    description.subtopologies().forEach(s -> s.nodes().forEach(n -> {
      if (n instanceof TopologyDescription.Source source) {
        source.topicSet().forEach(t -> grants.topic(t, READ));
      } else if (n instanceof TopologyDescription.Sink sink && sink.topic() != null) {
        grants.topic(sink.topic(), WRITE);
      }
    }));
    description.globalStores().forEach(g -> g.source().topicSet().forEach(t -> grants.topic(t, READ)));
    // the exception handlers: poison pills, the role's own dead letters, and their audit events
    grants.topic(Topics.POISON_DLQ.name(), WRITE);
    grants.topic(Topics.AUDIT_EVENTS.name(), WRITE);
    switch (role) {
      case INTAKE -> {
        grants.topic(Topics.INTAKE_DLQ.name(), WRITE);
        // the MLLP and FHIR REST edges publish what they accept, under the intake principal
        grants.topic(Topics.INTAKE_RAW.name(), WRITE);
      }
      case DEID -> grants.topic(Topics.INTAKE_DLQ.name(), WRITE);
      case WRITEBACK -> grants.topic(Topics.EHR_DLQ.name(), WRITE);
      // the reviewer API publishes signed decisions under the review principal, beside the topology
      case REVIEW -> grants.topic(Topics.REVIEW_DECISIONS.name(), WRITE);
      default -> { }
    }
    // envelope data keys beside the topology (KafkaDataKeyStore): roles that seal create keys, write-back only opens
    switch (role) {
      case INTAKE, DEID, REVIEW -> {
        grants.topic(Topics.DATA_KEYS.name(), READ);
        grants.topic(Topics.DATA_KEYS.name(), WRITE);
      }
      case WRITEBACK -> grants.topic(Topics.DATA_KEYS.name(), READ);
      default -> { }
    }
    String prefix = config.applicationId() + "-";
    grants.literal(ResourceType.GROUP, config.applicationId(), READ);
    INTERNAL_TOPIC_OPERATIONS.forEach(op -> grants.prefixed(ResourceType.TOPIC, prefix, op));
    TRANSACTION_OPERATIONS.forEach(op -> grants.prefixed(ResourceType.TRANSACTIONAL_ID, prefix, op));
  }

  /**
   * Settings that let every topology be built without the site's keys or services: which topics a topology reads
   * and writes depends on no setting, only its internal topics' prefix (the site's application id) does.
   */
  private static CommonConfig planningConfig() {
    Map<String, String> values = new HashMap<>();
    values.put(CommonConfig.EVENT_KEY.name(), Keys.randomBase64());
    values.put(CommonConfig.VAULT_KEY.name(), Keys.randomBase64());
    values.put(CommonConfig.HMAC_KEY.name(), Keys.randomBase64());
    // no host-name lookup for the audit source address of a topology that never runs
    values.put(CommonConfig.INSTANCE_ADDRESS.name(), "127.0.0.1");
    return new CommonConfig(Settings.of(values));
  }

  /** The plan as deploy/acls.tsv holds it: a header, then one line per entry. */
  public static String tsv(List<AclEntry> plan) {
    StringBuilder out = new StringBuilder();
    out.append("# PHIGate ACL plan, generated by `phigate acl plan` from each role's topology (default config): do not\n")
        .append("# edit; DeployManifestTest fails on any difference. One principal per role (User:<application.id>);\n")
        .append("# every grant is ALLOW from any host. PREFIXED names cover the role's changelog and repartition\n")
        .append("# topics and its exactly-once transactional ids.\n")
        .append("# principal\tresource\tpattern\tname\toperation\n");
    plan.forEach(e -> out.append(e.tsv()).append('\n'));
    return out.toString();
  }

  private static final class Grants {
    private final String role;
    private final String principal;
    private final List<AclEntry> entries = new ArrayList<>();

    Grants(String role, String principal) {
      this.role = role;
      this.principal = principal;
    }

    void topic(String name, AclOperation op) {
      // internal topics (not in the catalog) are covered by the application-id prefix
      if (CATALOG.contains(name)) {
        literal(ResourceType.TOPIC, name, op);
      }
    }

    void literal(ResourceType type, String name, AclOperation op) {
      entries.add(new AclEntry(role, principal, type, PatternType.LITERAL, name, op));
    }

    void prefixed(ResourceType type, String prefix, AclOperation op) {
      entries.add(new AclEntry(role, principal, type, PatternType.PREFIXED, prefix, op));
    }
  }
}
