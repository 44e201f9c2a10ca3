package org.phigate.deid.known;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;
import org.phigate.deid.detect.PhiDetector;
import org.phigate.deid.testdata.TestKeys;
import org.phigate.schema.EncryptedBlob;
import org.phigate.schema.PhiCategory;
import org.phigate.schema.PhiContent;
import org.phigate.schema.PhiFinding;
import org.phigate.schema.StructuredField;
import org.phigate.schema.TextPart;
import org.phigate.security.CryptoException;

class KnownIdentifierStoreTest {
  private final KnownIdentifierStore sealing = new KnownIdentifierStore(TestKeys.vaultCipher());
  private final KnownIdentifierPolicy policy = new KnownIdentifierPolicy(3, EnumSet.of(PhiCategory.NAME,
      PhiCategory.PHONE, PhiCategory.MRN), Set.of("patient", "relative"), Duration.ofDays(30));

  private static StructuredField field(String path, PhiCategory category, String value, String party) {
    return new StructuredField(path, category, value, party, null);
  }

  @Test
  void shouldSealTheFieldsBoundToThePatientToken() {
    List<StructuredField> fields = List.of(field("NK1-2", PhiCategory.NAME, "Okonkwo^Adaeze", "relative"));
    EncryptedBlob blob = sealing.seal("PT-aaaaaaaaaaaa", fields);

    byte[] bytes = KnownIdentifierStore.blobSerde().serializer().serialize("changelog", blob);
    assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).doesNotContain("Okonkwo").doesNotContain("Adaeze");
    EncryptedBlob read = KnownIdentifierStore.blobSerde().deserializer().deserialize("changelog", bytes);
    assertThat(sealing.open("PT-aaaaaaaaaaaa", read)).isEqualTo(fields);
    // moved to another patient's key, the value does not open
    assertThatThrownBy(() -> sealing.open("PT-bbbbbbbbbbbb", read)).isInstanceOf(CryptoException.class);
  }

  @Test
  void shouldKeepOnlyConfiguredCategoriesAndPartiesAndEvictTheLeastRecentlySeenBeyondTheCap() {
    List<StructuredField> first = List.of(
        field("PID-5", PhiCategory.NAME, "Okonkwo^Chidubem", "patient"),
        field("PID-7", PhiCategory.DATE, "19610304", "patient"),
        field("PV1-7", PhiCategory.NAME, "Halvorsen^Brit", "provider"),
        field("NK1-2", PhiCategory.NAME, "Okonkwo^Adaeze", "relative"),
        field("NK1-5", PhiCategory.PHONE, "(217)555-0178", "relative"));
    List<StructuredField> remembered = policy.merge(List.of(), first);
    assertThat(remembered).extracting(StructuredField::getPath).containsExactly("PID-5", "NK1-2", "NK1-5");

    // the patient's name again (other case and spacing) moves to the end; the MRN then evicts the oldest
    List<StructuredField> second = List.of(field("PID-3", PhiCategory.MRN, "800111", "patient"),
        field("PID-5", PhiCategory.NAME, "OKONKWO^Chidubem ", "patient"));
    assertThat(policy.merge(remembered, second)).extracting(StructuredField::getPath)
        .containsExactly("NK1-5", "PID-3", "PID-5");
  }

  @Test
  void shouldFindRememberedIdentifiersUnderTheirOwnDetectorNameAndLeaveOwnFieldsToTheRecord() {
    PhiContent content = PhiContent.newBuilder().setPatientKey("800111")
        .setFields(List.of(field("PID-3", PhiCategory.MRN, "800111", "patient")))
        .setTextParts(List.of(new TextPart("OBX-5", "Okonkwo called back; Adaeze's ride is set. Ref 800111.")))
        .build();
    List<StructuredField> remembered = List.of(field("NK1-2", PhiCategory.NAME, "Okonkwo^Adaeze", "relative"),
        field("PID-3", PhiCategory.MRN, "800111", "patient"));

    List<PhiFinding> without = PhiDetector.withDefaultDetectors().detect(content);
    assertThat(without).extracting(PhiFinding::getDetector).noneMatch(d -> d.contains("known:vault"));

    List<PhiFinding> with = PhiDetector.withDefaultDetectors().detect(content, remembered);
    String text = content.getTextParts().get(0).getText();
    assertThat(with).filteredOn(f -> f.getDetector().contains("known:vault"))
        .extracting(f -> text.substring(f.getStart(), f.getEnd())).containsExactlyInAnyOrder("Okonkwo", "Adaeze");
    assertThat(with).filteredOn(f -> f.getStart() != null && text.substring(f.getStart(), f.getEnd())
        .equals("800111")).isNotEmpty().allSatisfy(f -> assertThat(f.getDetector()).doesNotContain("known:vault"))
        .anySatisfy(f -> assertThat(f.getDetector()).contains("known:PID-3"));
    // remembered values are never structured findings of this record
    assertThat(with).filteredOn(f -> f.getStart() == null).hasSize(1);
  }

  @Test
  void shouldRememberTheStricterRuleActionOfAValueSeenAgain() {
    List<StructuredField> first = policy.merge(List.of(),
        List.of(new StructuredField("PID-5", PhiCategory.NAME, "Okonkwo^Chidubem", "patient", "DROP")));
    List<StructuredField> second = policy.merge(first,
        List.of(new StructuredField("PID-5", PhiCategory.NAME, "OKONKWO^Chidubem", "patient", "TOKEN")));

    assertThat(second).singleElement().satisfies(f -> {
      assertThat(f.getAction()).isEqualTo("DROP");
      assertThat(f.getValue()).isEqualTo("OKONKWO^Chidubem");
    });
    assertThat(policy.merge(second, List.of(field("PID-5", PhiCategory.NAME, "Okonkwo^Chidubem", "patient"))))
        .extracting(StructuredField::getAction).containsExactly("DROP");
  }

  /** An entry written before fields carried a rule action: it opens, and its values fall back to the policy. */
  @Test
  void shouldOpenAnEntrySealedBeforeFieldsCarriedARuleAction() throws IOException {
    String token = "PT-cccccccccccc";
    EncryptedBlob old = TestKeys.vaultCipher().seal(legacyContent(token, "NAME", "Okonkwo^Adaeze"),
        KnownIdentifierStore.STORE + "|" + token);

    List<StructuredField> remembered = sealing.open(token, old);
    assertThat(remembered).containsExactly(field("NK1-2", PhiCategory.NAME, "Okonkwo^Adaeze", "relative"));

    PhiContent note = PhiContent.newBuilder().setPatientKey("800111")
        .setTextParts(List.of(new TextPart("OBX-5", "Adaeze called."))).build();
    assertThat(PhiDetector.withDefaultDetectors().detect(note, remembered))
        .filteredOn(f -> f.getDetector().contains("known:vault")).singleElement()
        .satisfies(f -> assertThat(f.getAction()).isNull());
  }

  /** Raw Avro binary of the v1 PhiContent (no StructuredField.action), as the store held it before. */
  private static byte[] legacyContent(String token, String category, String value) throws IOException {
    Schema.Parser parser = new Schema.Parser();
    try (InputStream in = KnownIdentifierStoreTest.class.getResourceAsStream("/avro-legacy/PhiContent-v1.avsc")) {
      parser.parse(in);
    }
    Schema content = parser.getTypes().get("org.phigate.schema.PhiContent");
    Schema fieldSchema = content.getField("fields").schema().getElementType();
    GenericRecord field = new GenericData.Record(fieldSchema);
    field.put("path", "NK1-2");
    field.put("category", new GenericData.EnumSymbol(fieldSchema.getField("category").schema(), category));
    field.put("value", value);
    field.put("party", "relative");
    GenericRecord record = new GenericData.Record(content);
    record.put("patientKey", token);
    record.put("fields", List.of(field));
    record.put("textParts", List.of());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(content).write(record, encoder);
    encoder.flush();
    return out.toByteArray();
  }

  @Test
  void shouldRetireThePriorPatientOfAMergeOnly() {
    PhiContent merge = PhiContent.newBuilder().setPatientKey("800333").setFields(List.of(
        field("PID-3", PhiCategory.MRN, "800333", "patient"),
        field("MRG-1", PhiCategory.MRN, "800111", "patient"),
        field("MRG-1(2)", PhiCategory.MRN, "800333", "patient"),
        field("MRG-7", PhiCategory.NAME, "Okonkwo^Chidubem", "patient"))).build();
    assertThat(PatientMerges.retiredPatientKeys("ADT^A40", merge)).containsExactly("800111");
    assertThat(PatientMerges.retiredPatientKeys("ADT^A08", merge)).isEmpty();
  }
}
