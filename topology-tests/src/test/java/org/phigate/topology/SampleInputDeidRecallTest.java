package org.phigate.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.phigate.catalog.Topics;
import org.phigate.demo.SampleInput;
import org.phigate.it.support.PhiNeedles;
import org.phigate.it.support.PlaintextScan;
import org.phigate.runtime.Role;
import org.phigate.schema.ClinicalEvent;
import org.phigate.schema.DeidentifiedEvent;

/**
 * The fast twin of {@code PhiAtRestIT#shouldLeaveNoInputPhiInTheDeidentifiedEvents}: each shipped sample goes through
 * the real intake and deid topologies, and its de-identified event holds none of the PHI values {@link PhiNeedles}
 * extracts from that input (the same values and the same byte-level matching the IT applies to the broker's files).
 * A miss is reported by category and value index, never by the value. It first failed on the values PhiAtRestIT
 * found in the clear: an address line inside CJK text without spaces (Patient-ch-example.json), an organization word
 * of an HL7 PRT segment the name-shape model finds in two of its five renderings (ORU-R01-01.hl7), a document OID run
 * into the next word of a narrative (Bundle-xds.json), and a NER name of a narrative repeated in a title
 * (DiagnosticReport-example-pgx.json).
 */
class SampleInputDeidRecallTest {
  private final TestPipeline pipeline = new TestPipeline();

  static Stream<String> samples() {
    return SampleInput.shipped().stream().map(SampleInput::name);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void shouldLeaveNoInputPhiInTheDeidentifiedEvent(String name) {
    SampleInput input = SampleInput.shipped().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    Map<String, String> phi = PhiNeedles.of(List.of(input));
    List<DeidentifiedEvent> events = deidentified(input);

    for (DeidentifiedEvent event : events) {
      assertThat(leaks(phi, event.toString())).as("%s: input PHI left in the de-identified event (value index: "
          + "category)", name).isEmpty();
    }
  }

  /** Runs the input through the intake and deid topologies; no event when intake rejects it. */
  private List<DeidentifiedEvent> deidentified(SampleInput input) {
    List<ClinicalEvent> normalized;
    try (TopologyTestDriver intake = pipeline.driver(Role.INTAKE)) {
      RecordHeaders headers = new RecordHeaders();
      headers.add(Topics.CONTENT_TYPE_HEADER, input.contentType().getBytes(StandardCharsets.UTF_8));
      pipeline.input(intake, Topics.INTAKE_RAW).pipeInput(new TestRecord<>(input.name(), input.payload(), headers));
      normalized = pipeline.output(intake, Topics.EVENTS_NORMALIZED).readValuesToList();
    }
    try (TopologyTestDriver deid = pipeline.driver(Role.DEID)) {
      normalized.forEach(e -> pipeline.input(deid, Topics.EVENTS_NORMALIZED).pipeInput(e.getEventId(), e));
      List<DeidentifiedEvent> out = pipeline.output(deid, Topics.EVENTS_DEIDENTIFIED).readValuesToList();
      assertThat(out).as("one de-identified event per normalized event").hasSameSizeAs(normalized);
      return out;
    }
  }

  /** value index (in sorted order) -> category of every PHI value found in the text, as PlaintextScan matches it. */
  private static Map<Integer, String> leaks(Map<String, String> phi, String text) {
    Map<Integer, String> out = new TreeMap<>();
    int index = 0;
    for (Map.Entry<String, String> value : phi.entrySet()) {
      if (!new PlaintextScan(Map.of(value.getKey(), value.getValue())).categoriesInText(text).isEmpty()) {
        out.put(index, value.getValue());
      }
      index++;
    }
    return out;
  }
}
