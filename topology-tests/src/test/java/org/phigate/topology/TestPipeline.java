package org.phigate.topology;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.phigate.catalog.Topic;
import org.phigate.catalog.TopicSerdes;
import org.phigate.config.CommonConfig;
import org.phigate.config.ReviewConfig;
import org.phigate.config.Settings;
import org.phigate.review.auth.DecisionMac;
import org.phigate.embedded.InMemorySchemaRegistry;
import org.phigate.runtime.Role;
import org.phigate.runtime.RoleTopologies;
import org.phigate.streams.StreamsProperties;
import org.phigate.security.Keys;

/** Shared fixture for TopologyTestDriver tests: keys, config, in-memory registry serdes, a fixed clock. */
final class TestPipeline {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);
  final TopicSerdes serdes = new TopicSerdes(new InMemorySchemaRegistry());
  final CommonConfig common;

  TestPipeline() {
    this(Map.of());
  }

  TestPipeline(Map<String, String> extra) {
    Map<String, String> settings = new HashMap<>(Map.of(
        CommonConfig.TENANT.name(), "test-hospital",
        CommonConfig.INSTANCE_ADDRESS.name(), "192.0.2.10",
        CommonConfig.EVENT_KEY.name(), Keys.randomBase64(),
        CommonConfig.VAULT_KEY.name(), Keys.randomBase64(),
        CommonConfig.HMAC_KEY.name(), Keys.randomBase64(),
        CommonConfig.REVIEW_KEY.name(), Keys.randomBase64(),
        ReviewConfig.MAC_KEY.name(), Keys.randomBase64(),
        CommonConfig.STATE_DIR.name(), System.getProperty("java.io.tmpdir") + "/phigate-ttd-" + System.nanoTime()));
    settings.putAll(extra);
    this.common = new CommonConfig(Settings.of(settings));
  }

  /** The review role's decision MAC, as its API signs decisions. */
  DecisionMac decisionMac() {
    return new DecisionMac(new ReviewConfig(common).macKey());
  }

  Topology topology(Role role) {
    return RoleTopologies.build(role, common, serdes, CLOCK);
  }

  TopologyTestDriver driver(Role role) {
    return driver(role, topology(role));
  }

  /** A driver for {@code topology} with the role's Streams properties, exception handlers and dead letters. */
  TopologyTestDriver driver(Role role, Topology topology) {
    return new TopologyTestDriver(topology, properties(role));
  }

  /** A driver for the role whose mocked wall clock (punctuations) starts at {@code wallClock}. */
  TopologyTestDriver driver(Role role, Instant wallClock) {
    return new TopologyTestDriver(topology(role), properties(role), wallClock);
  }

  private Properties properties(Role role) {
    Properties props = StreamsProperties.forRole(role.config(common),
        RoleTopologies.deadLetters(role, common, serdes, CLOCK));
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:9092");
    return props;
  }

  <V> org.apache.kafka.streams.TestInputTopic<String, V> input(TopologyTestDriver driver, Topic<String, V> topic) {
    return driver.createInputTopic(topic.name(), serdes.keySerde(topic).serializer(),
        serdes.valueSerde(topic).serializer());
  }

  <V> org.apache.kafka.streams.TestOutputTopic<String, V> output(TopologyTestDriver driver, Topic<String, V> topic) {
    return driver.createOutputTopic(topic.name(), serdes.keySerde(topic).deserializer(),
        serdes.valueSerde(topic).deserializer());
  }
}
