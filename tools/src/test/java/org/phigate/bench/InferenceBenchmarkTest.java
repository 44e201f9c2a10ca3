package org.phigate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class InferenceBenchmarkTest {
  @Test
  void shouldPrintLatencyAndThroughputForEachPrompt() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    new InferenceBenchmark(3, new PrintStream(bytes, true, StandardCharsets.UTF_8)).run();

    List<String> rows = bytes.toString(StandardCharsets.UTF_8).lines()
        .filter(l -> l.startsWith("short message") || l.startsWith("long message")).toList();
    assertThat(rows).hasSize(2).allSatisfy(row -> {
      String[] cells = row.trim().split("\\s{2,}");
      assertThat(Double.parseDouble(cells[cells.length - 2])).as("ms/prompt in " + row).isPositive();
      assertThat(Double.parseDouble(cells[cells.length - 1])).as("prompts/s in " + row).isPositive();
    });
  }
}
