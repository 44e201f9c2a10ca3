package org.phigate.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.apache.avro.io.JsonEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.phigate.catalog.Topic;
import org.phigate.catalog.TopicSerdes;
import org.phigate.catalog.Topics;

/**
 * Writes every committed record of every catalog topic as one JSON object per line, one file per topic: Avro values
 * in Avro's JSON encoding (sealed fields stay sealed), raw intake bytes as text. Shows exactly what each zone holds.
 */
public final class TopicDumper {
  private static final ObjectMapper JSON = new ObjectMapper();

  static {
    org.phigate.catalog.AvroTrust.install();
  }

  private TopicDumper() {}

  /** Returns records written per topic. */
  public static Map<String, Integer> dump(String bootstrapServers, TopicSerdes serdes, Path dir) throws IOException {
    return dump(TopicReader.plaintext(bootstrapServers), serdes, dir);
  }

  /** {@link #dump(String, TopicSerdes, Path)} with these client properties (a secure cluster's TLS and SASL). */
  public static Map<String, Integer> dump(java.util.Properties client, TopicSerdes serdes, Path dir)
      throws IOException {
    Files.createDirectories(dir);
    Map<String, Integer> written = new java.util.TreeMap<>();
    try (TopicReader reader = new TopicReader(client)) {
      for (Topic<?, ?> topic : Topics.ALL) {
        try (BufferedWriter out = Files.newBufferedWriter(dir.resolve(topic.name() + ".jsonl"))) {
          written.put(topic.name(), reader.readAll(topic.name(), record -> {
            try {
              out.write(JSON.writeValueAsString(line(serdes, topic, record)));
              out.newLine();
            } catch (IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          }));
        }
      }
    }
    return written;
  }

  private static ObjectNode line(TopicSerdes serdes, Topic<?, ?> topic, ConsumerRecord<byte[], byte[]> record)
      throws IOException {
    ObjectNode node = JSON.createObjectNode();
    node.put("topic", record.topic());
    node.put("partition", record.partition());
    node.put("offset", record.offset());
    node.put("timestamp", record.timestamp());
    node.put("key", record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8));
    ObjectNode headers = node.putObject("headers");
    for (Header header : record.headers()) {
      headers.put(header.key(), text(header.value()));
    }
    if (topic.valueType() == byte[].class) {
      node.put("value", text(record.value()));
    } else {
      Object value = serdes.valueSerde(topic).deserializer().deserialize(record.topic(), record.value());
      node.set("value", avroJson((SpecificRecord) value));
    }
    return node;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static JsonNode avroJson(SpecificRecord value) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    JsonEncoder encoder = EncoderFactory.get().jsonEncoder(value.getSchema(), out);
    new SpecificDatumWriter(value.getSchema(), SpecificData.getForClass(value.getClass())).write(value, encoder);
    encoder.flush();
    return JSON.readTree(out.toByteArray());
  }

  private static String text(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return "base64:" + Base64.getEncoder().encodeToString(bytes);
    }
  }
}
