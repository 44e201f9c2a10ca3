package org.phigate.deid.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.phigate.catalog.EventKeysCodec;
import org.phigate.deid.detect.PhiDetector;
import org.phigate.deid.redact.EventVault;
import org.phigate.deid.redact.Redaction;
import org.phigate.deid.redact.RedactionPolicy;
import org.phigate.deid.redact.Redactor;
import org.phigate.deid.testdata.TestKeys;
import org.phigate.deid.vault.ReidentificationRefused.Reason;
import org.phigate.schema.ClinicalEvent;
import org.phigate.schema.PhiCategory;
import org.phigate.schema.PhiContent;
import org.phigate.schema.StructuredField;
import org.phigate.schema.TextPart;
import org.phigate.schema.VaultEntry;
import org.phigate.schema.VaultEntryKind;
import org.phigate.schema.VaultEventKeys;
import org.phigate.security.FieldCipher;
import org.phigate.security.Pseudonymizer;
import org.phigate.security.VaultKeys;

class ReidentifierTest {
  private static final String TENANT = "north";
  private final FieldCipher cipher = TestKeys.vaultCipher();
  private final Reidentifier reidentifier = new Reidentifier(cipher, null);
  private final Map<String, VaultEntry> vault = new HashMap<>();

  /** One de-identified event: its text, patient token and the subject of an item drafted from it. */
  private record Event(String text, String patientToken, Reidentifier.Subject subject, Redaction redaction) {}

  private Event redact(Pseudonymizer pseudonymizer, String eventId, String patientKey, String name, String text) {
    PhiContent content = new PhiContent(patientKey,
        List.of(new StructuredField("PID-5", PhiCategory.NAME, name, "patient", null)),
        List.of(new TextPart("note", text)));
    ClinicalEvent meta = TestKeys.meta(eventId, TENANT, content);
    Redaction r = new Redactor(pseudonymizer, cipher, RedactionPolicy.safeHarbor(), TestKeys.clock())
        .redact(meta, content, PhiDetector.withDefaultDetectors().detect(content));
    new EventVault(pseudonymizer, cipher, TestKeys.clock()).entries(meta, patientKey, r)
        .forEach(e -> vault.put(e.getToken(), e));
    String patientToken = r.event().getPatientToken();
    return new Event(r.event().getTextParts().get(0).getText(), patientToken,
        new Reidentifier.Subject(TENANT, eventId, patientToken, TestKeys.NOW), r);
  }

  private Event redact(String eventId, String patientKey, String name, String text) {
    return redact(TestKeys.pseudonymizer(), eventId, patientKey, name, text);
  }

  private static String token(Event e) {
    return e.redaction().event().getFields().get(0).getReplacement();
  }

  private Reason refusal(Reidentifier.Subject subject, String text, Function<String, VaultEntry> lookup) {
    try {
      reidentifier.reidentify(subject, text, lookup);
    } catch (ReidentificationRefused e) {
      return e.reason();
    }
    throw new AssertionError("re-identification was not refused");
  }

  @Test
  void shouldRestoreEveryTokenedValueAndThePatientKeyInARoundTrip() throws Exception {
    String original = "Zebulonia Quixtrot (MRN: 00482913) called from 978-555-0147, mail z.q@mailbox.example.";
    Event e = redact("ev-1", "MR7730412", "QUIXTROT^ZEBULONIA", original);
    assertThat(e.text()).doesNotContain("Quixtrot", "00482913", "555-0147", "mailbox");

    Reidentifier.Reidentified back = reidentifier.reidentify(e.subject(), e.text(), vault::get);

    assertThat(back.text()).isEqualTo(original);
    assertThat(back.patientKey()).isEqualTo("MR7730412");
    assertThat(back.legacy()).isFalse();
  }

  @Test
  void shouldKeyEveryValueByTenantAndItsFullKeyedHash() {
    Event e = redact("ev-1", "MR7730412", "QUIXTROT^ZEBULONIA", "Zebulonia Quixtrot was seen.");
    assertThat(e.redaction().vaultEntries()).isNotEmpty().allSatisfy(v -> {
      assertThat(v.getToken()).matches("vk1:north:" + v.getCategory() + ":[0-9a-f]{64}");
      assertThat(v.getKind()).isEqualTo(VaultEntryKind.VALUE);
    });
    assertThat(e.redaction().tokenKeys()).containsEntry(token(e),
        e.redaction().vaultEntries().get(0).getToken());
  }

