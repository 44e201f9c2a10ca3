package org.phigate.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.phigate.schema.PhiCategory;
import org.phigate.schema.PhiContent;
import org.phigate.schema.StructuredField;
import org.phigate.schema.TextPart;

class Hl7v2IntakeTest {

    private static final IntakeParser PARSER = new IntakeParser();

    static final String ORU_WITH_TEXT = String.join("\r",
            "MSH|^~\\&|LAB|HOSP|EHR|HOSP|20240101120000||ORU^R01^ORU_R01|MSG-ESC-1|P|2.5",
            "PID|1||MRN-777^^^HOSP^MR||Quixtrot^Zebulonia||19800101|F|||12 Elm St^^Quaxbury^IL^62704||(217)555-0142",
            "OBR|1|||CBC^Blood count",
            "OBX|1|NM|718-7^Hgb^LN||13.5|g/dL",
            "OBX|2|TX|NOTE^Note^L||Line one\\.br\\Line two \\T\\ more\\F\\pipe\\S\\caret",
            "NTE|1||First line\\.br\\Second line",
            "ZPI|1|cousin Ramona Kettleby|555-0100",
            "");

    private static byte[] resource(String path) throws Exception {
        try (InputStream in = Hl7v2IntakeTest.class.getResourceAsStream(path)) {
            return in.readAllBytes();
        }
    }

    private static NormalizedMessage parsed(byte[] payload) {
        ParseResult r = PARSER.parse(payload, IntakeParser.HL7_V2);
        assertThat(r).isInstanceOf(ParseResult.Parsed.class);
        return ((ParseResult.Parsed) r).message();
    }

