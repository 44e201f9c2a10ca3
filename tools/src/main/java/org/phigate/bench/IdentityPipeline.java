package org.phigate.bench;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.phigate.catalog.TopicSerdes;
import org.phigate.config.CommonConfig;
import org.phigate.runtime.Role;
import org.phigate.runtime.RoleTopologies;
import org.phigate.streams.StreamsProperties;

/**
 * The pipeline's topic hops with every stage a pass-through: one Streams app per role (intake, deid with its two
 * hops, inference, review), each with the role's own Streams properties (exactly-once v2, commit interval, threads),
 * on {@code bench.identity.*} topics with the catalog's partition count.
 */
final class IdentityPipeline implements AutoCloseable {
  static final String PREFIX = "bench.identity.";
  static final List<String> HOPS = List.of("intake.raw", "events.normalized", "phi.detected", "events.deidentified",
      "ai.results", "review.pending");
  private final List<KafkaStreams> apps = new ArrayList<>();

  static String topic(String hop) {
    return PREFIX + hop;
  }

  static IdentityPipeline start(CommonConfig common, TopicSerdes serdes, RoleThreads threads) throws Exception {
    Properties admin = new Properties();
    admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, common.bootstrapServers());
    try (Admin client = Admin.create(admin)) {
      client.createTopics(HOPS.stream().map(h -> new NewTopic(topic(h), common.topicPartitions(),
          (short) common.topicReplicationFactor())).toList()).all().get();
    }
    IdentityPipeline pipeline = new IdentityPipeline();
    pipeline.add(Role.INTAKE, common, serdes, threads, List.of("intake.raw"));
    pipeline.add(Role.DEID, common, serdes, threads, List.of("events.normalized", "phi.detected"));
    pipeline.add(Role.INFERENCE, common, serdes, threads, List.of("events.deidentified"));
    pipeline.add(Role.REVIEW, common, serdes, threads, List.of("ai.results"));
    pipeline.apps.forEach(KafkaStreams::start);
    return pipeline;
  }

  private void add(Role role, CommonConfig common, TopicSerdes serdes, RoleThreads threads, List<String> inputs) {
    StreamsBuilder builder = new StreamsBuilder();
    for (String hop : inputs) {
      String next = HOPS.get(HOPS.indexOf(hop) + 1);
      builder.stream(topic(hop), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("identity-in-" + hop))
          .to(topic(next), Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("identity-out-" + next));
    }
    Topology topology = builder.build();
    Properties props = StreamsProperties.forRole(role.config(common),
        RoleTopologies.deadLetters(role, common, serdes, Clock.systemUTC()));
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench-identity-" + role.id());
    props.put(StreamsConfig.CLIENT_ID_CONFIG, "bench-identity-" + role.id());
    props.put(StreamsConfig.STATE_DIR_CONFIG, Path.of(common.stateDir(), "identity-" + role.id()).toString());
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads.of(role));
    apps.add(new KafkaStreams(topology, props));
  }

  boolean running() {
    return apps.stream().allMatch(a -> a.state() == KafkaStreams.State.RUNNING);
  }

  @Override
  public void close() {
    apps.forEach(a -> a.close(java.time.Duration.ofSeconds(30)));
  }
}
