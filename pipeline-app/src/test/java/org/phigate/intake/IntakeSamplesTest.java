package org.phigate.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.phigate.schema.SourceFormat;

/** Every shipped sample, with the outcome we decided is correct for it. */
class IntakeSamplesTest {

    private static final IntakeParser PARSER = new IntakeParser();

    /** file name -> "messageType | workflow" when parsed, or "REJECT reasonCode". */
    static final Map<String, String> EXPECTED = Map.ofEntries(
            // HL7 v2 (hapi-hl7v2 test resources)
            Map.entry("ADT_A01_v24.hl7", "ADT^A01 | registration"),
            Map.entry("adt_a03.hl7", "ADT^A03 | registration"),
            // An OLIS query response (ERP^Z99): no workflow of ours, but parsed so nothing is lost.
            Map.entry("cv.04_001_chem.hl7", "ERP^Z99 | unrouted"),
            Map.entry("example_oml_o21.hl7", "OML^O21 | orders"),
            // HL7 v2 (microsoft/FHIR-Converter samples)
            Map.entry("ADT-A01-01.hl7", "ADT^A01 | registration"),
            Map.entry("ADT-A01-02.hl7", "ADT^A01 | registration"),
            Map.entry("ADT-A03-01.hl7", "ADT^A03 | registration"),
            Map.entry("ADT-A03-02.hl7", "ADT^A03 | registration"),
            Map.entry("ADT-A04-01.hl7", "ADT^A04 | registration"),
            Map.entry("ADT-A04-02.hl7", "ADT^A04 | registration"),
            Map.entry("ADT-A08-01.hl7", "ADT^A08 | registration"),
            Map.entry("ADT-A08-02.hl7", "ADT^A08 | registration"),
            Map.entry("ADT01-23.hl7", "ADT^A01 | registration"),
            Map.entry("ADT01-28.hl7", "ADT^A01 | registration"),
            Map.entry("ADT04-23.hl7", "ADT^A04 | registration"),
            Map.entry("ADT04-251.hl7", "ADT^A04 | registration"),
            Map.entry("ADT04-28.hl7", "ADT^A04 | registration"),
            Map.entry("LAB-ORM-1.hl7", "ORM^O01 | orders"),
            Map.entry("LAB-ORU-1.hl7", "ORU^R01 | result-follow-up"),
            Map.entry("LAB-ORU-2.hl7", "ORU^R01 | result-follow-up"),
            Map.entry("LRI_2.0-NG_CBC_Typ_Message.hl7", "ORU^R01 | result-follow-up"),
            Map.entry("MDM-T01-01.hl7", "MDM^T01 | note-summary"),
            Map.entry("MDM-T02-01.hl7", "MDM^T02 | note-summary"),
            Map.entry("MDM-T02-02.hl7", "MDM^T02 | note-summary"),
            Map.entry("MDM-T02-03.hl7", "MDM^T02 | note-summary"),
            // Named MDM upstream, but its MSH-9 says ADT^A01: the header wins.
            Map.entry("MDM_01.hl7", "ADT^A01 | registration"),
            Map.entry("ORM-O01-01.hl7", "ORM^O01 | orders"),
            Map.entry("ORM-O01-02.hl7", "ORM^O01 | orders"),
            Map.entry("ORM-O01-03.hl7", "ORM^O01 | orders"),
            Map.entry("ORM-O01-04.hl7", "ORM^O01 | orders"),
            Map.entry("ORM-O01-05.hl7", "ORM^O01 | orders"),
            Map.entry("ORM-O01-06.hl7", "ORM^O01 | orders"),
            Map.entry("ORU-R01-01.hl7", "ORU^R01 | result-follow-up"),
            Map.entry("ORU-R01-RMGEAD.hl7", "ORU^R01 | result-follow-up"),
            Map.entry("SIU-S12-01.hl7", "SIU^S12 | scheduling"),
            Map.entry("SIU-S12-02.hl7", "SIU^S12 | scheduling"),
            Map.entry("SIU-S12_1.hl7", "SIU^S12 | scheduling"),
            Map.entry("SIU-S14-01.hl7", "SIU^S14 | scheduling"),
            Map.entry("SIU-S15-01.hl7", "SIU^S15 | scheduling"),
            Map.entry("VXU-V04-01.hl7", "VXU^V04 | immunization"),
            // FHIR R4 spec examples
            Map.entry("Binary-f006.json", "REJECT FHIR_UNSUPPORTED_RESOURCE"), // image/jpeg: nothing we can read
            Map.entry("Bundle-3a0707d3-549e-4467-b8b8-5a2ab3800efe.json", "Bundle/message | registration"),
            Map.entry("Bundle-bundle-example.json", "Bundle/searchset | orders"),
            Map.entry("Bundle-bundle-transaction.json", "Bundle/transaction | registration"),
            Map.entry("Bundle-f001.json", "Bundle/collection | result-follow-up"),
            Map.entry("Bundle-father.json", "Bundle/document | note-summary"),
            Map.entry("Bundle-lipids.json", "Bundle/collection | result-follow-up"),
            Map.entry("Bundle-micro.json", "Bundle/collection | result-follow-up"),
            Map.entry("Bundle-report.json", "Bundle/collection | result-follow-up"),
            Map.entry("Bundle-xds.json", "Bundle/transaction | note-summary"),
            Map.entry("Communication-example.json", "Communication | message-triage"),
            Map.entry("Communication-fm-attachment.json", "Communication | message-triage"),
            Map.entry("Communication-fm-solicited.json", "Communication | message-triage"),
            // Not a type we route: parsed (narrative kept for detection), no workflow.
            Map.entry("CommunicationRequest-example.json", "CommunicationRequest | unrouted"),
            Map.entry("Composition-example-mixed.json", "Composition | note-summary"),
            Map.entry("Composition-example.json", "Composition | note-summary"),
            Map.entry("DiagnosticReport-102.json", "DiagnosticReport | result-follow-up"),
            Map.entry("DiagnosticReport-example-pgx.json", "DiagnosticReport | result-follow-up"),
            Map.entry("DiagnosticReport-f201.json", "DiagnosticReport | result-follow-up"),
            Map.entry("DiagnosticReport-gingival-mass.json", "DiagnosticReport | result-follow-up"),
            Map.entry("DiagnosticReport-pap.json", "DiagnosticReport | result-follow-up"),
            Map.entry("DiagnosticReport-ultrasound.json", "DiagnosticReport | result-follow-up"),
            Map.entry("DocumentReference-example.json", "DocumentReference | note-summary"),
            Map.entry("Encounter-example.json", "Encounter | registration"),
            Map.entry("Encounter-f001.json", "Encounter | registration"),
            Map.entry("Observation-example.json", "Observation | result-follow-up"),
            Map.entry("Observation-f001.json", "Observation | result-follow-up"),
            Map.entry("Patient-ch-example.json", "Patient | registration"),
            Map.entry("Patient-example.json", "Patient | registration"),
            Map.entry("Patient-f001.json", "Patient | registration"),
            Map.entry("Patient-f201.json", "Patient | registration"),
            Map.entry("Patient-infant-twin-1.json", "Patient | registration"),
            Map.entry("Patient-pat1.json", "Patient | registration"),
            // Synthea bundle with clinical notes: the DocumentReferences make it a note summary.
            Map.entry("Carolee951_Sanford861_d88f994a-5efa-421d-9c40-5f116d2114a6.json", "Bundle/transaction | note-summary"));

