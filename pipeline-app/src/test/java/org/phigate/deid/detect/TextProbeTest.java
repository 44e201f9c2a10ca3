package org.phigate.deid.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.phigate.schema.PhiCategory;
import org.phigate.schema.StructuredField;

class TextProbeTest {
  private static final List<StructuredField> FIELDS = List.of(
      new StructuredField("name", PhiCategory.NAME, "Kessler^Isidor^Sven", "patient"),
      new StructuredField("geo", PhiCategory.GEO, "12 Straße Kirk^^Iskra^MA^01863", "patient"),
      new StructuredField("phone", PhiCategory.PHONE, "(978)555-0147", "patient"),
      new StructuredField("mrn", PhiCategory.MRN, "ab-12/cd", "patient"),
      new StructuredField("dob", PhiCategory.DATE, "19620320", "patient"),
      new StructuredField("dup", PhiCategory.NAME, "Kessler^Isidor^Sven", "patient"));

  /** Texts where a case-insensitive pattern matches characters that are not plain ASCII case pairs. */
  private static final List<String> TEXTS = List.of(
      "\u212Aessler, \u0130sidor (Kelvin sign, dotted capital I)",
      "ISIDOR \u017FVEN KESSLER with long s; \u0131sidor kessler with dotless i",
      "12 STRASSE kirk? no: 12 strasse, but 12 stra\u1E9Ee Kirk and 12 Straße\n kirk in iskra",
      "call 1 (978) 555-0147, 978.555.0147, 9 7 8 5 5 5 0 1 4 7, mrn AB 12 CD or ab12cd",
      "born 3/20/62, March 20, 1962, 20 MAR 1962; nothing here for 1963",
      "no identifiers at all in this note, just Kes sler and Isi dor");

  @Test
  void shouldFindExactlyWhatTheUnfilteredPatternsFind() {
    KnownIdentifiers known = KnownIdentifiers.from(FIELDS);
    KnownIdentifierDetector detector = new KnownIdentifierDetector();
    for (String text : TEXTS) {
      List<String> unfiltered = new ArrayList<>();
      for (KnownIdentifiers.KnownValue value : known.values()) {
        for (TextProbe probe : value.probes()) {
          Matcher m = probe.pattern().matcher(text);
          while (m.find()) {
            unfiltered.add(value.category() + ":" + m.start() + "-" + m.end());
          }
        }
      }
      List<String> filtered = detector.find("p", text, known).stream()
          .map(f -> f.getCategory() + ":" + f.getStart() + "-" + f.getEnd()).toList();
      assertThat(filtered).as(text).containsExactlyElementsOf(unfiltered);
    }
  }

  @Test
  void shouldMatchOnTheTrickyCaseFoldsAtAll() {
    KnownIdentifiers known = KnownIdentifiers.from(FIELDS);
    assertThat(new KnownIdentifierDetector().find("p", TEXTS.get(0), known)).hasSizeGreaterThanOrEqualTo(2);
    assertThat(new KnownIdentifierDetector().find("p", TEXTS.get(3), known)).hasSizeGreaterThanOrEqualTo(4);
  }

  @Test
  void shouldScanEachDistinctPatternOnceWhenFieldsRepeatAValue() {
    KnownIdentifiers known = KnownIdentifiers.from(FIELDS);
    assertThat(known.values()).extracting(KnownIdentifiers.KnownValue::sourcePath).doesNotContain("dup");
    assertThat(new KnownIdentifierDetector().find("p", "Isidor Kessler", known))
        .allSatisfy(f -> assertThat(f.getDetector()).isEqualTo("known:name"));
  }

  @Test
  void shouldFoldCharactersTheWayCaseInsensitiveUnicodePatternsDo() {
    assertThat(TextProbe.fold("\u212A\u017F\u0130\u0131Ab")).isEqualTo("ksiiab");
    assertThat(TextProbe.squeeze("(978) 555-01.4/7")).isEqualTo("9785550147");
  }
}
