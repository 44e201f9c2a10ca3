package org.phigate.gazetteer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.phigate.deid.detect.KnownIdentifiers;
import org.phigate.deid.detect.RecognizerRegistry;

/** A shipped list is a data file plus one manifest line: the build step compiles it and detection finds its entries. */
class GazetteerManifestTest {
  private static final String TEXT = "She moved to Marrowby Vennacott last spring; Quillhaven clinic follows her.";

  @Test
  void shouldFindANewListsPlacesAfterOneManifestLineAndTheBuildStep() throws IOException {
    assertThat(found(Gazetteer.shipped())).isEmpty();

    List<String> manifest = new ArrayList<>(WordTrie.lines(Gazetteer.MANIFEST));
    manifest.add("invented-towns.tsv\tPLACE\t1\tinvented for this test\tproject licence");
    ByteArrayOutputStream bin = new ByteArrayOutputStream();
    PrebuiltTrie.compile(WordTrie.read(Gazetteer.parseManifest(manifest, "/deid/gazetteer/"))).write(bin);
    Gazetteer withTowns = Gazetteer.of(PrebuiltTrie.read(bin.toByteArray()));

    assertThat(found(withTowns)).containsExactly("GEO:Marrowby Vennacott", "GEO:Quillhaven");
  }

  @Test
  void shouldRefuseAManifestLineWithoutItsSourceAndLicence() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Gazetteer.parseManifest(
        List.of("invented-towns.tsv\tPLACE\t1"), "/deid/gazetteer/"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("source and licence");
  }

  private static List<String> found(Gazetteer gazetteer) {
    RecognizerRegistry registry = new RecognizerRegistry(List.of(RecognizerRegistry.gazetteer(new Spotter(gazetteer))),
        ContextEnhancer.shipped(), Spotter.THRESHOLD);
    return registry.find("t", TEXT, KnownIdentifiers.none()).stream()
        .map(f -> f.getCategory() + ":" + TEXT.substring(f.getStart(), f.getEnd())).toList();
  }
}
