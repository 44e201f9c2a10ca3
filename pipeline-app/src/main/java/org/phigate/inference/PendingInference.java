package org.phigate.inference;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.phigate.schema.DeidentifiedEvent;

/**
 * An input event handed to the workers and not yet forwarded, as kept in {@code inference-pending-store}: the
 * input record's key and timestamp and the de-identified event (no PHI, like its source topic).
 */
public record PendingInference(String key, long timestamp, DeidentifiedEvent event) {

  /** Store key of sequence number {@code seq}: zero-padded, so the store's byte order is input order. */
  public static String storeKey(long seq) {
    return String.format("%019d", seq);
  }

  /** Serde of the store values: key length, key, timestamp, then the event in its topic's value format. */
  public static Serde<PendingInference> serde(Serde<DeidentifiedEvent> eventSerde) {
    Serializer<PendingInference> serializer = (topic, p) -> {
      if (p == null) {
        return null;
      }
      byte[] key = p.key() == null ? new byte[0] : p.key().getBytes(StandardCharsets.UTF_8);
      byte[] event = eventSerde.serializer().serialize(topic, p.event());
      return ByteBuffer.allocate(4 + key.length + 8 + event.length)
          .putInt(p.key() == null ? -1 : key.length).put(key).putLong(p.timestamp()).put(event).array();
    };
    Deserializer<PendingInference> deserializer = (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      int keyLength = buf.getInt();
      String key = null;
      if (keyLength >= 0) {
        byte[] k = new byte[keyLength];
        buf.get(k);
        key = new String(k, StandardCharsets.UTF_8);
      }
      long timestamp = buf.getLong();
      byte[] event = new byte[buf.remaining()];
      buf.get(event);
      return new PendingInference(key, timestamp, eventSerde.deserializer().deserialize(topic, event));
    };
    return Serdes.serdeFrom(serializer, deserializer);
  }
}
