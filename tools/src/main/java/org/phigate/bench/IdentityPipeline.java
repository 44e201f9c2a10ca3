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
 * on {@code bench.identity.*} topics with the catalog's partition count; every stage also writes one small record
 * per message to an audit topic in the same transaction, as each real stage writes its audit event.
 */
final class IdentityPipeline implements AutoCloseable {
  static final String PREFIX = "bench.identity.";
  static final List<String> HOPS = List.of("intake.raw", "events.normalized", "phi.detected", "events.deidentified",
      "ai.results", "review.pending");
  static final String AUDIT = "audit.events";
  /** What the identity pipeline is, as the bench's output states it. */
  static final String DESCRIPTION = "4 Kafka Streams apps (intake, deid, inference, review), each with its role's "
      + "Streams settings (exactly-once v2, commit interval, stream threads), 5 stages copying the bytes unchanged "
      + "over the same 6 topics as the pipeline (bench.identity.intake.raw -> events.normalized -> phi.detected -> "
      + "events.deidentified -> ai.results -> review.pending) and writing one record per message and stage to "
      + "bench.identity.audit.events in the same transaction; no parsing, detection, sealing, vault, state store, "
      + "model or review hold, and every message goes all the way (the pipeline stops registration-only messages at "
      + "inference)";
  private final List<KafkaStreams> apps = new ArrayList<>();

  static String topic(String hop) {
    return PREFIX + hop;
  }

  static IdentityPipeline start(CommonConfig common, TopicSerdes serdes, RoleThreads threads) throws Exception {
    Properties admin = new Properties();
    admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, common.bootstrapServers());
    try (Admin client = Admin.create(admin)) {
      List<String> topics = new ArrayList<>(HOPS);
      topics.add(AUDIT);
      client.createTopics(topics.stream().map(h -> new NewTopic(topic(h), common.topicPartitions(),
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
      var stream = builder.stream(topic(hop), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
          .withName("identity-in-" + hop));
      stream.to(topic(next), Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("identity-out-" + next));
      stream.mapValues((key, value) -> key, Named.as("identity-audit-of-" + hop))
          .to(topic(AUDIT), Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("identity-audit-" + hop));
    }
    Topology topology = builder.build();
    Properties props = StreamsProperties.forRole(role.config(common),
        RoleTopologies.deadLetters(role, common, serdes, Clock.systemUTC()));
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench-identity-" + role.id());
    props.put(StreamsConfig.CLIENT_ID_CONFIG, "bench-identity-" + role.id());
    props.put(StreamsConfig.STATE_DIR_CONFIG, Path.of(common.stateDir(), "identity-" + role.id()).toString());
    if (threads.of(role) > 0) {
      props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads.of(role));
    }
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
