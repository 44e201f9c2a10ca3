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
  void shouldGrantEachRoleExactlyTheTopicsItsTopologyReadsAndWrites() throws IOException {
    Map<String, Set<String>> plan = new TreeMap<>();
    rows("acls.tsv").forEach(r -> plan.computeIfAbsent(r[0] + " " + r[2], k -> new TreeSet<>()).add(r[1]));
    TestPipeline pipeline = new TestPipeline();
    for (Role role : Role.values()) {
      if (role == Role.AUDIT_ARCHIVER) {
        assertThat(plan.get("phigate-audit-archiver READ")).containsExactly(Topics.AUDIT_EVENTS.name());
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
      // the PHI-safe deserialization handler of every Streams role writes poison pills there
      writes.add(Topics.POISON_DLQ.name());
      if (role == Role.REVIEW) {
        writes.add(Topics.REVIEW_DECISIONS.name()); // the reviewer API's producer, beside the topology
      }
      String principal = "phigate-" + role.id();
      assertThat(plan.get(principal + " READ")).as(principal + " READ").isEqualTo(catalogOnly(reads));
      assertThat(plan.get(principal + " WRITE")).as(principal + " WRITE").isEqualTo(catalogOnly(writes));
    }
  }

  @Test
  void shouldNeverLetTheInferenceRoleReadAPhiTopic() throws IOException {
    Set<String> phiTopics = Topics.ALL.stream().filter(t -> t.phi() != PhiClass.NONE).map(Topic::name)
        .collect(Collectors.toSet());
    assertThat(rows("acls.tsv")).filteredOn(r -> r[0].equals("phigate-inference") && r[2].equals("READ"))
        .isNotEmpty().allSatisfy(r -> assertThat(phiTopics).doesNotContain(r[1]));
  }

  /** Internal repartition/changelog topics are covered by the role's prefixed ACL on its application id. */
  private static Set<String> catalogOnly(Set<String> topics) {
    return topics.stream().filter(t -> t.startsWith("phigate.")).collect(Collectors.toCollection(TreeSet::new));
  }
}
