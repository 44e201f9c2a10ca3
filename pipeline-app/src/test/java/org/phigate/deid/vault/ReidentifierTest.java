package org.phigate.deid.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.phigate.deid.detect.PhiDetector;
import org.phigate.deid.redact.Redaction;
import org.phigate.deid.redact.RedactionPolicy;
import org.phigate.deid.redact.Redactor;
import org.phigate.deid.testdata.TestKeys;
import org.phigate.schema.PhiCategory;
import org.phigate.schema.PhiContent;
import org.phigate.schema.StructuredField;
import org.phigate.schema.TextPart;
import org.phigate.schema.VaultEntry;
import org.phigate.security.FieldCipher;

class ReidentifierTest {
  private final FieldCipher cipher = TestKeys.vaultCipher();
  private final Reidentifier reidentifier = new Reidentifier(cipher);

  private Redaction redact(String text) {
    PhiContent content = new PhiContent("MR7730412",
        List.of(new StructuredField("PID-5", PhiCategory.NAME, "QUIXTROT^ZEBULONIA", "patient", null)),
        List.of(new TextPart("note", text)));
    return new Redactor(TestKeys.pseudonymizer(), cipher, RedactionPolicy.safeHarbor(), TestKeys.clock())
        .redact(TestKeys.meta("ev-1", "north", content), content, PhiDetector.withDefaultDetectors().detect(content));
  }

  private static Function<String, VaultEntry> vault(Redaction r) {
    Map<String, VaultEntry> byToken = r.vaultEntries().stream()
        .collect(Collectors.toMap(VaultEntry::getToken, e -> e));
    return byToken::get;
  }

  @Test
  void shouldRestoreEveryTokenedValueInARoundTrip() {
    String original = "Zebulonia Quixtrot (MRN: 00482913) called from 978-555-0147, mail z.q@mailbox.example.";
    Redaction r = redact(original);
    String deidentified = r.event().getTextParts().get(0).getText();
    assertThat(deidentified).doesNotContain("Quixtrot", "00482913", "555-0147", "mailbox");

    Reidentifier.Reidentified back = reidentifier.reidentify(deidentified, vault(r));

    assertThat(back.text()).isEqualTo(original);
    assertThat(back.complete()).isTrue();
  }

  @Test
  void shouldRestoreTokensInsideAnAiDraftAndReportUnknownOnesOnce() {
    Redaction r = redact("Zebulonia Quixtrot was seen.");
    String token = r.event().getFields().get(0).getReplacement();
    String draft = "Summary for " + token + ": stable. Copy [NAME-00000000] and [NAME-00000000]; [NOT-a-token].";

    Reidentifier.Reidentified back = reidentifier.reidentify(draft, vault(r));

    assertThat(back.text()).isEqualTo(
        "Summary for Zebulonia Quixtrot: stable. Copy [NAME-00000000] and [NAME-00000000]; [NOT-a-token].");
    assertThat(back.unresolvedTokens()).containsExactly("[NAME-00000000]");
  }

  @Test
  void shouldNotOpenAnEntryFiledUnderAnotherToken() {
    Redaction r = redact("Zebulonia Quixtrot was seen.");
    VaultEntry entry = r.vaultEntries().get(0);
    String other = "[NAME-12345678]";

    Reidentifier.Reidentified back = reidentifier.reidentify("Hi " + other, t -> entry);
    VaultEntry moved = new VaultEntry(other, entry.getTenant(), entry.getCategory(), entry.getOriginal(),
        entry.getFirstEventId(), entry.getCreatedAt());
    Reidentifier.Reidentified tampered = reidentifier.reidentify("Hi " + other, t -> moved);

    assertThat(back.text()).isEqualTo("Hi " + other);
    assertThat(back.unresolvedTokens()).containsExactly(other);
    assertThat(tampered.unresolvedTokens()).containsExactly(other);
  }
}
