package org.phigate.gazetteer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The prebuilt gazetteer (compiled at build time) against the TSV lists it comes from: when a list or the manifest
 * changes and the prebuilt form does not follow, these fail, and with them the build.
 */
class PrebuiltGazetteerTest {
  private static final List<String> TEXTS = List.of(
      "Moved to Boise from Reading after her daughter Hazel's wedding; lives at 12 Larkin Way, St. Louis, MO.",
      "winston-salem and WINSTON SALEM, Ada County, Sao Paulo, Saint Paul, O'Fallon, the one on Oak Pl.",
      "Pt seen by Dr. Adams with Summer Okonkwo in Rio de Janeiro; follow up in Kansas City, Kansas.");

  @Test
  void shouldBeTheSameBytesTheTsvSourcesCompileTo() throws IOException {
    ByteArrayOutputStream compiled = new ByteArrayOutputStream();
    PrebuiltTrie.compile(ReferenceLists.trie()).write(compiled);
    byte[] shipped;
    try (InputStream in = Gazetteer.class.getResourceAsStream(Gazetteer.PREBUILT)) {
      assertThat(in).as("gazetteer.bin on the classpath").isNotNull();
      shipped = in.readAllBytes();
    }
    assertThat(Arrays.equals(shipped, compiled.toByteArray()))
        .as("deid/gazetteer/gazetteer.bin is what the lists in lexicons.tsv compile to (rebuild pipeline-app)")
        .isTrue();
  }

  @Test
  void shouldGiveTheSameLookupsAsTheTsvSources() {
    WordTrie reference = ReferenceLists.trie();
    Gazetteer prebuilt = Gazetteer.shipped();
    List<String> different = new ArrayList<>();
    reference.forEach((key, weights) -> {
      if (!Arrays.equals(prebuilt.lookupWords(key), weights)) {
        different.add(String.join(" ", key));
      }
    });
    assertThat(different).isEmpty();
    assertThat(prebuilt.entries()).isEqualTo(reference.entries).isGreaterThan(200_000);
    assertThat(prebuilt.maxWords()).isEqualTo(reference.maxWords);
    for (String absent : List.of("zzqxv", "boiseans", "new yorkish", "")) {
      assertThat(prebuilt.lookup(absent)).containsOnly(0);
    }
  }

  @Test
  void shouldScanTextsLikeTheTsvSources() {
    Gazetteer reference = Gazetteer.from(ReferenceLists.trie());
    for (String text : TEXTS) {
      Words w = Words.of(text);
      assertThat(describe(Gazetteer.shipped().scan(w))).isEqualTo(describe(reference.scan(w))).isNotEmpty();
    }
  }

  @Test
  void shouldMergeASiteListIntoThePrebuiltOneAsIfAllWereReadTogether(@TempDir Path dir) throws IOException {
    Path list = dir.resolve("site.txt");
    Files.writeString(list, "# a site's list\nBoise\nLarkin\nHazel Okonkwo\nSt Louis\n", StandardCharsets.UTF_8);
    List<Gazetteer.Source> site = Gazetteer.parseSiteFiles("PLACE:" + list + ",SURNAME:" + list);
    List<Gazetteer.Source> all = new ArrayList<>(Gazetteer.shippedSources());
    all.addAll(site);
    Gazetteer together = Gazetteer.load(all);
    Gazetteer layered = Gazetteer.withSite(site);
    assertThat(layered.entries()).isEqualTo(together.entries());
    for (String text : TEXTS) {
      Words w = Words.of(text);
      assertThat(describe(layered.scan(w))).isEqualTo(describe(together.scan(w)));
    }
    assertThat(layered.lookup("Boise")).containsExactly(together.lookup("Boise"));
  }

  private static List<String> describe(List<Gazetteer.Match> matches) {
    return matches.stream().map(m -> m.first() + "-" + m.last() + Arrays.toString(m.weights())).toList();
  }
}