  @Test
  void shouldRefuseATokenOfAnotherEventEvenWhenItsValueIsInTheVault() {
    Event mine = redact("ev-1", "MR-1", "QUIXTROT^ZEBULONIA", "Zebulonia Quixtrot was seen.");
    Event other = redact("ev-2", "MR-2", "FENWHISTLE^ORLANDA", "Orlanda Fenwhistle was seen.");
    String draft = "Summary for " + token(mine) + " and " + token(other) + ".";

    assertThat(refusal(mine.subject(), draft, vault::get)).isEqualTo(Reason.TOKENS_UNRESOLVED);
    assertThat(refusal(mine.subject(), "Copy [NAME-00000000].", vault::get)).isEqualTo(Reason.TOKENS_UNRESOLVED);
  }

  @Test
  void shouldRefuseAnItemOfAnotherPatientThanItsEvent() {
    Event mine = redact("ev-1", "MR-1", "QUIXTROT^ZEBULONIA", "Zebulonia Quixtrot was seen.");
    Event other = redact("ev-2", "MR-2", "FENWHISTLE^ORLANDA", "Orlanda Fenwhistle was seen.");
    var wrongPatient = new Reidentifier.Subject(TENANT, "ev-1", other.patientToken(), TestKeys.NOW);

    assertThat(refusal(wrongPatient, mine.text(), vault::get)).isEqualTo(Reason.VAULT_PATIENT_MISMATCH);
  }

  @Test
  void shouldRefuseAnotherTenantsEntriesWhereverTheyAreFiled() {
    Event e = redact("ev-1", "MR-1", "QUIXTROT^ZEBULONIA", "Zebulonia Quixtrot was seen.");
    var otherTenant = new Reidentifier.Subject("south", "ev-1", e.patientToken(), TestKeys.NOW);

    // filed under its own keys: the other tenant's item finds no key map
    assertThat(refusal(otherTenant, e.text(), vault::get)).isEqualTo(Reason.VAULT_EVENT_KEYS_MISSING);
    // a lookup that answers with north's entries for any key still gets nothing opened
    Function<String, VaultEntry> misfiled = key -> vault.get(key.replace("vk1:south:", "vk1:north:"));
    assertThat(refusal(otherTenant, e.text(), misfiled)).isEqualTo(Reason.VAULT_TENANT_MISMATCH);
  }

  @Test
  void shouldRefuseAnEventKeyMapMovedToAnotherEvent() {
    Event first = redact("ev-1", "MR-1", "QUIXTROT^ZEBULONIA", "Zebulonia Quixtrot was seen.");
    Event second = redact("ev-2", "MR-1", "QUIXTROT^ZEBULONIA", "Zebulonia Quixtrot called.");
    VaultEntry firstKeys = vault.get(VaultKeys.event(TENANT, "ev-1"));
    VaultEntry moved = VaultEntry.newBuilder(firstKeys).setToken(VaultKeys.event(TENANT, "ev-2")).build();
    vault.put(moved.getToken(), moved);

    assertThat(refusal(second.subject(), second.text(), vault::get)).isEqualTo(Reason.CRYPTO_FAILED);
    vault.put(moved.getToken(), firstKeys);
    assertThat(refusal(second.subject(), second.text(), vault::get)).isEqualTo(Reason.VAULT_KEY_MISMATCH);
    assertThat(first.text()).isNotEmpty();
  }

  @Test
  void shouldRefuseAValueEntryFiledUnderAnotherValuesKey() {
    Event mine = redact("ev-1", "MR-1", "QUIXTROT^ZEBULONIA", "Zebulonia Quixtrot was seen.");
    Event other = redact("ev-2", "MR-2", "FENWHISTLE^ORLANDA", "Orlanda Fenwhistle was seen.");
    String myKey = mine.redaction().tokenKeys().get(token(mine));
    VaultEntry theirs = vault.get(other.redaction().tokenKeys().get(token(other)));
    vault.put(myKey, theirs);

    assertThat(refusal(mine.subject(), mine.text(), vault::get)).isEqualTo(Reason.VAULT_KEY_MISMATCH);
    vault.put(myKey, VaultEntry.newBuilder(theirs).setToken(myKey).build());
    assertThat(refusal(mine.subject(), mine.text(), vault::get)).isEqualTo(Reason.CRYPTO_FAILED);
  }

  @Test
  void shouldRefuseAKeyMapWhoseKeyIsNotCutFromItsTokensHash() {
    Event mine = redact("ev-1", "MR-1", "QUIXTROT^ZEBULONIA", "Zebulonia Quixtrot was seen.");
    Event other = redact("ev-2", "MR-2", "FENWHISTLE^ORLANDA", "Orlanda Fenwhistle was seen.");
    String eventKey = VaultKeys.event(TENANT, "ev-1");
    VaultEntry keys = vault.get(eventKey);
    VaultEventKeys map = new EventKeysCodec(cipher).open(keys.getOriginal(), eventKey);
    Map<String, ByteBuffer> forged = new LinkedHashMap<>(map.getTokens());
    forged.put(token(mine), ByteBuffer.wrap(VaultKeys.hash(other.redaction().tokenKeys().get(token(other)))));
    map.setTokens(forged);
    vault.put(eventKey, VaultEntry.newBuilder(keys).setOriginal(new EventKeysCodec(cipher).seal(map, eventKey))
        .build());

    assertThat(refusal(mine.subject(), mine.text(), vault::get)).isEqualTo(Reason.VAULT_KEY_MISMATCH);
  }

