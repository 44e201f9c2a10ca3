package org.phigate.gazetteer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SOURCES.md states every shipped list's entry count and size: they must be the files' own. */
class GazetteerSourcesTest {

  @Test
  void shouldStateEveryListsEntriesAndBytesAsTheFilesHoldThem() throws IOException {
    Map<String, String[]> rows = tableRows();
    for (Gazetteer.Source s : Gazetteer.shippedSources()) {
      String file = s.location().substring(s.location().lastIndexOf('/') + 1);
      assertThat(rows).as("SOURCES.md row for %s", file).containsKey(file);
      assertThat(number(rows.get(file)[1])).as("entries of %s", file).isEqualTo(entries(s));
      assertThat(number(rows.get(file)[2])).as("bytes of %s", file).isEqualTo(bytes(s.location()));
    }
  }

  @Test
  void shouldStateThePrebuiltFormsEntriesAndBytes() throws IOException {
    String[] row = tableRows().get("gazetteer.bin");
    assertThat(row).as("SOURCES.md row for gazetteer.bin").isNotNull();
    assertThat(number(row[1])).isEqualTo(Gazetteer.shipped().entries());
    assertThat(number(row[2])).isEqualTo(bytes(Gazetteer.PREBUILT));
  }

  /** Data lines; for word lists (several words a line), words. */
  private static long entries(Gazetteer.Source s) {
    List<String> lines = WordTrie.lines(s.location());
    if (s.kind() == Gazetteer.Kind.COMMON_WORD || s.kind() == Gazetteer.Kind.CLINICAL) {
      return lines.stream().mapToLong(l -> l.strip().split("\\s+").length).sum();
    }
    return lines.size();
  }

  private static long bytes(String resource) throws IOException {
    try (InputStream in = Gazetteer.class.getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      return in.readAllBytes().length;
    }
  }

  private static long number(String cell) {
    return Long.parseLong(cell.replace(",", "").strip());
  }

  /** Table rows of SOURCES.md keyed by their first cell (the file name, backticks dropped). */
  private static Map<String, String[]> tableRows() throws IOException {
    Map<String, String[]> out = new HashMap<>();
    try (InputStream in = Gazetteer.class.getResourceAsStream("/deid/gazetteer/SOURCES.md")) {
      assertThat(in).as("deid/gazetteer/SOURCES.md").isNotNull();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.startsWith("| ") && !line.startsWith("| file") && !line.startsWith("|---")) {
          String[] cells = line.substring(2).split(" \\| ");
          if (cells.length > 3 && cells[1].replace(",", "").strip().matches("\\d+")) {
            out.put(cells[0].replace("`", "").strip(), cells);
          }
        }
      }
    }
    return out;
  }
}
