package org.phigate.deid.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phigate.catalog.PhiContentCodec;
import org.phigate.deid.detect.PhiDetector;
import org.phigate.deid.known.KnownIdentifierStore;
import org.phigate.deid.redact.EventVault;
import org.phigate.deid.redact.Redaction;
import org.phigate.deid.redact.RedactionPolicy;
import org.phigate.deid.redact.Redactor;
import org.phigate.deid.testdata.TestKeys;
import org.phigate.schema.AuditEvent;
import org.phigate.schema.ClinicalEvent;
import org.phigate.schema.EncryptedBlob;
import org.phigate.schema.PhiCategory;
import org.phigate.schema.PhiContent;
import org.phigate.schema.StructuredField;
import org.phigate.schema.TextPart;
import org.phigate.schema.VaultEntry;
import org.phigate.security.CryptoException;
import org.phigate.security.FieldCipher;
import org.phigate.security.Pseudonymizer;
import org.phigate.security.keys.Envelope;
import org.phigate.security.keys.InMemoryDataKeyStore;
import org.phigate.security.keys.KeyShredder;
import org.phigate.security.keys.Pkcs12KeyEncryptionKeys;

/**
 * Crypto-shredding one patient with envelope keys: every sealed field of that patient (the normalized event as
 * intake seals it, its vault entries, its remembered identifiers) stops opening, re-identification of its items
 * fails closed, and another patient's data still opens and re-identifies.
 */
class PatientShreddingTest {
  private static final String TENANT = "north";
  private final Pseudonymizer pseudonymizer = TestKeys.pseudonymizer();
  private final InMemoryDataKeyStore store = new InMemoryDataKeyStore();
  private final Map<String, VaultEntry> vault = new HashMap<>();
  @TempDir
  Path dir;
  private FieldCipher cipher;

  private record Patient(String token, ClinicalEvent event, PhiContent content, Redaction redaction,
                         List<VaultEntry> entries, EncryptedBlob remembered, String text) {}

  @BeforeEach
  void setUp() {
    var keks = Pkcs12KeyEncryptionKeys.create(dir.resolve("kek.p12"), "pw".toCharArray(), "phigate-kek");
    cipher = new FieldCipher("vault-1", Map.of(), new Envelope(keks, store, TENANT, TestKeys.clock()));
  }

  private Patient admit(String eventId, String mrn, String name, String note) {
    PhiContent content = new PhiContent(mrn, List.of(new StructuredField("PID-5", PhiCategory.NAME, name, "patient",
        null)), List.of(new TextPart("note", note)));
    String token = pseudonymizer.patientToken(TENANT, mrn);
    // as intake seals it with envelope keys and the HMAC key (RoleTopologies.patientTokens)
    ClinicalEvent event = TestKeys.meta(eventId, TENANT, content);
    event.setPhi(new PhiContentCodec(cipher).seal(content, eventId, token));
    Redaction r = new Redactor(pseudonymizer, cipher, RedactionPolicy.safeHarbor(), TestKeys.clock())
        .redact(event, content, PhiDetector.withDefaultDetectors().detect(content));
    List<VaultEntry> entries = new EventVault(pseudonymizer, cipher, TestKeys.clock()).entries(event, mrn, r);
    entries.forEach(e -> vault.put(e.getToken(), e));
    EncryptedBlob remembered = new KnownIdentifierStore(cipher).seal(token, content.getFields());
    return new Patient(token, event, content, r, entries, remembered, r.event().getTextParts().get(0).getText());
  }

  private Reidentifier.Reidentified reidentify(Patient p) throws ReidentificationRefused {
    return new Reidentifier(cipher, null).reidentify(new Reidentifier.Subject(TENANT, p.event().getEventId(),
        p.token(), TestKeys.NOW), p.text(), vault::get);
  }

  @Test
  void shouldOpenNoneOfTheShreddedPatientsFieldsAnywhereAndAllOfTheOthers() throws ReidentificationRefused {
    Patient shredded = admit("ev-1", "MR-7730412", "QUIXTROT^ZEBULONIA", "Zebulonia Quixtrot called from "
        + "978-555-0147.");
    Patient kept = admit("ev-2", "MR-5510923", "FENWHISTLE^ORLANDA", "Orlanda Fenwhistle called from 617-555-0199.");
    assertThat(reidentify(shredded).text()).contains("Quixtrot");

    List<String> destroyed = new KeyShredder(store).shred(TENANT, shredded.token(), "req-1");

    assertThat(destroyed).isNotEmpty().allSatisfy(id -> assertThat(id).contains(shredded.token()));
    assertThat(shredded.entries()).hasSizeGreaterThanOrEqualTo(5).allSatisfy(entry ->
        assertThatThrownBy(() -> cipher.open(entry.getOriginal(), entry.getToken()))
            .isInstanceOf(CryptoException.class).hasMessageContaining("crypto-shredded")
            .hasMessageNotContaining("Quixtrot").hasMessageNotContaining("7730412"));
    assertThatThrownBy(() -> new PhiContentCodec(cipher).open(shredded.event()))
        .isInstanceOf(CryptoException.class);
    assertThatThrownBy(() -> new KnownIdentifierStore(cipher).open(shredded.token(), shredded.remembered()))
        .isInstanceOf(CryptoException.class);
    assertThatThrownBy(() -> reidentify(shredded)).isInstanceOf(ReidentificationRefused.class)
        .extracting(e -> ((ReidentificationRefused) e).reason()).isEqualTo(ReidentificationRefused.Reason.CRYPTO_FAILED);

    assertThat(reidentify(kept).text()).isEqualTo("Orlanda Fenwhistle called from 617-555-0199.");
    assertThat(reidentify(kept).patientKey()).isEqualTo("MR-5510923");
    assertThat(new PhiContentCodec(cipher).open(kept.event())).isEqualTo(kept.content());
    assertThat(new KnownIdentifierStore(cipher).open(kept.token(), kept.remembered()))
        .isEqualTo(kept.content().getFields());
  }

  @Test
  void shouldSealEveryEntryOfAnEventUnderItsPatientsKey() {
    Patient p = admit("ev-1", "MR-7730412", "QUIXTROT^ZEBULONIA", "Zebulonia Quixtrot called from 978-555-0147.");

    assertThat(p.entries()).allSatisfy(e -> assertThat(e.getOriginal().getKeyId())
        .startsWith("dk1:p:" + TENANT + ":" + p.token() + ":"));
    assertThat(p.event().getPhi().getKeyId()).startsWith("dk1:p:" + TENANT + ":" + p.token() + ":");
    assertThat(p.remembered().getKeyId()).startsWith("dk1:p:" + TENANT + ":" + p.token() + ":");
  }

  /** Shredding cannot break `audit verify`: an audit event holds no sealed field, so it never needs a data key. */
  @Test
  void shouldKeepNoSealedFieldInAuditEvents() {
    assertThat(schemaNames(AuditEvent.getClassSchema(), new java.util.HashSet<>())).isNotEmpty()
        .doesNotContain("org.phigate.schema.EncryptedBlob");
  }

  private static java.util.Set<String> schemaNames(Schema schema, java.util.Set<String> seen) {
    switch (schema.getType()) {
      case RECORD -> {
        if (seen.add(schema.getFullName())) {
          schema.getFields().forEach(f -> schemaNames(f.schema(), seen));
        }
      }
      case ARRAY -> schemaNames(schema.getElementType(), seen);
      case MAP -> schemaNames(schema.getValueType(), seen);
      case UNION -> schema.getTypes().forEach(t -> schemaNames(t, seen));
      default -> { }
    }
    return seen;
  }
}
