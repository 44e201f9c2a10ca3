package org.phigate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.phigate.embedded.EmbeddedKafkaBroker;
import org.phigate.it.support.SharedServices;
import org.phigate.streams.ProducerFactory;

class EmbeddedKafkaBrokerIT {
  private static final int RECORDS = 1000;

  @Test
  void transactionalRoundTripIsReadCommitted() throws Exception {
    EmbeddedKafkaBroker broker = SharedServices.kafka();
    String topic = "it.broker.roundtrip";
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
    }

    try (KafkaProducer<String, String> producer = ProducerFactory.of(broker.bootstrapServers())
        .transactional("it-broker-tx").create(new StringSerializer(), new StringSerializer())) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "aborted", "must-not-be-read"));
      producer.flush();
      producer.abortTransaction();
      producer.beginTransaction();
      for (int i = 0; i < RECORDS; i++) {
        producer.send(new ProducerRecord<>(topic, "k" + i, "v" + i));
      }
      producer.commitTransaction();
    }

    List<ConsumerRecord<String, String>> received = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps(broker))) {
      consumer.subscribe(List.of(topic));
      await().atMost(Duration.ofSeconds(60)).until(() -> {
        consumer.poll(Duration.ofMillis(200)).forEach(received::add);
        return received.size() >= RECORDS;
      });
      assertThat(consumer.poll(Duration.ofMillis(500))).isEmpty();
    }
    assertThat(received).hasSize(RECORDS);
    assertThat(received).extracting(ConsumerRecord::key).doesNotContain("aborted").contains("k0", "k999");
  }

  @Test
  void shutdownDeletesTemporaryDirectory() {
    EmbeddedKafkaBroker second = EmbeddedKafkaBroker.start();
    assertThat(second.bootstrapServers()).startsWith("127.0.0.1:");
    assertThat(second.dataDir()).exists();
    second.close();
    assertThat(second.dataDir()).doesNotExist();
  }

  private static Properties consumerProps(EmbeddedKafkaBroker broker) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "it-broker-reader");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    return p;
  }
}
