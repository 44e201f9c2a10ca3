package org.phigate.deid.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.phigate.tools.ToolsCli;

class GazetteerLoadCommandTest {

  @Test
  void shouldPrintThePrebuiltGazetteersEntriesLoadTimeAndRetainedHeap() {
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      assertThat(ToolsCli.execute("deid", "gazetteer-load")).isZero();
    } finally {
      System.setOut(original);
    }
    assertThat(out.toString(StandardCharsets.UTF_8))
        .containsPattern("gazetteer prebuilt: \\d{6,} entries, load \\d+ ms wall, -?\\d+ ms CPU")
        .containsPattern("retained heap -?\\d+\\.\\d MiB");
  }
}
