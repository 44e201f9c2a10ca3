package org.phigate.deid.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.phigate.deid.testdata.SyntheticNotes;
import org.phigate.schema.PhiCategory;
import org.phigate.schema.PhiContent;
import org.phigate.schema.PhiFinding;
import org.phigate.schema.StructuredField;
import org.phigate.schema.TextPart;

class PhiDetectorTest {
  private final PhiDetector detector = PhiDetector.withDefaultDetectors();

  @Test
  void shouldReportEveryStructuredFieldAsAWholeFieldFinding() {
    List<PhiFinding> findings = detector.detect(new PhiContent("k", SyntheticNotes.patientFields(), List.of()));

    assertThat(findings).hasSize(SyntheticNotes.patientFields().size()).allSatisfy(f -> {
      assertThat(f.getStart()).isNull();
      assertThat(f.getEnd()).isNull();
      assertThat(f.getDetector()).isEqualTo("structured:" + f.getPath());
      assertThat(f.getConfidence()).isEqualTo(1.0);
    });
  }

  @Test
  void shouldFindTheSameSpansInEveryCopyOfARepeatedTextUnderItsOwnPath() {
    PhiContent single = SyntheticNotes.content();
    List<TextPart> parts = new java.util.ArrayList<>(single.getTextParts());
    single.getTextParts().forEach(p -> parts.add(new TextPart(p.getPath() + "-copy", p.getText())));
    PhiContent repeated = new PhiContent(single.getPatientKey(), single.getFields(), parts);

    List<PhiFinding> findings = detector.detect(repeated);

    for (TextPart part : single.getTextParts()) {
      List<String> original = spansOn(findings, part.getPath());
      assertThat(original).isNotEmpty();
      assertThat(spansOn(findings, part.getPath() + "-copy")).isEqualTo(original);
    }
  }

  private static List<String> spansOn(List<PhiFinding> findings, String path) {
    return findings.stream().filter(f -> path.equals(f.getPath()) && f.getStart() != null)
        .map(f -> f.getCategory() + " " + f.getStart() + "-" + f.getEnd() + " " + f.getDetector() + " "
            + f.getConfidence() + " " + f.getAction())
        .toList();
  }

  @Test
  void shouldNotMutateTheContent() {
    PhiContent content = SyntheticNotes.content();
    String before = content.toString();

    detector.detect(content);

    assertThat(content.toString()).isEqualTo(before);
  }

  @Test
  void shouldMergeOverlappingFindingsOfOneCategoryKeepingDetectorNames() {
    PhiContent content = new PhiContent("k",
        List.of(new StructuredField("PID-5", PhiCategory.NAME, "QUIXTROT^ZEBULONIA", "patient", null)),
        List.of(new TextPart("note", "Seen by Mrs. Zebulonia Quixtrot today.")));

    List<PhiFinding> spans = detector.detect(content).stream().filter(f -> f.getStart() != null).toList();

    assertThat(spans).singleElement().satisfies(f -> {
      assertThat(f.getDetector()).isEqualTo("cue:name-title+known:PID-5+shape:name-pair+unknown:person");
      assertThat(f.getStart()).isEqualTo(13);
      assertThat(f.getEnd()).isEqualTo(31);
      assertThat(f.getConfidence()).isEqualTo(0.95);
    });
  }

  @Test
  void shouldKeepOverlappingFindingsOfDifferentCategoriesApart() {
    List<PhiFinding> merged = Findings.merge(List.of(
        Findings.span(PhiCategory.DATE, "p", 0, 10, "a", 0.5),
        Findings.span(PhiCategory.MRN, "p", 5, 12, "b", 0.5),
        Findings.span(PhiCategory.DATE, "p", 8, 14, "c", 0.7),
        Findings.span(PhiCategory.DATE, "p", 14, 16, "d", 0.7)));

    assertThat(merged).extracting(f -> f.getCategory() + "@" + f.getStart() + "-" + f.getEnd() + ":" + f.getDetector())
        .containsExactly("DATE@0-14:a+c", "MRN@5-12:b", "DATE@14-16:d");
  }

  @Test
  void shouldRejectDuplicateTextPartPaths() {
    PhiContent content = new PhiContent("k", List.of(),
        List.of(new TextPart("OBX-5", "a"), new TextPart("OBX-5", "b")));

    assertThatThrownBy(() -> detector.detect(content)).isInstanceOf(IllegalArgumentException.class);
  }
}
