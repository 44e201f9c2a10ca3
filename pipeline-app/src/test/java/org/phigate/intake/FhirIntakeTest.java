package org.phigate.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ca.uhn.fhir.context.FhirContext;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.phigate.schema.PhiCategory;
import org.phigate.schema.SourceFormat;
import org.phigate.schema.StructuredField;
import org.phigate.schema.TextPart;

class FhirIntakeTest {

    private static final IntakeParser PARSER = new IntakeParser();

    private static byte[] resource(String path) throws Exception {
        try (InputStream in = FhirIntakeTest.class.getResourceAsStream(path)) {
            return in.readAllBytes();
        }
    }

    private static NormalizedMessage parsed(byte[] payload, String contentType) {
        ParseResult r = PARSER.parse(payload, contentType);
        assertThat(r).isInstanceOf(ParseResult.Parsed.class);
        return ((ParseResult.Parsed) r).message();
    }

    @Test
    void shouldExtractPatientDemographicsWithFhirPaths() throws Exception {
        NormalizedMessage m = parsed(resource("/samples/fhir/r4-spec-examples/Patient-example.json"), IntakeParser.FHIR_JSON);

        assertThat(m.format()).isEqualTo(SourceFormat.FHIR_R4);
        assertThat(m.sourceVersion()).isEqualTo("4.0.1");
        assertThat(m.sourceMessageId()).isEqualTo("example");
        assertThat(m.phi().getPatientKey()).isEqualTo("12345");
        assertThat(m.phi().getFields())
                .extracting(StructuredField::getPath, StructuredField::getCategory, StructuredField::getValue, StructuredField::getParty)
                .contains(
                        tuple("Patient.identifier[0].value", PhiCategory.MRN, "12345", "patient"),
                        tuple("Patient.name[0]", PhiCategory.NAME, "Peter James Chalmers", "patient"),
                        tuple("Patient.birthDate", PhiCategory.DATE, "1974-12-25", "patient"),
                        tuple("Patient.address[0]", PhiCategory.GEO, "534 Erewhon St, PleasantVille, Rainbow, Vic, 3999", "patient"),
                        tuple("Patient.telecom[1]", PhiCategory.PHONE, "(03) 5555 6473", "patient"),
                        tuple("Patient.contact[0].name", PhiCategory.NAME, "Bénédicte du Marché", "relative"));
        assertThat(m.phi().getTextParts()).extracting(TextPart::getPath).contains("Patient.text.div");
        assertThat(m.phi().getTextParts()).allSatisfy(t -> assertThat(t.getText()).doesNotContain("<div", "</"));
    }

    @Test
    void shouldParseFhirXmlLikeJson() throws Exception {
        byte[] json = resource("/samples/fhir/r4-spec-examples/Patient-example.json");
        FhirContext ctx = FhirContext.forR4Cached();
        String xml = ctx.newXmlParser().encodeResourceToString(ctx.newJsonParser().parseResource(new String(json, StandardCharsets.UTF_8)));

        NormalizedMessage fromXml = parsed(xml.getBytes(StandardCharsets.UTF_8), IntakeParser.FHIR_XML);
        NormalizedMessage sniffed = parsed(xml.getBytes(StandardCharsets.UTF_8), null);

        assertThat(fromXml.phi().getFields()).isEqualTo(parsed(json, null).phi().getFields());
        assertThat(sniffed).isEqualTo(fromXml);
    }

    @Test
    void shouldPutCommunicationPayloadInTextParts() throws Exception {
        NormalizedMessage m = parsed(resource("/samples/fhir/r4-spec-examples/Communication-example.json"), null);

        assertThat(m.workflow()).isEqualTo("message-triage");
        assertThat(m.phi().getTextParts()).extracting(TextPart::getPath, TextPart::getText)
                .contains(tuple("Communication.payload[0].contentString",
                        "Patient 1 has a very high serum potassium value (7.2 mmol/L on 2014-Dec-12 at 5:55 pm)"));
    }

    @Test
    void shouldKeyAPatientByItsMedicalRecordNumberLikeHl7() {
        String hl7 = "MSH|^~\\&|ADT1|GH|PHIGATE|HOSP|20260101||ADT^A01|KEY-1|P|2.5.1\r"
                + "PID|1||990011^^^GH^PI~MRN-77031^^^GH^MR||Quixtrot^Zebulonia||19610615|F\r";
        String fhir = """
                {"resourceType":"Patient","id":"p-1",
                 "identifier":[{"system":"urn:oid:1.2.3","value":"990011"},
                   {"type":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v2-0203","code":"MR"}]},
                    "system":"urn:gh:mrn","value":"MRN-77031"}],
                 "name":[{"family":"Quixtrot","given":["Zebulonia"]}]}
                """;

        String hl7Key = parsed(hl7.getBytes(StandardCharsets.UTF_8), IntakeParser.HL7_V2).phi().getPatientKey();
        String fhirKey = parsed(fhir.getBytes(StandardCharsets.UTF_8), IntakeParser.FHIR_JSON).phi().getPatientKey();

        assertThat(hl7Key).isEqualTo("MRN-77031");
        assertThat(fhirKey).isEqualTo(hl7Key);
    }

