package org.phigate.deid.redact;

import org.phigate.deid.policy.Action;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.phigate.deid.detect.Findings;
import org.phigate.deid.detect.PhiDetector;
import org.phigate.deid.testdata.TestKeys;
import org.phigate.schema.PhiCategory;
import org.phigate.schema.PhiContent;
import org.phigate.schema.PhiFinding;
import org.phigate.schema.StructuredField;
import org.phigate.schema.TextPart;

/** A structured value found again in free text is redacted there no looser than its field's rule asks. */
class RedactorKnownActionTest {
  private static final String NOTE = "Pt born 03/04/1961. Per daughter, DOB March 4, 1961; lives alone.";

  private static StructuredField field(String path, PhiCategory category, String value, String action) {
    return new StructuredField(path, category, value, "patient", action);
  }

  private static Redaction redact(RedactionPolicy policy, List<StructuredField> fields,
                                  List<StructuredField> remembered) {
    PhiContent content = new PhiContent("MR7730412", fields, List.of(new TextPart("OBX-5", NOTE)));
    List<PhiFinding> findings = PhiDetector.withDefaultDetectors().detect(content, remembered);
    return new Redactor(TestKeys.pseudonymizer(), TestKeys.vaultCipher(), policy, TestKeys.clock())
        .redact(TestKeys.meta("ev-1", "north", content), content, findings);
  }

  private static String text(Redaction r) {
    return r.event().getTextParts().get(0).getText();
  }

  @Test
  void shouldDropEveryRenderingOfABirthDateWhoseFieldRuleRedactsIt() {
    Redaction r = redact(RedactionPolicy.safeHarbor(), List.of(field("PID-3", PhiCategory.MRN, "MR7730412", null),
        field("PID-7", PhiCategory.DATE, "19610304", "DROP")), List.of());

    assertThat(text(r)).doesNotContain("1961").doesNotContain("03/04").doesNotContain("March")
        .isEqualTo("Pt born [DATE]. Per daughter, DOB [DATE]; lives alone.");
    assertThat(r.tightenedSpans()).isEqualTo(2);
    assertThat(r.tightenedFields()).isEqualTo(1);
  }

  @Test
  void shouldLeaveThePolicyAloneWithoutARuleAction() {
    Redaction r = redact(RedactionPolicy.safeHarbor(), List.of(field("PID-7", PhiCategory.DATE, "19610304", null)),
        List.of());

    assertThat(text(r)).isEqualTo("Pt born 1961. Per daughter, DOB 1961; lives alone.");
    assertThat(r.tightenedSpans()).isZero();
  }

  @Test
  void shouldNeverLoosenThePolicyInTextEither() {
    Redaction keep = redact(RedactionPolicy.safeHarbor(),
        List.of(field("PID-7", PhiCategory.DATE, "19610304", "KEEP")), List.of());
    Redaction shift = redact(RedactionPolicy.safeHarbor(),
        List.of(field("PID-7", PhiCategory.DATE, "19610304", "DATE_SHIFT")), List.of());

    assertThat(text(keep)).isEqualTo("Pt born 1961. Per daughter, DOB 1961; lives alone.");
    assertThat(text(shift)).isEqualTo(text(keep));
    assertThat(keep.tightenedSpans()).isZero();
    assertThat(shift.tightenedSpans()).isZero();
  }

  @Test
  void shouldTokenizeTheTextWhereTheRuleTokenizesADateUnderTheDateShiftPolicy() {
    Redaction r = redact(RedactionPolicy.dateShift(), List.of(field("PID-7", PhiCategory.DATE, "19610304", "TOKEN")),
        List.of());

    assertThat(text(r)).doesNotContain("1961").matches("Pt born \\[DATE-[0-9a-f]{8}]\\. .*");
    assertThat(r.tightenedSpans()).isEqualTo(2);
  }

  @Test
  void shouldCarryTheRuleOfAValueRememberedFromAnEarlierEvent() {
    Redaction r = redact(RedactionPolicy.safeHarbor(), List.of(field("PID-3", PhiCategory.MRN, "MR7730412", null)),
        List.of(field("PID-7", PhiCategory.DATE, "19610304", "DROP")));

    assertThat(text(r)).doesNotContain("1961");
    assertThat(r.tightenedSpans()).isEqualTo(2);
    assertThat(r.tightenedFields()).isZero();
  }

  @Test
  void shouldTakeTheStricterRuleWhenTheRecordAndTheMemoryDeclareTheSameValue() {
    PhiContent content = new PhiContent("MR7730412", List.of(field("PID-7", PhiCategory.DATE, "19610304", "KEEP")),
        List.of(new TextPart("OBX-5", NOTE)));
    List<PhiFinding> findings = PhiDetector.withDefaultDetectors().detect(content,
        List.of(field("PID-7", PhiCategory.DATE, "19610304", "DROP")));

    assertThat(findings).filteredOn(f -> f.getStart() != null).hasSize(2)
        .allSatisfy(f -> assertThat(f.getAction()).isEqualTo("DROP"))
        .allSatisfy(f -> assertThat(f.getDetector()).contains("known:PID-7"));
  }

  @Test
  void shouldKeepTheStrictestActionWhenOverlappingFindingsMerge() {
    List<PhiFinding> merged = Findings.merge(List.of(
        Findings.span(PhiCategory.DATE, "n", 0, 10, "pattern:date", 0.9),
        Findings.span(PhiCategory.DATE, "n", 2, 10, "known:PID-7", 0.95, "TOKEN"),
        Findings.span(PhiCategory.DATE, "n", 5, 12, "known:vault", 0.95, "DROP"),
        Findings.span(PhiCategory.DATE, "n", 20, 30, "known:vault", 0.95, "GENERALIZE"),
        Findings.span(PhiCategory.DATE, "n", 40, 50, "pattern:date", 0.9)));

    assertThat(merged).extracting(PhiFinding::getStart, PhiFinding::getAction).containsExactly(
        tuple(0, "DROP"), tuple(20, "GENERALIZE"),
        tuple(40, null));
  }

  @Test
  void shouldCompareCarriedActionNamesFailingClosedOnUnknownOnes() {
    assertThat(Action.stricterName(null, null)).isNull();
    assertThat(Action.stricterName(null, "TOKEN")).isEqualTo("TOKEN");
    assertThat(Action.stricterName("GENERALIZE", null)).isEqualTo("GENERALIZE");
    assertThat(Action.stricterName("DROP", "KEEP")).isEqualTo("DROP");
    assertThat(Action.stricterName("KEEP", "MASK")).isEqualTo("DROP");
  }
}
