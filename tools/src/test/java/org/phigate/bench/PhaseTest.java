package org.phigate.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sustained rate leaves out the first message's trip and the tail that the phase's throughput includes. */
class PhaseTest {
  private static Phase phase(int messages, double throughput, List<HopRecorder.Seen> timeline) {
    return new Phase("p", messages, 0, 1, throughput, Map.of(), new double[3], null, Map.of(), 0, timeline,
        Map.of(), Map.of(), "0", 0, Map.of());
  }

  /** {@code records} arrivals every {@code gapMs}, the first after {@code startMs}. */
  private static List<HopRecorder.Seen> arrivals(int records, long startMs, long gapMs) {
    List<HopRecorder.Seen> seen = new ArrayList<>();
    for (int i = 0; i < records; i++) {
      seen.add(new HopRecorder.Seen(startMs + i * gapMs, 0));
    }
    return seen;
  }

  @Test
  void shouldMeasureTheRateBetweenTheTenthAndNinetiethPercentRecord() {
    // 101 records 10 ms apart after a 3 s first trip: 100 msg/s steady, although the whole phase averaged far less
    assertThat(phase(101, 25, arrivals(101, 3_000, 10)).sustainedThroughput()).isCloseTo(100, within(1e-9));
  }

  @Test
  void shouldScaleByTheShareOfMessagesTheLastHopSees() {
    // the last hop sees half of the messages (the others stop earlier): the message rate is twice its record rate
    assertThat(phase(202, 25, arrivals(101, 3_000, 10)).sustainedThroughput()).isCloseTo(200, within(1e-9));
  }

  @Test
  void shouldFallBackToTheWholePhaseWhenTooFewRecordsOrOneBurst() {
    assertThat(phase(10, 7, arrivals(10, 0, 10)).sustainedThroughput()).isEqualTo(7);
    assertThat(phase(50, 9, arrivals(50, 500, 0)).sustainedThroughput()).isEqualTo(9);
  }
}
