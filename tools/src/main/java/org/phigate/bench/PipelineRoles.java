package org.phigate.bench;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.phigate.catalog.TopicSerdes;
import org.phigate.config.CommonConfig;
import org.phigate.config.InferenceConfig;
import org.phigate.runtime.Role;
import org.phigate.runtime.RoleTopologies;
import org.phigate.streams.StreamsProperties;

/** The PHIGate roles as `phigate run` builds them, with the inference role's model chosen per phase. */
final class PipelineRoles implements AutoCloseable {
  private final CommonConfig common;
  private final TopicSerdes serdes;
  private final RoleThreads threads;
  private final boolean writeback;
  private final Map<Role, KafkaStreams> apps = new LinkedHashMap<>();

  PipelineRoles(CommonConfig common, TopicSerdes serdes, RoleThreads threads, boolean writeback) {
    this.common = common;
    this.serdes = serdes;
    this.threads = threads;
    this.writeback = writeback;
  }

  void start(boolean constantModel) throws InterruptedException {
    List<Role> roles = new ArrayList<>(List.of(Role.INTAKE, Role.DEID, Role.INFERENCE, Role.REVIEW));
    if (writeback) {
      roles.add(Role.WRITEBACK);
    }
    Role.validate(common, roles);
    roles.forEach(role -> apps.put(role, startRole(role, constantModel)));
    awaitRunning(() -> apps.values().stream().allMatch(a -> a.state() == KafkaStreams.State.RUNNING));
  }

  void swapInference(boolean constantModel) throws InterruptedException {
    apps.remove(Role.INFERENCE).close(Duration.ofSeconds(30));
    apps.put(Role.INFERENCE, startRole(Role.INFERENCE, constantModel));
    awaitRunning(() -> apps.values().stream().allMatch(a -> a.state() == KafkaStreams.State.RUNNING));
  }

  private KafkaStreams startRole(Role role, boolean constantModel) {
    Clock clock = Clock.systemUTC();
    Topology topology = role == Role.INFERENCE && constantModel
        ? RoleTopologies.inferenceWith(new InferenceConfig(common), serdes, clock, new ConstantTimeModel())
        : RoleTopologies.build(role, common, serdes, clock);
    var props = StreamsProperties.forRole(role.config(common), RoleTopologies.deadLetters(role, common, serdes,
        clock));
    if (threads.of(role) > 0) {
      props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads.of(role));
    }
    KafkaStreams app = new KafkaStreams(topology, props);
    app.start();
    return app;
  }

  @Override
  public void close() {
    apps.values().forEach(a -> a.close(Duration.ofSeconds(30)));
  }

  /** Waits until {@code running} holds (the Streams apps reached RUNNING), at most 120 s. */
  static void awaitRunning(BooleanSupplier running) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 120_000;
    while (!running.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("Streams apps did not reach RUNNING within 120 s");
      }
      Thread.sleep(100); // polling a state, not synchronizing with a result
    }
  }
}
