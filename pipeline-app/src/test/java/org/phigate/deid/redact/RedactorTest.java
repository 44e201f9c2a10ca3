package org.phigate.deid.redact;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.phigate.deid.dates.DateText;
import org.phigate.deid.detect.Findings;
import org.phigate.deid.detect.PhiDetector;
import org.phigate.deid.policy.Action;
import org.phigate.deid.testdata.AnnotatedNote;
import org.phigate.deid.testdata.SyntheticNotes;
import org.phigate.deid.testdata.TestKeys;
import org.phigate.schema.DeidField;
import org.phigate.schema.DeidentifiedEvent;
import org.phigate.schema.PhiCategory;
import org.phigate.schema.PhiContent;
import org.phigate.schema.PhiFinding;
import org.phigate.schema.StructuredField;
import org.phigate.schema.TextPart;
import org.phigate.schema.VaultEntry;
import org.phigate.security.FieldCipher;
import org.phigate.security.Pseudonymizer;

class RedactorTest {
  private static final Pattern TOKEN = Pattern.compile("\\[[A-Z_]+-[0-9a-f]{8}]");
  private final PhiDetector detector = PhiDetector.withDefaultDetectors();
  private final Pseudonymizer pseudonymizer = TestKeys.pseudonymizer();
  private final FieldCipher cipher = TestKeys.vaultCipher();

  private Redaction redact(RedactionPolicy policy, String eventId, String tenant, PhiContent content) {
    return new Redactor(pseudonymizer, cipher, policy, TestKeys.clock())
        .redact(TestKeys.meta(eventId, tenant, content), content, detector.detect(content));
  }

  private static PhiContent note(String text, StructuredField... fields) {
    return new PhiContent("MR7730412", List.of(fields), List.of(new TextPart("note", text)));
  }

  private static String text(Redaction r) {
    return r.event().getTextParts().get(0).getText();
  }

  @Test
  void shouldLeaveNoOriginalPhiInTheDeidentifiedEvent() {
    PhiContent content = SyntheticNotes.content();

    for (RedactionPolicy policy : List.of(RedactionPolicy.safeHarbor(), RedactionPolicy.dateShift())) {
      String serialized = redact(policy, "ev-1", "north", content).event().toString().toLowerCase(Locale.ROOT);

      List<String> phi = new ArrayList<>(List.of("zebulonia", "quixtrot", "barnaby", "marrowbend", "grelmsford",
          "01863", "7730412", "555-0147", "5550147", "123-45-6789", "1962-03-20", "19620320", "mr7730412"));
      for (AnnotatedNote note : SyntheticNotes.notes()) {
        note.gold().stream().map(g -> g.value().toLowerCase(Locale.ROOT)).filter(v -> v.length() >= 4)
            .forEach(phi::add);
      }
      assertThat(phi).allSatisfy(v -> assertThat(serialized).as(policy.id()).doesNotContain(v));
      assertThat(serialized).contains("parkinson's disease", "strength 5/5", "bp 120/80", "take 2 tablets");
    }
  }

  @Test
  void shouldGiveTheSameTokenToRenderingsOfOneValueWithinATenantOnly() {
    StructuredField name = new StructuredField("PID-5", PhiCategory.NAME, "QUIXTROT^ZEBULONIA^M", "patient", null);
    PhiContent first = note("Quixtrot, Zebulonia seen; ZEBULONIA QUIXTROT agrees.", name);
    PhiContent second = note("Zebulonia M. Quixtrot called back.", name);

    Redaction a = redact(RedactionPolicy.safeHarbor(), "ev-1", "north", first);
    Redaction b = redact(RedactionPolicy.safeHarbor(), "ev-2", "north", second);
    Redaction other = redact(RedactionPolicy.safeHarbor(), "ev-3", "south", second);

    String token = a.event().getFields().get(0).getReplacement();
    assertThat(token).matches("\\[NAME-[0-9a-f]{8}]");
    assertThat(text(a)).isEqualTo(token + " seen; " + token + " agrees.");
    assertThat(text(b)).isEqualTo(token + " called back.");
    assertThat(text(other)).doesNotContain(token).matches("\\[NAME-[0-9a-f]{8}] called back\\.");
    assertThat(a.event().getPatientToken()).isEqualTo(b.event().getPatientToken())
        .isEqualTo(pseudonymizer.patientToken("north", "MR7730412"));
  }

