package org.phigate.deid.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.phigate.schema.PhiCategory;
import org.phigate.schema.PhiFinding;
import org.phigate.schema.TextPart;

class RecordRepeatsTest {
  private static List<String> carried(List<TextPart> parts, List<PhiFinding> findings) {
    return RecordRepeats.find(parts, findings).stream().map(f -> f.getPath() + ":" + f.getCategory() + ":"
        + parts.stream().filter(p -> p.getPath().equals(f.getPath())).findFirst().orElseThrow().getText()
        .substring(f.getStart(), f.getEnd())).toList();
  }

  @Test
  void shouldCarryANameFoundInOnePartToItsMentionsInTheRecordsOtherParts() {
    List<TextPart> parts = List.of(new TextPart("PRT[2]", "AD | Birla L 4544 | room 136"),
        new TextPart("PRT[5]", "PPT | Birla Doc Org | Birla"), new TextPart("note", "Birlatown; birla; Birla."));
    List<PhiFinding> found = List.of(Findings.span(PhiCategory.NAME, "PRT[5]", 6, 11, "model:name-shape", 0.7));

    // not "Birlatown" or "birla", and not the second mention in its own part: that is NameContext's to weigh
    assertThat(carried(parts, found)).containsExactly("PRT[2]:NAME:Birla", "note:NAME:Birla");
    assertThat(RecordRepeats.find(parts, found)).allSatisfy(f -> {
      assertThat(f.getDetector()).isEqualTo(RecordRepeats.DETECTOR);
      assertThat(f.getConfidence()).isEqualTo(0.7);
    });
  }

  @Test
  void shouldCarryAnIdentifierWithinItsOwnPartAndKeepTheRuleActionItWasFoundWith() {
    List<TextPart> parts = List.of(new TextPart("div", "Ref AB-77123 filed; see AB-77123x and AB-771234."));
    List<PhiFinding> found = List.of(Findings.span(PhiCategory.OTHER_ID, "div", 4, 12, "pattern:id", 0.9, "DROP"));

    assertThat(carried(parts, found)).containsExactly("div:OTHER_ID:AB-77123");
    assertThat(RecordRepeats.find(parts, found)).singleElement()
        .satisfies(f -> assertThat(f.getAction()).isEqualTo("DROP"));
  }

  @Test
  void shouldNotCarryCommonWordsLowerCaseSpansOrEponyms() {
    List<TextPart> parts = List.of(new TextPart("a", "Stone seen. Blood drawn. Tietze noted. telecom"),
        new TextPart("b", "Stone passed. Blood culture. Tietze syndrome. telecom"));
    List<PhiFinding> found = List.of(Findings.span(PhiCategory.NAME, "a", 0, 5, "ner", 0.9),
        Findings.span(PhiCategory.GEO, "a", 12, 17, "ner", 0.9), Findings.span(PhiCategory.NAME, "a", 25, 31, "d", 0.9),
        Findings.span(PhiCategory.NAME, "a", 39, 46, "ner", 0.9));

    assertThat(carried(parts, found)).isEmpty();
  }

  @Test
  void shouldCarryValuesInTextWithoutSpaces() {
    List<TextPart> parts = List.of(new TextPart("a", "地址 马当路190号"), new TextPart("b", "上海市黄埔区马当路190号"));
    List<PhiFinding> found = List.of(Findings.span(PhiCategory.GEO, "a", 3, 10, "known:address", 0.95));

    assertThat(carried(parts, found)).containsExactly("b:GEO:马当路190号");
  }
}