  @Test
  void shouldRefuseWhatDoesNotOpenWithThisRolesKey() {
    Event e = redact("ev-1", "MR-1", "QUIXTROT^ZEBULONIA", "Zebulonia Quixtrot was seen.");
    Reidentifier otherKey = new Reidentifier(new FieldCipher("vault-1", Map.of("vault-1",
        new javax.crypto.spec.SecretKeySpec(new byte[32], "AES"))), null);

    assertThatThrownBy(() -> otherKey.reidentify(e.subject(), e.text(), vault::get))
        .isInstanceOfSatisfying(ReidentificationRefused.class,
            r -> assertThat(r.reason()).isEqualTo(Reason.CRYPTO_FAILED))
        .hasMessage("CRYPTO_FAILED");
  }

  @Test
  void shouldGiveEachValueOfOneEventItsOwnTokenWhenShortTokensCollide() throws Exception {
    Pseudonymizer fourBits = new Pseudonymizer(new byte[32], 4, 4);
    String original = "Seen with Ada Brightwater, Cyrus Delmonte, Edda Fairweather, Gideon Hollowell, "
        + "Ines Jardine, Kasimir Lindqvist, Mirela Northcott and Osric Pemberton; call 978-555-0147 or 978-555-0199.";
    Event e = redact(fourBits, "ev-1", "MR-1", "QUIXTROT^ZEBULONIA", original);

    assertThat(e.redaction().tokenKeys().keySet()).as("a collision was resolved by a longer token")
        .anyMatch(t -> t.matches("\\[[A-Z_]+-[0-9a-f]{2,}]"));
    assertThat(e.redaction().tokenKeys().values()).doesNotHaveDuplicates();
    assertThat(e.redaction().tokenKeys()).allSatisfy((token, key) ->
        assertThat(VaultKeys.standsFor(key, TENANT, token)).as(token).isTrue());
    assertThat(reidentifier.reidentify(e.subject(), e.text(), vault::get).text()).isEqualTo(original);
  }

  @Test
  void shouldOpenEntriesKeyedByTokenFromBeforeVaultKeysOnlyForTheirTenantAndItemsHeldBeforeTheUpgrade()
      throws Exception {
    String patientToken = "PT-aabbccddeeff";
    String nameToken = "[NAME-11223344]";
    vault.put(patientToken, legacy(patientToken, TENANT, PhiCategory.MRN, "MRN-000123"));
    vault.put(nameToken, legacy(nameToken, TENANT, PhiCategory.NAME, "Zebulonia Quixtrot"));
    Instant upgrade = TestKeys.NOW.plusSeconds(60);
    Reidentifier upgraded = new Reidentifier(cipher, upgrade);
    var before = new Reidentifier.Subject(TENANT, "ev-old", patientToken, TestKeys.NOW);

    Reidentifier.Reidentified back = upgraded.reidentify(before, "Call " + nameToken + ".", vault::get);
    assertThat(back.text()).isEqualTo("Call Zebulonia Quixtrot.");
    assertThat(back.patientKey()).isEqualTo("MRN-000123");
    assertThat(back.legacy()).isTrue();

    var after = new Reidentifier.Subject(TENANT, "ev-old", patientToken, upgrade);
    assertThatThrownBy(() -> upgraded.reidentify(after, "Call " + nameToken + ".", vault::get))
        .isInstanceOfSatisfying(ReidentificationRefused.class,
            r -> assertThat(r.reason()).isEqualTo(Reason.VAULT_EVENT_KEYS_MISSING));
    assertThat(refusal(before, "Hi.", vault::get)).as("no cut-off configured")
        .isEqualTo(Reason.VAULT_EVENT_KEYS_MISSING);
    vault.put(nameToken, legacy(nameToken, "south", PhiCategory.NAME, "Orlanda Fenwhistle"));
    assertThatThrownBy(() -> upgraded.reidentify(before, "Call " + nameToken + ".", vault::get))
        .isInstanceOfSatisfying(ReidentificationRefused.class,
            r -> assertThat(r.reason()).isEqualTo(Reason.VAULT_TENANT_MISMATCH));
  }

  private VaultEntry legacy(String token, String tenant, PhiCategory category, String original) {
    return VaultEntry.newBuilder().setToken(token).setTenant(tenant).setCategory(category)
        .setOriginal(cipher.sealString(original, token)).setFirstEventId("ev-old").setCreatedAt(TestKeys.NOW)
        .build();
  }
}