  @Test
  void shouldWriteOneSealedVaultEntryPerDistinctToken() {
    PhiContent content = note("Mrs. Quixtrot called 978-555-0147; Quixtrot asked about (978) 555-0147.",
        new StructuredField("PID-13", PhiCategory.PHONE, "(978)555-0147", "patient", null));

    Redaction r = redact(RedactionPolicy.safeHarbor(), "ev-9", "north", content);

    assertThat(r.vaultEntries()).hasSize(2).allSatisfy(e -> {
      assertThat(e.getTenant()).isEqualTo("north");
      assertThat(e.getFirstEventId()).isEqualTo("ev-9");
      assertThat(e.getCreatedAt()).isEqualTo(TestKeys.NOW);
    });
    assertThat(r.vaultEntries()).extracting(e -> e.getCategory() + "=" + cipher.openString(e.getOriginal(),
        e.getToken())).containsExactly("PHONE=(978) 555-0147", "NAME=Quixtrot");
    assertThat(TOKEN.matcher(text(r)).results().map(java.util.regex.MatchResult::group).distinct())
        .containsExactlyInAnyOrderElementsOf(r.tokenKeys().keySet());
    assertThat(r.tokenKeys().values())
        .containsExactlyInAnyOrderElementsOf(r.vaultEntries().stream().map(VaultEntry::getToken).toList());
  }

  @Test
  void shouldGeneralizeDatesToYearAndAgesOverEightyNine() {
    PhiContent content = note("94-year-old seen 03/14/2024, DOB March 20, 1962, admitted Feb. 3rd; age 45.",
        new StructuredField("PID-7", PhiCategory.DATE, "19620320", "patient", null));

    Redaction r = redact(RedactionPolicy.safeHarbor(), "ev-1", "north", content);

    assertThat(text(r)).isEqualTo("90+-year-old seen 2024, DOB 1962, admitted [DATE]; age 45.");
    assertThat(r.event().getFields()).extracting(DeidField::getReplacement).containsExactly("1962");
    assertThat(r.event().getPolicyId()).isEqualTo("safe-harbor-v1");
    assertThat(r.event().getPhiCategoryCounts()).isEqualTo(Map.of("DATE", 5));
  }

  @Test
  void shouldShiftDatesByThePatientsOffsetKeepingFormatsAndIntervals() {
    PhiContent content = note("Admitted 03/14/2024, discharged March 24, 2024; echo 2024-03-20. 92 yo.",
        new StructuredField("PID-7", PhiCategory.DATE, "19620320", "patient", null));
    int shift = pseudonymizer.dateShiftDays("north", "MR7730412");

    Redaction r = redact(RedactionPolicy.dateShift(), "ev-1", "north", content);

    Matcher m = Pattern.compile("Admitted (\\d{2}/\\d{2}/\\d{4}), discharged (\\w+ \\d{1,2}, \\d{4}); echo "
        + "(\\d{4}-\\d{2}-\\d{2})\\. 90\\+ yo\\.").matcher(text(r));
    assertThat(m.matches()).as(text(r)).isTrue();
    LocalDate admitted = DateText.parse(m.group(1)).orElseThrow().date();
    LocalDate discharged = DateText.parse(m.group(2)).orElseThrow().date();
    LocalDate echo = DateText.parse(m.group(3)).orElseThrow().date();
    assertThat(ChronoUnit.DAYS.between(admitted, discharged)).isEqualTo(10);
    assertThat(ChronoUnit.DAYS.between(admitted, echo)).isEqualTo(6);
    assertThat(admitted).isEqualTo(LocalDate.of(2024, 3, 14).plusDays(shift));
    assertThat(r.event().getFields().get(0).getReplacement())
        .isEqualTo(DateText.shift("19620320", shift).orElseThrow()).matches("\\d{8}");
    assertThat(r.event().getPolicyId()).isEqualTo("date-shift-v1");
  }

  @ParameterizedTest
  @CsvSource({"01863,018", "10001,100", "03601,000", "05901,000", "89301-1234,000", "82101,000", "55601,000",
      "69201,000", "79001,000", "87801,000", "20301,000", "10201,000", "03701,037"})
  void shouldGeneralizeZipCodesToZip3WithRestrictedAreasAsZeros(String zip, String expected) {
    PhiContent content = note("Lives in Grelmsford, MA " + zip + ".",
        new StructuredField("PID-11.5", PhiCategory.GEO, zip, "patient", null));

    Redaction r = redact(RedactionPolicy.safeHarbor(), "ev-1", "north", content);

    assertThat(r.event().getFields().get(0).getReplacement()).isEqualTo(expected);
    assertThat(text(r)).matches("Lives in \\[GEO-[0-9a-f]{8}], MA " + expected + "\\.");
  }

