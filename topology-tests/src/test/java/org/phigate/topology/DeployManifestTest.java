package org.phigate.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;
import org.phigate.catalog.PhiClass;
import org.phigate.catalog.Topic;
import org.phigate.catalog.Topics;
import org.phigate.config.CommonConfig;
import org.phigate.runtime.Role;
import org.phigate.runtime.acl.AclPlan;

/** deploy/ must match the code: the topic manifest the catalog, the ACL plan what each role's topology uses. */
class DeployManifestTest {
  private static final Path DEPLOY = Path.of("../deploy");

  private static List<String[]> rows(String file) throws IOException {
    return Files.readAllLines(DEPLOY.resolve(file)).stream().filter(l -> !l.isBlank() && !l.startsWith("#"))
        .map(l -> l.split("\t")).toList();
  }

  @Test
  void shouldListEveryCatalogTopicWithItsRetentionCleanupPolicyAndRecordLimit() throws IOException {
    Map<String, String> manifest = new TreeMap<>();
    rows("topics.tsv").forEach(r -> manifest.put(r[0], r[1] + " " + r[2] + " " + r[3] + " " + r[5]));
    Map<String, String> catalog = new TreeMap<>();
    int messageBytes = Integer.parseInt(CommonConfig.MAX_MESSAGE_BYTES.defaultValue());
    for (Topic<?, ?> t : Topics.ALL) {
      Map<String, String> configs = t.topicConfigs(messageBytes);
      catalog.put(t.name(), configs.get("cleanup.policy") + " " + configs.get("retention.ms") + " " + t.phi() + " "
          + configs.get("max.message.bytes"));
    }
    assertThat(manifest).isEqualTo(catalog);
  }

  @Test
  void shouldHoldExactlyThePlanThatAclPlanDerives() throws IOException {
    String generated = AclPlan.tsv(AclPlan.derive(new TestPipeline().common, List.of(Role.values())));
    assertThat(Files.readString(DEPLOY.resolve("acls.tsv")))
        .as("deploy/acls.tsv is generated: ./phigate acl plan > deploy/acls.tsv").isEqualTo(generated);
  }

  @Test
  void shouldGrantEachRoleExactlyTheTopicsItsTopologyReadsAndWrites() throws IOException {
    Map<String, Set<String>> plan = new TreeMap<>();
    rows("acls.tsv").stream().filter(r -> r[1].equals("TOPIC") && r[2].equals("LITERAL"))
        .forEach(r -> plan.computeIfAbsent(r[0] + " " + r[4], k -> new TreeSet<>()).add(r[3]));
    TestPipeline pipeline = new TestPipeline();
    for (Role role : Role.values()) {
      if (role == Role.AUDIT_ARCHIVER) {
        assertThat(plan.get("User:phigate-audit-archiver READ")).containsExactly(Topics.AUDIT_EVENTS.name());
        assertThat(plan.get("User:phigate-audit-archiver WRITE")).isNull();
        continue;
      }
      TopologyDescription description = pipeline.topology(role).describe();
      Set<String> reads = new TreeSet<>();
      Set<String> writes = new TreeSet<>();
      description.subtopologies().forEach(s -> s.nodes().forEach(n -> {
        if (n instanceof TopologyDescription.Source source) {
          reads.addAll(source.topicSet());
        } else if (n instanceof TopologyDescription.Sink sink && sink.topic() != null) {
          writes.add(sink.topic());
        }
      }));
      description.globalStores().forEach(g -> reads.addAll(g.source().topicSet()));
      // the PHI-safe exception handlers write poison pills, the role's dead letters and their audit events there
      writes.add(Topics.POISON_DLQ.name());
      writes.add(Topics.AUDIT_EVENTS.name());
      if (role == Role.INTAKE) {
        writes.add(Topics.INTAKE_RAW.name()); // the MLLP and FHIR REST edges
      }
      if (role == Role.REVIEW) {
        writes.add(Topics.REVIEW_DECISIONS.name()); // the reviewer API's producer, beside the topology
      }
      if (role != Role.INFERENCE) { // envelope data keys: read to open; roles that seal also create keys
        reads.add(Topics.DATA_KEYS.name());
        if (role != Role.WRITEBACK) {
          writes.add(Topics.DATA_KEYS.name());
        }
      }
      String principal = "User:phigate-" + role.id();
      assertThat(plan.get(principal + " READ")).as(principal + " READ").isEqualTo(catalogOnly(reads));
      assertThat(plan.get(principal + " WRITE")).as(principal + " WRITE").isEqualTo(catalogOnly(writes));
    }
  }

  @Test
  void shouldLetTheIntakeEdgesWriteTheRawTopic() throws IOException {
    assertThat(rows("acls.tsv")).anySatisfy(r -> assertThat(r).containsExactly("User:phigate-intake", "TOPIC",
        "LITERAL", Topics.INTAKE_RAW.name(), "WRITE"));
  }

  @Test
  void shouldGiveTheInferencePrincipalNothingOnAnyPhiTopic() throws IOException {
    Set<String> phiTopics = Topics.ALL.stream().filter(t -> t.phi() != PhiClass.NONE).map(Topic::name)
        .collect(Collectors.toSet());
    List<String[]> inference = rows("acls.tsv").stream().filter(r -> r[0].equals("User:phigate-inference")).toList();
    // the one PHI-class topic it touches is the poison dead-letter sink, write-only (what it drops there is sealed)
    assertThat(inference).isNotEmpty().filteredOn(r -> phiTopics.contains(r[3])).allSatisfy(r ->
        assertThat(r).containsExactly("User:phigate-inference", "TOPIC", "LITERAL", Topics.POISON_DLQ.name(), "WRITE"));
    // its prefixed grants cover only its own internal topics and transactional ids
    assertThat(inference).filteredOn(r -> r[2].equals("PREFIXED")).allSatisfy(r ->
        assertThat(r[3]).isEqualTo("phigate-inference-"));
  }

  @Test
  void shouldLetOnlyWritebackReadTheVaultAndOnlyTheArchiverReadAudit() throws IOException {
    Set<String> vaultReaders = rows("acls.tsv").stream()
        .filter(r -> r[3].equals(Topics.PHI_VAULT.name()) && !r[4].equals("WRITE")).map(r -> r[0])
        .collect(Collectors.toSet());
    // review's re-identification path (issue 14) may join it: no other role
    assertThat(vaultReaders).contains("User:phigate-writeback")
        .isSubsetOf(Set.of("User:phigate-writeback", "User:phigate-review"));
    assertThat(rows("acls.tsv")).filteredOn(r -> r[3].equals(Topics.AUDIT_EVENTS.name()) && !r[4].equals("WRITE"))
        .extracting(r -> r[0]).containsOnly("User:phigate-audit-archiver");
  }

  @Test
  void shouldGiveEveryRoleItsOwnPrincipal() {
    TestPipeline pipeline = new TestPipeline();
    Set<String> principals = java.util.Arrays.stream(Role.values())
        .map(r -> AclPlan.principal(r.config(pipeline.common))).collect(Collectors.toSet());
    assertThat(principals).hasSize(Role.values().length);
  }

  /** Internal repartition/changelog topics are covered by the role's prefixed ACL on its application id. */
  private static Set<String> catalogOnly(Set<String> topics) {
    return topics.stream().filter(t -> t.startsWith("phigate.")).collect(Collectors.toCollection(TreeSet::new));
  }
}
