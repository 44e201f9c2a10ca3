package org.phigate.deid.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phigate.config.CommonConfig;
import org.phigate.config.DeidConfig;
import org.phigate.config.Settings;
import org.phigate.schema.PhiContent;
import org.phigate.schema.TextPart;

class GazetteerRecognizerTest {

  private static List<String> found(PhiDetector detector, String text) {
    return detector.detect(new PhiContent("k", List.of(), List.of(new TextPart("t", text)))).stream()
        .filter(f -> f.getStart() != null)
        .map(f -> f.getCategory() + ":" + text.substring(f.getStart(), f.getEnd())).toList();
  }

  @Test
  void shouldAddASitePlaceListByADataFileAlone(@TempDir Path dir) throws IOException {
    // "to" alone is a cue of the gazetteer's places, not of words no list knows (UnknownWords reads "from Quenmoor")
    String text = "The bus to Quenmoor was late again.";
    PhiDetector shipped = PhiDetector.fromConfig(new DeidConfig(new CommonConfig(Settings.of(new HashMap<>()))));
    assertThat(found(shipped, text)).doesNotContain("GEO:Quenmoor");

    Path list = dir.resolve("neighbourhoods.txt");
    Files.writeString(list, "# our catchment's neighbourhoods\nQuenmoor\n", StandardCharsets.UTF_8);
    PhiDetector site = PhiDetector.fromConfig(new DeidConfig(new CommonConfig(Settings.of(new HashMap<>(
        Map.of("deid.gazetteer.files", "PLACE:" + list))))));
    assertThat(found(site, text)).contains("GEO:Quenmoor");
  }

  @Test
  void shouldReportGazetteerFindingsThroughTheRegistryWithTheirDetector() {
    RecognizerRegistry registry = RecognizerRegistry.standard(List.of());
    String text = "Moved to Boise from Reading after her daughter Hazel's wedding.";
    assertThat(DetectorTestSupport.hits(registry, text)).contains("GEO:Boise", "NAME:Hazel");
    // a listed place that is also a word right after a place cue is reported by the unknown-word recognizer as well
    assertThat(registry.find("t", text, KnownIdentifiers.none())).allMatch(f -> f.getDetector()
        .startsWith("gazetteer:") || f.getDetector().startsWith("unknown:"))
        .anyMatch(f -> f.getDetector().equals("gazetteer:place"))
        .anyMatch(f -> f.getDetector().equals("gazetteer:person"));
  }
}