    static Stream<Path> samples() throws IOException, URISyntaxException {
        Path root = Path.of(IntakeSamplesTest.class.getResource("/samples").toURI());
        return Files.walk(root)
                .filter(p -> p.toString().endsWith(".hl7") || p.toString().endsWith(".json"))
                .sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void shouldParseOrRejectEverySampleAsExpected(Path sample) throws IOException {
        String name = sample.getFileName().toString();
        assertThat(EXPECTED).as("expected outcome declared for %s", name).containsKey(name);

        ParseResult result = PARSER.parse(Files.readAllBytes(sample), null);

        String expected = EXPECTED.get(name);
        if (expected.startsWith("REJECT ")) {
            assertThat(result).isInstanceOf(ParseResult.Rejected.class);
            assertThat(((ParseResult.Rejected) result).reasonCode()).isEqualTo(expected.substring(7));
            return;
        }
        assertThat(result).as(name).isInstanceOf(ParseResult.Parsed.class);
        NormalizedMessage m = ((ParseResult.Parsed) result).message();
        assertThat(m.messageType() + " | " + m.workflow()).isEqualTo(expected);
        assertThat(m.format()).isEqualTo(name.endsWith(".hl7") ? SourceFormat.HL7V2 : SourceFormat.FHIR_R4);
        assertThat(m.sourceMessageId()).isNotBlank();
        assertThat(m.phi().getPatientKey()).isNotBlank();
        assertThat(m.phi().getFields().size() + m.phi().getTextParts().size()).as("PHI content found").isPositive();
    }

    @Test
    void shouldParseTheSameSampleWithItsDeclaredContentType() throws Exception {
        List<Path> all = samples().toList();
        for (Path p : all) {
            String ct = p.toString().endsWith(".hl7") ? IntakeParser.HL7_V2 : IntakeParser.FHIR_JSON;
            ParseResult declared = PARSER.parse(Files.readAllBytes(p), ct);
            ParseResult sniffed = PARSER.parse(Files.readAllBytes(p), null);
            assertThat(declared).as(p.getFileName().toString()).isEqualTo(sniffed);
        }
    }

    @Test
    void shouldCoverEveryExpectedSample() throws Exception {
        assertThat(samples().map(p -> p.getFileName().toString()).toList())
                .containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
    }
}
