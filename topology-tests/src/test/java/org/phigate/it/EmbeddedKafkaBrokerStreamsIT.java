package org.phigate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phigate.embedded.EmbeddedKafkaBroker;
import org.phigate.it.support.SharedServices;
import org.phigate.streams.ProducerFactory;

/** The embedded broker runs exactly-once v2 Streams apps and keeps its data across a restart. */
class EmbeddedKafkaBrokerStreamsIT {

  @Test
  void exactlyOnceV2StreamsAppRuns(@TempDir Path stateDir) throws Exception {
    EmbeddedKafkaBroker broker = SharedServices.kafka();
    createTopics(broker, "it.eos.in", "it.eos.out");
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("it.eos.in", Consumed.with(Serdes.String(), Serdes.String()))
        .mapValues(v -> v.toUpperCase())
        .to("it.eos.out", Produced.with(Serdes.String(), Serdes.String()));
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "it-eos-app");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");

    try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
      streams.start();
      produce(broker, "it.eos.in", 100);
      List<ConsumerRecord<String, String>> out = consumeCommitted(broker, "it.eos.out", 100);
      assertThat(out).extracting(ConsumerRecord::value).contains("V0", "V99").allMatch(v -> v.startsWith("V"));
      streams.close(Duration.ofSeconds(30));
    }
  }

  @Test
  void restartOnSameDirectoryKeepsTopicsAndData(@TempDir Path dataDir) throws Exception {
    String bootstrap;
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir)) {
      bootstrap = broker.bootstrapServers();
      createTopics(broker, "it.restart");
      produce(broker, "it.restart", 10);
    }
    assertThat(Files.exists(dataDir.resolve("server.properties"))).isTrue();
    try (EmbeddedKafkaBroker again = EmbeddedKafkaBroker.start(dataDir)) {
      assertThat(again.bootstrapServers()).isEqualTo(bootstrap);
      assertThat(consumeCommitted(again, "it.restart", 10)).hasSize(10);
    }
  }

  private static void createTopics(EmbeddedKafkaBroker broker, String... topics) throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      List<NewTopic> newTopics = new ArrayList<>();
      for (String topic : topics) {
        newTopics.add(new NewTopic(topic, 1, (short) 1));
      }
      admin.createTopics(newTopics).all().get();
    }
  }

  private static void produce(EmbeddedKafkaBroker broker, String topic, int count) {
    try (KafkaProducer<String, String> producer = ProducerFactory.of(broker.bootstrapServers())
        .create(new StringSerializer(), new StringSerializer())) {
      for (int i = 0; i < count; i++) {
        producer.send(new ProducerRecord<>(topic, "k" + i, "v" + i));
      }
      producer.flush();
    }
  }

  private static List<ConsumerRecord<String, String>> consumeCommitted(
      EmbeddedKafkaBroker broker, String topic, int expected) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "it-reader-" + topic);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    List<ConsumerRecord<String, String>> received = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
      consumer.subscribe(List.of(topic));
      await().atMost(Duration.ofSeconds(60)).until(() -> {
        consumer.poll(Duration.ofMillis(200)).forEach(received::add);
        return received.size() >= expected;
      });
    }
    return received;
  }
}