  @Test
  void shouldReplaceOverlappingFindingsOnceAsTheirUnion() {
    PhiContent content = note("Call Zebulonia Quixtrot now.");
    List<PhiFinding> findings = List.of(
        Findings.span(PhiCategory.NAME, "note", 5, 14, "x", 0.8),
        Findings.span(PhiCategory.NAME, "note", 10, 23, "y", 0.8),
        Findings.span(PhiCategory.OTHER_ID, "note", 15, 18, "z", 0.5));

    Redaction r = new Redactor(pseudonymizer, cipher, RedactionPolicy.safeHarbor(), TestKeys.clock())
        .redact(TestKeys.meta("ev-1", "north", content), content, findings);

    assertThat(text(r)).isEqualTo("Call " + pseudonymizer.token("north", "NAME", "zebulonia quixtrot") + " now.");
    assertThat(r.event().getPhiCategoryCounts()).isEqualTo(Map.of("NAME", 2, "OTHER_ID", 1));
  }

  @Test
  void shouldNeverKeepAUnionThatHoldsACategoryThePolicyRedacts() {
    PhiContent content = note("Seen at Lindenmoor Clinic today.");
    RedactionPolicy keepGeo = RedactionPolicy.safeHarbor().with("keep-geo", PhiCategory.GEO, Action.KEEP);
    List<PhiFinding> findings = List.of(
        Findings.span(PhiCategory.GEO, "note", 8, 25, "a", 0.9),
        Findings.span(PhiCategory.NAME, "note", 8, 18, "b", 0.5));

    Redaction r = new Redactor(pseudonymizer, cipher, keepGeo, TestKeys.clock())
        .redact(TestKeys.meta("ev-1", "north", content), content, findings);

    assertThat(text(r)).matches("Seen at \\[NAME-[0-9a-f]{8}] today\\.");
  }

  @Test
  void shouldDropAndKeepStructuredFieldsAsThePolicySays() {
    RedactionPolicy policy = RedactionPolicy.safeHarbor()
        .with("t", PhiCategory.EMAIL, Action.DROP)
        .with("t", PhiCategory.URL, Action.KEEP);
    PhiContent content = note("Mail z.q@mailbox.example or see https://example.org/x.",
        new StructuredField("PID-14", PhiCategory.EMAIL, "z.q@mailbox.example", "patient", null),
        new StructuredField("PID-x", PhiCategory.URL, "https://example.org/x", "patient", null));

    Redaction r = redact(policy, "ev-1", "north", content);

    assertThat(r.event().getFields()).extracting(DeidField::getPath, DeidField::getReplacement)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("PID-x", "https://example.org/x"));
    assertThat(text(r)).isEqualTo("Mail [EMAIL] or see https://example.org/x.");
    assertThat(r.vaultEntries()).isEmpty();
  }

  @Test
  void shouldRejectAFindingOutsideItsTextWithoutEchoingTheText() {
    PhiContent content = note("Zebulonia");
    Redactor redactor = new Redactor(pseudonymizer, cipher, RedactionPolicy.safeHarbor(), TestKeys.clock());

    assertThatThrownBy(() -> redactor.redact(TestKeys.meta("e", "t", content), content,
        List.of(Findings.span(PhiCategory.NAME, "note", 0, 99, "x", 1.0))))
        .isInstanceOf(IllegalArgumentException.class)
        .message().doesNotContain("Zebulonia");
  }

  @Test
  void shouldRefuseDateShiftForOtherCategories() {
    assertThatThrownBy(() -> RedactionPolicy.safeHarbor().with("x", PhiCategory.NAME,
        Action.DATE_SHIFT)).isInstanceOf(IllegalArgumentException.class);
    assertThat(RedactionPolicy.safeHarbor().actions()).hasSize(PhiCategory.values().length);
    assertThat(RedactionPolicy.safeHarbor().actionFor(PhiCategory.BIOMETRIC)).isEqualTo(Action.TOKEN);
  }

  @Test
  void shouldCarryEventMetadataIntoTheDeidentifiedEvent() {
    PhiContent content = SyntheticNotes.content();
    DeidentifiedEvent event = redact(RedactionPolicy.safeHarbor(), "ev-7", "north", content).event();

    assertThat(event.getEventId()).isEqualTo("ev-7");
    assertThat(event.getTenant()).isEqualTo("north");
    assertThat(event.getMessageType()).isEqualTo("ORU^R01");
    assertThat(event.getWorkflow()).isEqualTo("note-summary");
    assertThat(event.getReceivedAt()).isEqualTo(TestKeys.NOW);
    assertThat(event.getTextParts()).hasSize(content.getTextParts().size());
    assertThat(event.getFields()).hasSize(content.getFields().size());
  }
}
