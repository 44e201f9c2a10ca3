package org.phigate.deid.redact;

import java.util.List;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.phigate.deid.dates.DateText;
import org.phigate.deid.detect.PhiDetector;
import org.phigate.deid.policy.Action;
import org.phigate.deid.testdata.TestKeys;
import org.phigate.schema.DeidField;
import org.phigate.schema.PhiCategory;
import org.phigate.schema.PhiContent;
import org.phigate.schema.StructuredField;
import org.phigate.schema.TextPart;
import org.phigate.security.FieldCipher;

/** A structured field's rule action against the workflow policy: the stricter wins, a rule never loosens. */
class RedactorFieldActionTest {
  private static final String TOKEN = "\\[[A-Z_]+-[0-9a-f]{8}]";
  private final FieldCipher cipher = TestKeys.vaultCipher();

  private Redaction redact(RedactionPolicy policy, StructuredField... fields) {
    PhiContent content = new PhiContent("MR7730412", List.of(fields), List.of(new TextPart("note", "Seen today.")));
    return new Redactor(TestKeys.pseudonymizer(), cipher, policy, TestKeys.clock())
        .redact(TestKeys.meta("ev-1", "north", content), content,
            PhiDetector.withDefaultDetectors().detect(content));
  }

  private static StructuredField field(String path, PhiCategory category, String value, String action) {
    return new StructuredField(path, category, value, "patient", action);
  }

  private static RedactionPolicy policy(String id) {
    return RedactionPolicy.SAFE_HARBOR_ID.equals(id) ? RedactionPolicy.safeHarbor() : RedactionPolicy.dateShift();
  }

  @ParameterizedTest(name = "{0}: {1} {2} with rule action {3} -> {4}")
  @CsvSource(nullValues = "-", value = {
      // no rule action: the policy alone
      "safe-harbor-v1, DATE, 19620320, -, GENERALIZE",
      "date-shift-v1, DATE, 19620320, -, DATE_SHIFT",
      "safe-harbor-v1, NAME, QUIXTROT^ZEBULONIA, -, TOKEN",
      // tighten
      "safe-harbor-v1, DATE, 19620320, DROP, DROP",
      "safe-harbor-v1, DATE, 19620320, TOKEN, TOKEN",
      "date-shift-v1, DATE, 19620320, GENERALIZE, GENERALIZE",
      "date-shift-v1, DATE, 19620320, TOKEN, TOKEN",
      "safe-harbor-v1, NAME, QUIXTROT^ZEBULONIA, DROP, DROP",
      "safe-harbor-v1, GEO, 01863, TOKEN, TOKEN",
      // never loosen
      "safe-harbor-v1, DATE, 19620320, DATE_SHIFT, GENERALIZE",
      "safe-harbor-v1, DATE, 19620320, KEEP, GENERALIZE",
      "safe-harbor-v1, NAME, QUIXTROT^ZEBULONIA, KEEP, TOKEN",
      "safe-harbor-v1, NAME, QUIXTROT^ZEBULONIA, GENERALIZE, TOKEN",
      "safe-harbor-v1, GEO, 01863, KEEP, GENERALIZE",
      // DATE_SHIFT only for dates: the policy's action otherwise
      "date-shift-v1, NAME, QUIXTROT^ZEBULONIA, DATE_SHIFT, TOKEN",
      "date-shift-v1, GEO, 01863, DATE_SHIFT, GENERALIZE",
      // an action this version does not know fails closed
      "safe-harbor-v1, NAME, QUIXTROT^ZEBULONIA, MASK, DROP"})
  void shouldApplyTheStricterOfTheRuleAndThePolicy(String policyId, PhiCategory category, String value,
      String ruleAction, Action expected) {
    RedactionPolicy policy = policy(policyId);
    StructuredField f = field("X-1", category, value, ruleAction);

    assertThat(Redactor.fieldAction(f, policy.actionFor(category, value))).isEqualTo(expected);
  }

  @Test
  void shouldOrderActionsByDisclosure() {
    List<Action> order = List.of(Action.KEEP, Action.DATE_SHIFT, Action.GENERALIZE, Action.TOKEN, Action.DROP);
    for (int i = 0; i < order.size(); i++) {
      for (int j = 0; j < order.size(); j++) {
        assertThat(order.get(i).stricter(order.get(j))).isEqualTo(order.get(Math.max(i, j)));
      }
    }
  }

  @Test
  void shouldTokenizeACryptoHashDateUnderSafeHarborRatherThanKeepItsYear() {
    Redaction r = redact(RedactionPolicy.safeHarbor(), field("PID-7", PhiCategory.DATE, "19620320", "TOKEN"));

    DeidField date = r.event().getFields().get(0);
    assertThat(date.getReplacement()).matches(TOKEN).doesNotContain("1962");
    assertThat(r.vaultEntries()).anySatisfy(e -> {
      assertThat(e.getToken()).isEqualTo(r.tokenKeys().get(date.getReplacement()));
      assertThat(e.getCategory()).isEqualTo(PhiCategory.DATE);
      assertThat(cipher.openString(e.getOriginal(), e.getToken())).isEqualTo("19620320");
    });
    assertThat(r.tightenedFields()).isEqualTo(1);
  }

  @Test
  void shouldLeaveOutARedactedDateUnderSafeHarbor() {
    Redaction r = redact(RedactionPolicy.safeHarbor(),
        field("PID-7", PhiCategory.DATE, "19620320", "DROP"),
        field("PID-5", PhiCategory.NAME, "QUIXTROT^ZEBULONIA", null));

    assertThat(r.event().getFields()).extracting(DeidField::getPath).containsExactly("PID-5");
    assertThat(r.event().toString()).doesNotContain("1962");
    assertThat(r.tightenedFields()).isEqualTo(1);
  }

  @Test
  void shouldNotLoosenTheWorkflowPolicy() {
    Redaction r = redact(RedactionPolicy.safeHarbor(),
        field("PID-7", PhiCategory.DATE, "19620320", "DATE_SHIFT"),
        field("PID-5", PhiCategory.NAME, "QUIXTROT^ZEBULONIA", "KEEP"),
        field("PID-11", PhiCategory.GEO, "01863", "KEEP"));

    List<DeidField> fields = r.event().getFields();
    assertThat(fields).extracting(DeidField::getPath).containsExactly("PID-7", "PID-5", "PID-11");
    assertThat(fields.get(0).getReplacement()).isEqualTo("1962");
    assertThat(fields.get(1).getReplacement()).matches(TOKEN);
    assertThat(fields.get(2).getReplacement()).isEqualTo("018");
    assertThat(r.tightenedFields()).isZero();
  }

  @Test
  void shouldShiftOrGeneralizeADateByTheStricterUnderTheDateShiftPolicy() {
    int shift = TestKeys.pseudonymizer().dateShiftDays("north", "MR7730412");

    Redaction r = redact(RedactionPolicy.dateShift(),
        field("PID-7", PhiCategory.DATE, "19620320", "DATE_SHIFT"),
        field("PV1-44", PhiCategory.DATE, "20240314", "GENERALIZE"),
        field("PID-5", PhiCategory.NAME, "QUIXTROT^ZEBULONIA", "DATE_SHIFT"));

    List<DeidField> fields = r.event().getFields();
    assertThat(fields.get(0).getReplacement()).isEqualTo(DateText.shift("19620320", shift).orElseThrow());
    assertThat(fields.get(1).getReplacement()).isEqualTo("2024");
    assertThat(fields.get(2).getReplacement()).matches(TOKEN);
    assertThat(r.tightenedFields()).isEqualTo(1);
  }
}
