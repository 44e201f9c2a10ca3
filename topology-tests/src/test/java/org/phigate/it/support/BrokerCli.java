package org.phigate.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.phigate.catalog.TopicSerdes;
import org.phigate.catalog.Topics;
import org.phigate.cli.CliRun;
import org.phigate.schema.AuditEvent;

/**
 * The phigate CLI against a plaintext broker, as an operator runs it: a {@code --config} file written from the
 * settings, each command's output, and the topic reads that check what a command wrote.
 */
public final class BrokerCli {
  private final String bootstrap;

  public BrokerCli(String bootstrap) {
    this.bootstrap = bootstrap;
  }

  /** Writes the settings as a properties file, as `--config FILE` reads it. */
  public static Path writeConfig(Path file, Map<String, String> settings) throws IOException {
    StringBuilder props = new StringBuilder();
    settings.forEach((k, v) -> props.append(k).append('=').append(v).append('\n'));
    return Files.writeString(file, props);
  }

  /** Runs {@code phigate args...} in this JVM; fails unless it exits 0; returns its standard output. */
  public static String run(String... args) {
    CliRun run = CliRun.of(args);
    assertThat(run.exit()).as(String.join(" ", args)).isZero();
    return run.out();
  }

  /** The sum of the topic's end offsets. */
  public long end(String topic) {
    try (KafkaConsumer<String, byte[]> c = consumer()) {
      return c.endOffsets(partitions(c, topic)).values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /** Every audit event on the topic (read for 30 s at most). */
  public List<AuditEvent> auditEvents(TopicSerdes serdes) {
    String topic = Topics.AUDIT_EVENTS.name();
    List<AuditEvent> out = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> c = consumer()) {
      List<TopicPartition> parts = partitions(c, topic);
      c.assign(parts);
      c.seekToBeginning(parts);
      long total = c.endOffsets(parts).values().stream().mapToLong(Long::longValue).sum();
      long seen = 0;
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (seen < total && System.nanoTime() < deadline) {
        for (var r : c.poll(Duration.ofMillis(200))) {
          seen++;
          out.add(serdes.valueSerde(Topics.AUDIT_EVENTS).deserializer().deserialize(topic, r.value()));
        }
      }
    }
    return out;
  }

  private static List<TopicPartition> partitions(KafkaConsumer<?, ?> c, String topic) {
    return c.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
  }

  private KafkaConsumer<String, byte[]> consumer() {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
  }
}
