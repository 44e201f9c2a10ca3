package org.phigate.benchmarks;

import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.phigate.catalog.TopicSerdes;
import org.phigate.catalog.Topics;
import org.phigate.embedded.InMemorySchemaRegistry;
import org.phigate.schema.ClinicalEvent;

/** The Confluent-wire-format Avro serde of phigate.events.normalized (schema id cached after the first call). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AvroSerdeBenchmark {
  @Param({Fixtures.ADT, Fixtures.BUNDLE})
  public String sample;

  private Serializer<ClinicalEvent> serializer;
  private Deserializer<ClinicalEvent> deserializer;
  private ClinicalEvent event;
  private byte[] wire;

  @Setup
  public void setUp() {
    TopicSerdes serdes = new TopicSerdes(new InMemorySchemaRegistry());
    serializer = serdes.valueSerde(Topics.EVENTS_NORMALIZED).serializer();
    deserializer = serdes.valueSerde(Topics.EVENTS_NORMALIZED).deserializer();
    event = new Fixtures().event(sample);
    wire = serializer.serialize(Topics.EVENTS_NORMALIZED.name(), event);
  }

  @Benchmark
  public byte[] serialize() {
    return serializer.serialize(Topics.EVENTS_NORMALIZED.name(), event);
  }

  @Benchmark
  public ClinicalEvent deserialize() {
    return deserializer.deserialize(Topics.EVENTS_NORMALIZED.name(), wire);
  }
}
