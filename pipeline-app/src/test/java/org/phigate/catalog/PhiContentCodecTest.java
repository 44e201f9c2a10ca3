package org.phigate.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;
import org.phigate.deid.testdata.TestKeys;
import org.phigate.schema.PhiCategory;
import org.phigate.schema.PhiContent;
import org.phigate.schema.StructuredField;
import org.phigate.schema.TextPart;
import org.phigate.security.FieldCipher;

/** Sealed PHI content survives StructuredField gaining its optional action: old blobs open, new ones round-trip. */
class PhiContentCodecTest {
  private final FieldCipher cipher = TestKeys.vaultCipher();
  private final PhiContentCodec codec = new PhiContentCodec(cipher);

  @Test
  void shouldRoundTripContentWithRuleActions() {
    PhiContent content = new PhiContent("MRN4711", List.of(
        new StructuredField("PID-7", PhiCategory.DATE, "19470823", "patient", "DROP"),
        new StructuredField("PID-5", PhiCategory.NAME, "Quixtrot^Zebulonia", "patient", null)),
        List.of(new TextPart("NTE-3", "seen today")));

    PhiContent opened = codec.open(codec.seal(content, "ev-1"), "ev-1");

    assertThat(opened).isEqualTo(content);
    assertThat(PhiContentCodec.singleObject(cipher.open(codec.seal(content, "ev-1"), "ev-1"))).isTrue();
  }

  /** A blob as intake sealed it before this version: raw Avro binary of the committed baseline schema. */
  @Test
  void shouldOpenContentSealedBeforeStructuredFieldsHadAnAction() throws IOException {
    Schema baseline = baselinePhiContent();
    Schema fieldSchema = baseline.getField("fields").schema().getElementType();
    GenericRecord field = new GenericData.Record(fieldSchema);
    field.put("path", "PID-7");
    field.put("category", new GenericData.EnumSymbol(fieldSchema.getField("category").schema(), "DATE"));
    field.put("value", "19470823");
    field.put("party", "patient");
    GenericRecord second = new GenericData.Record(fieldSchema);
    second.put("path", "PID-3");
    second.put("category", new GenericData.EnumSymbol(fieldSchema.getField("category").schema(), "MRN"));
    second.put("value", "MRN4711");
    second.put("party", "patient");
    Schema textSchema = baseline.getField("textParts").schema().getElementType();
    GenericRecord text = new GenericData.Record(textSchema);
    text.put("path", "NTE-3");
    text.put("text", "seen today");
    GenericRecord old = new GenericData.Record(baseline);
    old.put("patientKey", "MRN4711");
    old.put("fields", List.of(field, second));
    old.put("textParts", List.of(text));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(baseline).write(old, encoder);
    encoder.flush();

    PhiContent opened = codec.open(cipher.seal(out.toByteArray(), "ev-0"), "ev-0");

    assertThat(opened.getPatientKey()).isEqualTo("MRN4711");
    assertThat(opened.getFields()).containsExactly(
        new StructuredField("PID-7", PhiCategory.DATE, "19470823", "patient", null),
        new StructuredField("PID-3", PhiCategory.MRN, "MRN4711", "patient", null));
    assertThat(opened.getTextParts()).containsExactly(new TextPart("NTE-3", "seen today"));
  }

  /** PhiContent of the schemas module's committed baseline, resolved with its named types. */
  private static Schema baselinePhiContent() throws IOException {
    Path dir = Path.of("..", "schemas", "src", "main", "avro-baseline");
    Schema.Parser parser = new Schema.Parser();
    for (String type : List.of("PhiCategory", "StructuredField", "TextPart", "PhiContent")) {
      parser.parse(dir.resolve(type + ".avsc").toFile());
    }
    return parser.getTypes().get("org.phigate.schema.PhiContent");
  }
}
