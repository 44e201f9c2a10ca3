package org.phigate.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.phigate.catalog.Topics;
import org.phigate.runtime.Role;

class PoisonPillTest {
  private final TestPipeline pipeline = new TestPipeline();

  @Test
  void shouldKeepProcessingAfterAnUndecodableRecord() {
    try (TopologyTestDriver driver = pipeline.driver(Role.INFERENCE)) {
      byte[] garbage = "not avro: Zebulonia Quixtrot".getBytes(StandardCharsets.UTF_8);
      driver.createInputTopic(Topics.EVENTS_DEIDENTIFIED.name(), new StringSerializer(), new ByteArraySerializer())
          .pipeInput("ev-poison", garbage);

      // (the dead-letter record itself is asserted on a real broker in PipelineIT and on the handler in its unit test)
      // the role keeps processing after the poison pill
      pipeline.input(driver, Topics.EVENTS_DEIDENTIFIED).pipeInput("ev-ok",
          InferenceTopologyTest.event("ev-ok", "registration", "n/a"));
      assertThat(pipeline.output(driver, Topics.AUDIT_EVENTS).readValue().getSubjectEventId()).isEqualTo("ev-ok");
    }
  }
}
