package org.phigate.deid.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.phigate.config.CommonConfig;
import org.phigate.config.ConfigException;
import org.phigate.config.DeidConfig;
import org.phigate.config.Settings;
import org.phigate.schema.PhiCategory;
import org.phigate.schema.PhiContent;
import org.phigate.schema.PhiFinding;
import org.phigate.schema.StructuredField;
import org.phigate.schema.TextPart;

class SiteConfigTest {
  /** A stand-in statistical model: tags every "Wardrobe" as a PERSON (scored 0.9) and "Nook" low (0.2). */
  public static final class FakeNer implements NerModel {
    @Override
    public String name() {
      return "fake";
    }

    @Override
    public List<Entity> recognize(String text) {
      int at = text.indexOf("Wardrobe");
      int low = text.indexOf("Nook");
      return List.of(new Entity(at, at + 8, "PERSON", 0.9), new Entity(low, low + 4, "PERSON", 0.2),
          new Entity(0, text.length() + 5, "PERSON", 0.99));
    }
  }

  private static PhiDetector detector(Map<String, String> settings) {
    return PhiDetector.fromConfig(new DeidConfig(new CommonConfig(Settings.of(new HashMap<>(settings)))));
  }

  private static List<String> names(PhiDetector d, String text, List<StructuredField> fields) {
    List<PhiFinding> findings = d.detect(new PhiContent("k", fields, List.of(new TextPart("t", text))));
    return findings.stream().filter(f -> f.getStart() != null)
        .map(f -> f.getCategory() + ":" + text.substring(f.getStart(), f.getEnd()) + "@" + f.getDetector()).toList();
  }

  @Test
  void shouldDropAllowListedTermsButStillFindTheRecordsOwnIdentifiers() {
    String text = "Transferred to Margaret Ward for rehab. Called Margaret Okafor.";
    assertThat(names(detector(Map.of()), text, List.of())).anyMatch(s -> s.startsWith("NAME:Margaret Ward"));

    PhiDetector allowing = detector(Map.of("deid.allow.list", "Margaret Ward, Okafor"));
    assertThat(names(allowing, text, List.of())).noneMatch(s -> s.contains("Margaret Ward"));
    List<StructuredField> known = List.of(new StructuredField("PID-5", PhiCategory.NAME, "OKAFOR^MARGARET", "patient", null));
    assertThat(names(allowing, text, known)).anyMatch(s -> s.startsWith("NAME:Margaret Okafor@") && s.contains("known:"));
  }

  @Test
  void shouldLeaveCuelessDictionaryAndModelNamesOutWhenTheSiteTurnsTheDictionariesOff() {
    String text = "Adaeze will drive him home; Nwosu cousins visited. Ride arranged, Margaret Okonkwo paid. Called "
        + "Mrs. Okafor.";
    assertThat(names(detector(Map.of()), text, List.of()))
        .anyMatch(s -> s.startsWith("NAME:Nwosu@") && s.contains("model:name-shape"))
        .anyMatch(s -> s.startsWith("NAME:Margaret Okonkwo@dict:"));

    // the statistical NER model is configured apart (deid.ner.enabled) and reads names without a cue by design
    List<String> cuesOnly = names(detector(Map.of("deid.detect.name.dictionary", "false", "deid.ner.enabled", "false")),
        text, List.of());
    assertThat(cuesOnly).noneMatch(s -> s.contains("Nwosu") || s.contains("Margaret"))
        .anyMatch(s -> s.startsWith("NAME:Okafor@"));
  }

  @Test
  void shouldAlwaysReportDenyListedTermsWithTheirCategory() {
    String text = "Discussed at the whitby house huddle; ask fenwhistle team.";
    assertThat(names(detector(Map.of()), text, List.of())).isEmpty();
    List<String> hits = names(detector(Map.of("deid.deny.list", "GEO:Whitby House, NAME:fenwhistle")), text,
        List.of());
    assertThat(hits).containsExactly("GEO:whitby house@site:deny", "NAME:fenwhistle@site:deny");
    assertThatThrownBy(() -> detector(Map.of("deid.deny.list", "PLACE:Whitby")))
        .hasMessageContaining("deid.deny.list entry 1").hasMessageNotContaining("Whitby");
  }

  @Test
  void shouldRunTheNerExtensionOnlyWhenEnabledAndMapItsLabels() {
    String text = "Seen with Wardrobe and Nook today.";
    assertThat(names(detector(Map.of("deid.ner.enabled", "false")), text, List.of())).noneMatch(s -> s.contains("ner:"));
    List<String> hits = names(detector(Map.of("deid.ner.enabled", "true", "deid.ner.model", FakeNer.class.getName(),
        "deid.ner.threshold", "0.5", "deid.detect.name.dictionary", "false")), text, List.of());
    assertThat(hits).anyMatch(s -> s.equals("NAME:Wardrobe@ner:fake")).noneMatch(s -> s.contains("Nook@ner"));
    assertThatThrownBy(() -> detector(Map.of("deid.ner.enabled", "true", "deid.ner.model", "")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("deid.ner.model");
    assertThatThrownBy(() -> detector(Map.of("deid.ner.enabled", "true", "deid.ner.model", "java.lang.String")))
        .isInstanceOf(ConfigException.class);
  }

  @Test
  void shouldDescribeEverySiteKeyWithADefault() {
    assertThat(DeidConfig.KEYS).extracting(k -> k.name()).contains("deid.allow.list", "deid.deny.list",
        "deid.detect.name.dictionary", "deid.ner.enabled", "deid.ner.model", "deid.ner.threshold");
    assertThat(DeidConfig.KEYS).allSatisfy(k -> assertThat(k.description()).isNotBlank());
  }
}
