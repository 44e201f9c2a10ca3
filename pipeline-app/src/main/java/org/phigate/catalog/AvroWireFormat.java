package org.phigate.catalog;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.phigate.registry.SchemaRegistryClient;

/**
 * Confluent wire format for one Avro specific type: magic byte 0, 4-byte big-endian schema id, Avro binary.
 * Registers the writer schema under {@code <topic>-value} once, resolves writer schemas by id with a cache.
 */
public final class AvroWireFormat<T extends SpecificRecord> {
  private static final byte MAGIC = 0;

  static {
    AvroTrust.install();
  }
  private final Class<T> type;
  private final Schema readerSchema;
  private final SpecificData model;
  private final SchemaRegistryClient registry;
  private final Map<String, Integer> idBySubject = new ConcurrentHashMap<>();
  private final Map<Integer, Schema> writerSchemas = new ConcurrentHashMap<>();
  // Avro documents no thread-safety for datum readers and writers, so each thread has its own instead of a lock
  private final ThreadLocal<Map<Integer, DatumReader<T>>> readers = ThreadLocal.withInitial(HashMap::new);
  private final ThreadLocal<SpecificDatumWriter<T>> writer;

  public AvroWireFormat(Class<T> type, SchemaRegistryClient registry) {
    this.type = type;
    this.model = SpecificData.getForClass(type);
    this.readerSchema = model.getSchema(type);
    this.registry = registry;
    this.writer = ThreadLocal.withInitial(() -> new SpecificDatumWriter<>(readerSchema, model));
  }

  public byte[] serialize(String topic, T value) {
    if (value == null) {
      return null;
    }
    int id = idBySubject.computeIfAbsent(topic + "-value", subject -> registry.register(subject, readerSchema));
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    out.write(MAGIC);
    out.writeBytes(ByteBuffer.allocate(4).putInt(id).array());
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    try {
      writer.get().write(value, encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  public T deserialize(byte[] data) {
    if (data == null) {
      return null;
    }
    if (data.length < 5 || data[0] != MAGIC) {
      throw new UndecodableRecordException(type.getSimpleName() + ":not-wire-format:" + data.length + "-bytes");
    }
    int id = ByteBuffer.wrap(data, 1, 4).getInt();
    DatumReader<T> reader = readers.get().computeIfAbsent(id,
        i -> new SpecificDatumReader<>(schemaById(i), readerSchema, model));
    try {
      return reader.read(null, DecoderFactory.get().binaryDecoder(data, 5, data.length - 5, null));
    } catch (IOException | RuntimeException e) {
      // the message names the type and schema id only: record content never reaches an exception
      throw new UndecodableRecordException(type.getSimpleName() + ":schema-" + id + ":" + e.getClass().getSimpleName()
          + (e.getCause() == null ? "" : "/" + e.getCause().getClass().getSimpleName()) + ":" + data.length + "-bytes");
    }
  }

  private Schema schemaById(int id) {
    return writerSchemas.computeIfAbsent(id, registry::getById);
  }
}