    @Test
    void shouldDecodeTextAttachmentsOfDocumentReference() {
        String note = "Seen by Dr. Zebulonia Quixtrot on 2024-02-03.";
        String json = """
                {"resourceType":"DocumentReference","id":"note-1","status":"current",
                 "subject":{"reference":"Patient/p-42","display":"Ada Lovelace"},
                 "content":[{"attachment":{"contentType":"text/plain; charset=utf-8","data":"%s"}},
                            {"attachment":{"contentType":"application/pdf","data":"JVBERi0xLjQ="}}],
                 "unknownElementFromANewerVersion":{"x":1}}
                """.formatted(Base64.getEncoder().encodeToString(note.getBytes(StandardCharsets.UTF_8)));

        NormalizedMessage m = parsed(json.getBytes(StandardCharsets.UTF_8), IntakeParser.FHIR_JSON);

        assertThat(m.phi().getPatientKey()).isEqualTo("p-42");
        assertThat(m.phi().getTextParts()).extracting(TextPart::getPath, TextPart::getText)
                .containsExactly(tuple("DocumentReference.content[0].attachment.data", note));
        assertThat(m.phi().getFields()).extracting(StructuredField::getPath, StructuredField::getValue)
                .contains(tuple("DocumentReference.subject.display", "Ada Lovelace"));
    }

    @Test
    void shouldProcessEveryBundleEntryWithEntryPaths() throws Exception {
        NormalizedMessage m = parsed(resource(
                "/samples/fhir/synthea-with-notes/Carolee951_Sanford861_d88f994a-5efa-421d-9c40-5f116d2114a6.json"), null);

        assertThat(m.messageType()).isEqualTo("Bundle/transaction");
        assertThat(m.workflow()).isEqualTo("note-summary");
        assertThat(m.sourceMessageId()).startsWith("sha256:");
        assertThat(m.phi().getPatientKey()).isEqualTo("d88f994a-5efa-421d-9c40-5f116d2114a6");
        assertThat(m.phi().getTextParts()).extracting(TextPart::getPath)
                .anyMatch(p -> p.matches("Bundle\\.entry\\[\\d+]\\.resource\\.ofType\\(DocumentReference\\)\\.content\\[0]\\.attachment\\.data"));
        assertThat(m.phi().getFields()).extracting(StructuredField::getPath, StructuredField::getCategory)
                .contains(tuple("Bundle.entry[0].resource.ofType(Patient).identifier[2].value", PhiCategory.SSN),
                        tuple("Bundle.entry[0].resource.ofType(Patient).name[0]", PhiCategory.NAME));
    }

    @Test
    void shouldAcceptTextBinaryAndRejectImageBinary() throws Exception {
        String text = "{\"resourceType\":\"Binary\",\"id\":\"b1\",\"contentType\":\"text/plain\",\"data\":\""
                + Base64.getEncoder().encodeToString("hello note".getBytes(StandardCharsets.UTF_8)) + "\"}";

        NormalizedMessage m = parsed(text.getBytes(StandardCharsets.UTF_8), null);
        ParseResult image = PARSER.parse(resource("/samples/fhir/r4-spec-examples/Binary-f006.json"), null);

        assertThat(m.phi().getTextParts()).extracting(TextPart::getPath, TextPart::getText).containsExactly(tuple("Binary.data", "hello note"));
        assertThat(image).isEqualTo(ParseResult.Rejected.of(ParseResult.Reason.FHIR_UNSUPPORTED_RESOURCE, "Binary.contentType"));
    }

    @Test
    void shouldKeepOnlyNarrativeOfUnroutedResourceTypes() throws Exception {
        NormalizedMessage m = parsed(resource("/samples/fhir/r4-spec-examples/CommunicationRequest-example.json"), null);

        assertThat(m.workflow()).isEqualTo(WorkflowRouter.UNROUTED);
        assertThat(m.phi().getTextParts()).extracting(TextPart::getPath).containsExactly("CommunicationRequest.text.div");
    }

    @Test
    void shouldStripNarrativeMarkup() {
        assertThat(FhirText.stripTags("<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>A &amp; B</p><table><tr><td>x</td><td>y</td></tr></table>z&#233;<br/>w</div>"))
                .isEqualTo("A & B\nx y\nzé\nw");
    }
}