    private static NormalizedMessage parsed(String payload) {
        return parsed(payload.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldParseTheFirstMessagesOfAFreshParserOnManyThreadsAtOnce() throws Exception {
        String adt = "MSH|^~\\&|ADT1|GH|PHIGATE|HOSP|20260101120000||ADT^A01^ADT_A01|C%d|P|2.5.1\r"
                + "EVN|A01|20260101120000\rPID|1||MRN-4711^^^GH^MR||Quixtrot^Zebulonia||19610615|F\rPV1|1|I\r";
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(16);
        try {
            java.util.List<String> failures = new java.util.ArrayList<>();
            for (int round = 0; round < 100; round++) {
                IntakeParser fresh = new IntakeParser();
                java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
                java.util.List<java.util.concurrent.Future<ParseResult>> results = new java.util.ArrayList<>();
                for (int t = 0; t < 16; t++) {
                    byte[] message = String.format(adt, t).getBytes(StandardCharsets.ISO_8859_1);
                    results.add(pool.submit(() -> {
                        go.await();
                        return fresh.parse(message, IntakeParser.HL7_V2);
                    }));
                }
                go.countDown();
                for (java.util.concurrent.Future<ParseResult> r : results) {
                    if (r.get() instanceof ParseResult.Rejected rejected) {
                        failures.add(rejected.reasonCode());
                    }
                }
            }
            assertThat(failures).as("valid messages refused when first parsed concurrently").isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldExtractPidNameMrnDobAndAddressOfAdtA01() throws Exception {
        NormalizedMessage m = parsed(resource("/samples/hl7v2/microsoft-fhir-converter/ADT-A01-01.hl7"));

        assertThat(m.messageType()).isEqualTo("ADT^A01");
        assertThat(m.sourceVersion()).isEqualTo("2.8");
        assertThat(m.sourceMessageId()).isEqualTo("MSG00001");
        PhiContent phi = m.phi();
        assertThat(phi.getPatientKey()).isEqualTo("PATID1234");
        assertThat(phi.getFields())
                .extracting(StructuredField::getPath, StructuredField::getCategory, StructuredField::getValue, StructuredField::getParty)
                .contains(
                        tuple("PID-3", PhiCategory.MRN, "PATID1234", "patient"),
                        tuple("PID-3(2)", PhiCategory.SSN, "123456789", "patient"),
                        tuple("PID-5", PhiCategory.NAME, "EVERYMAN Aniston ADAM A III", "patient"),
                        tuple("PID-5(2)", PhiCategory.NAME, "Josh Bing stanley", "patient"),
                        tuple("PID-7", PhiCategory.DATE, "198808181126+0215", "patient"),
                        tuple("PID-11", PhiCategory.GEO, "1000 Hospital Lane, Ste. 123, Ann Arbor, MI, 99999, W", "patient"),
                        tuple("PID-18", PhiCategory.ACCOUNT, "4000776", "patient"),
                        tuple("PID-20", PhiCategory.LICENSE, "DLN-123", "patient"),
                        tuple("NK1-2", PhiCategory.NAME, "Evan Aniston ADAM A III", "relative"),
                        tuple("PV1-7", PhiCategory.NAME, "Alaz Mohammed Mahi JR", "provider"),
                        tuple("PV1-17", PhiCategory.NAME, "DISNEY WALT", "provider"),
                        tuple("GT1-3", PhiCategory.NAME, "RADIANT LUCY", "relative"),
                        tuple("IN1-16", PhiCategory.NAME, "Doe Rosallie John III", "relative"));
    }

    @Test
    void shouldPutObxAndNteTextInTextPartsWithEscapesDecoded() {
        NormalizedMessage m = parsed(ORU_WITH_TEXT);

        assertThat(m.workflow()).isEqualTo("result-follow-up");
        assertThat(m.phi().getTextParts()).extracting(TextPart::getPath, TextPart::getText).contains(
                tuple("OBX[2]-5", "Line one\nLine two & more|pipe^caret"),
                tuple("NTE-3", "First line\nSecond line"));
        assertThat(m.phi().getTextParts()).extracting(TextPart::getPath).doesNotContain("OBX-5");
        assertThat(m.phi().getFields()).extracting(StructuredField::getPath, StructuredField::getCategory, StructuredField::getValue)
                .contains(tuple("PID-5", PhiCategory.NAME, "Quixtrot Zebulonia"),
                        tuple("PID-13", PhiCategory.PHONE, "(217)555-0142"));
    }

    @Test
    void shouldKeepZSegmentsAsTextParts() {
        NormalizedMessage m = parsed(ORU_WITH_TEXT);

        assertThat(m.phi().getTextParts()).filteredOn(t -> t.getPath().equals("ZPI")).singleElement()
                .satisfies(t -> assertThat(t.getText()).contains("Ramona Kettleby").contains("555-0100"));
    }

    @Test
    void shouldKeepUnknownSegmentsOfTheSamples() throws Exception {
        NormalizedMessage m = parsed(resource("/samples/hl7v2/hapi-hl7v2/cv.04_001_chem.hl7"));

        assertThat(m.phi().getTextParts()).extracting(TextPart::getPath).contains("ZNT");
        assertThat(m.phi().getFields()).extracting(StructuredField::getCategory, StructuredField::getValue)
                .contains(tuple(PhiCategory.EMAIL, "email@address.com"));
    }

    @Test
    void shouldAcceptLfSeparatorsBomAndMllpFraming() {
        String lf = "\uFEFF" + ORU_WITH_TEXT.replace("\r", "\n");
        String mllp = "\u000b" + ORU_WITH_TEXT + "\u001c\r";

        assertThat(parsed(lf).phi()).isEqualTo(parsed(ORU_WITH_TEXT).phi());
        assertThat(parsed(mllp).phi()).isEqualTo(parsed(ORU_WITH_TEXT).phi());
    }

    @Test
    void shouldKeepTheVersionAsSentAcrossVersions() {
        for (String v : new String[] {"2.3", "2.3.1", "2.4", "2.5.1", "2.7", "2.8"}) {
            NormalizedMessage m = parsed(ORU_WITH_TEXT.replace("|P|2.5", "|P|" + v));
            assertThat(m.sourceVersion()).isEqualTo(v);
            assertThat(m.phi().getPatientKey()).isEqualTo("MRN-777");
        }
    }

    @Test
    void shouldRejectUnsupportedVersions() {
        for (String v : new String[] {"2.2", "3.0", ""}) {
            ParseResult r = PARSER.parse(ORU_WITH_TEXT.replace("|P|2.5", "|P|" + v).getBytes(StandardCharsets.UTF_8), null);
            assertThat(r).isEqualTo(new ParseResult.Rejected("HL7_UNSUPPORTED_VERSION", "MSH-12",
                    ParseResult.Reason.HL7_UNSUPPORTED_VERSION.message()));
        }
    }

    @Test
    void shouldRejectAPatientMessageWithoutPid() {
        String noPid = "MSH|^~\\&|ADT|HOSP|EHR|HOSP|20240101||ADT^A01|MSG-2|P|2.5\rEVN|A01|20240101\rPV1|1|I\r";

        ParseResult r = PARSER.parse(noPid.getBytes(StandardCharsets.UTF_8), null);

        assertThat(r).isInstanceOf(ParseResult.Rejected.class);
        assertThat(((ParseResult.Rejected) r).reasonCode()).isEqualTo("MISSING_PATIENT");
    }

    @Test
    void shouldKeyAMessageWithoutPatientIdentifierByItsMessageIdHash() {
        String ack = "MSH|^~\\&|EHR|HOSP|ADT|HOSP|20240101||ACK^A01|ACK-9|P|2.5\rMSA|AA|MSG-2\r";

        NormalizedMessage m = parsed(ack);

        assertThat(m.phi().getPatientKey()).startsWith("unknown:sha256:");
        assertThat(m.workflow()).isEqualTo(WorkflowRouter.UNROUTED);
    }

    @Test
    void shouldDeriveAnIdFromThePayloadWhenMsh10IsEmpty() {
        NormalizedMessage m = parsed(ORU_WITH_TEXT.replace("|MSG-ESC-1|", "||"));

        assertThat(m.sourceMessageId()).startsWith("sha256:").hasSize(7 + 32);
    }
}
