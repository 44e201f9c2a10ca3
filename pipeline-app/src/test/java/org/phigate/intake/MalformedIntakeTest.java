package org.phigate.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class MalformedIntakeTest {

    private static final IntakeParser PARSER = new IntakeParser();
    /** Fake PHI planted in every bad payload; no rejection may echo any 4-character piece of it. */
    private static final List<String> PHI = List.of("Zebulonia Quixtrot", "MRN-777", "12 Elm St", "Quaxbury", "(217)555-0142");

    /** Mutations per payload; raise with -Dintake.fuzz.rounds=20000 for a longer run. */
    private static final int ROUNDS = Integer.getInteger("intake.fuzz.rounds", 2_000);
    private static final String GOOD_HL7 = Hl7v2IntakeTest.ORU_WITH_TEXT;
    private static final String GOOD_FHIR = """
            {"resourceType":"Bundle","id":"b-1","type":"collection","entry":[
              {"resource":{"resourceType":"Patient","id":"p1","identifier":[{"value":"MRN-777"}],
                "name":[{"family":"Quixtrot","given":["Zebulonia"]}],"birthDate":"1980-01-01",
                "address":[{"line":["12 Elm St"],"city":"Quaxbury"}],"telecom":[{"system":"phone","value":"(217)555-0142"}]}},
              {"resource":{"resourceType":"Communication","id":"c1","status":"completed",
                "subject":{"reference":"Patient/p1","display":"Zebulonia Quixtrot"},
                "payload":[{"contentString":"Zebulonia Quixtrot asks about her Quaxbury results"}]}}]}
            """;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            empty                 ; ''                                                           ; ; EMPTY_PAYLOAD
            whitespace            ; '  \r\n '                                                    ; ; EMPTY_PAYLOAD
            truncated MSH         ; 'MSH|^~\\&|LAB|HO'                                          ; application/hl7-v2 ; HL7_MISSING_MESSAGE_TYPE
            truncated before ver  ; 'MSH|^~\\&|LAB|HOSP|EHR|HOSP|2024||ORU^R01|X1|P'            ; ; HL7_UNSUPPORTED_VERSION
            wrong encoding chars  ; 'MSH|^~|LAB|HOSP|EHR|HOSP|2024||ORU^R01|X1|P|2.5\rPID|1||Zebulonia Quixtrot' ; ; HL7_BAD_ENCODING_CHARACTERS
            letter as separator   ; 'MSHA^~\\&ALABAHOSP'                                        ; ; HL7_BAD_ENCODING_CHARACTERS
            no MSH                ; 'PID|1||MRN-777||Quixtrot^Zebulonia'                        ; application/hl7-v2 ; HL7_MISSING_MSH
            json sent as hl7      ; '{"name":"Zebulonia Quixtrot"}'                             ; application/hl7-v2 ; HL7_MISSING_MSH
            plain text            ; 'Zebulonia Quixtrot called about Quaxbury'               ; ; UNKNOWN_CONTENT_TYPE
            plain text declared   ; 'Zebulonia Quixtrot called about Quaxbury'               ; text/plain ; UNKNOWN_CONTENT_TYPE
            invalid json          ; '{"resourceType":"Patient","name":[{"family":"Quixtrot"'   ; application/fhir+json ; FHIR_PARSE_ERROR
            json not fhir         ; '{"name":"Zebulonia Quixtrot","mrn":"MRN-777"}'            ; ; FHIR_NOT_A_RESOURCE
            json array            ; '[{"resourceType":"Patient"}]'                              ; application/fhir+json ; FHIR_NOT_A_RESOURCE
            unknown resource type ; '{"resourceType":"ZebuloniaQuixtrot","id":"x"}'            ; ; FHIR_UNSUPPORTED_RESOURCE
            xml not fhir          ; '<patient><name>Zebulonia Quixtrot</name></patient>'       ; ; FHIR_PARSE_ERROR
            broken xml            ; '<Patient xmlns="http://hl7.org/fhir"><name><family value="Quixtrot"/>' ; application/fhir+xml ; FHIR_PARSE_ERROR
            """)
    void shouldRejectMalformedInputWithoutEchoingIt(String label, String payload, String contentType, String reason) {
        ParseResult r = PARSER.parse(payload.replace("\\r", "\r").getBytes(StandardCharsets.UTF_8), contentType);

        assertThat(r).as(label).isInstanceOf(ParseResult.Rejected.class);
        ParseResult.Rejected rejected = (ParseResult.Rejected) r;
        assertThat(rejected.reasonCode()).as(label).isEqualTo(reason);
        assertNoPhi(rejected, payload);
    }

    @Test
    void shouldRejectNullAndBinaryGarbage() {
        assertThat(PARSER.parse(null, null)).isEqualTo(ParseResult.Rejected.of(ParseResult.Reason.EMPTY_PAYLOAD, ""));
        Random random = new Random(42);
        for (int i = 0; i < 200; i++) {
            byte[] garbage = new byte[1 + random.nextInt(400)];
            random.nextBytes(garbage);
            for (String ct : new String[] {null, IntakeParser.HL7_V2, IntakeParser.FHIR_JSON, IntakeParser.FHIR_XML}) {
                ParseResult r = PARSER.parse(garbage, ct);
                assertThat(r).isInstanceOf(ParseResult.Rejected.class);
            }
        }
    }

    @Test
    void shouldNeverThrowNorLeakPhiOnRandomMutationsOfHl7() {
        fuzz(GOOD_HL7, IntakeParser.HL7_V2, "|^~\\&\r\nMSHPIDOBX0123456789", ROUNDS, 7L);
    }

    @Test
    void shouldNeverThrowNorLeakPhiOnRandomMutationsOfFhir() {
        fuzz(GOOD_FHIR, IntakeParser.FHIR_JSON, "{}[]\":,\\ resourceTypePatientBundle0123456789-", ROUNDS, 11L);
    }

    @Test
    void shouldBeSafeToShareAcrossThreads() throws Exception {
        byte[] hl7 = GOOD_HL7.getBytes(StandardCharsets.UTF_8);
        byte[] fhir = GOOD_FHIR.getBytes(StandardCharsets.UTF_8);
        ParseResult expectedHl7 = PARSER.parse(hl7, null);
        ParseResult expectedFhir = PARSER.parse(fhir, null);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        if (!PARSER.parse(hl7, null).equals(expectedHl7) || !PARSER.parse(fhir, null).equals(expectedFhir)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : futures) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void fuzz(String good, String contentType, String alphabet, int rounds, long seed) {
        Random random = new Random(seed);
        byte[] base = good.getBytes(StandardCharsets.UTF_8);
        int parsed = 0;
        for (int i = 0; i < rounds; i++) {
            byte[] mutated = mutate(base, random, alphabet);
            String ct = random.nextInt(4) == 0 ? null : contentType;
            ParseResult r = PARSER.parse(mutated, ct);
            assertThat(r).isNotNull();
            if (r instanceof ParseResult.Rejected rejected) {
                assertThat(rejected.reasonCode()).as("mutation %d", i).isNotEqualTo("INTERNAL_ERROR");
                assertNoPhi(rejected, new String(mutated, StandardCharsets.ISO_8859_1));
            } else {
                parsed++;
            }
        }
        assertThat(parsed).as("some mutations still parse").isPositive();
    }

    private static byte[] mutate(byte[] base, Random random, String alphabet) {
        byte[] b = base.clone();
        int ops = 1 + random.nextInt(4);
        for (int op = 0; op < ops && b.length > 0; op++) {
            int pos = random.nextInt(b.length);
            switch (random.nextInt(6)) {
                case 0 -> b[pos] = (byte) random.nextInt(256);
                case 1 -> b[pos] = (byte) alphabet.charAt(random.nextInt(alphabet.length()));
                case 2 -> b = Arrays.copyOf(b, pos); // truncate
                case 3 -> { // delete a range
                    int len = Math.min(b.length - pos, 1 + random.nextInt(20));
                    byte[] n = new byte[b.length - len];
                    System.arraycopy(b, 0, n, 0, pos);
                    System.arraycopy(b, pos + len, n, pos, b.length - pos - len);
                    b = n;
                }
                case 4 -> { // duplicate a range
                    int len = Math.min(b.length - pos, 1 + random.nextInt(40));
                    byte[] n = new byte[b.length + len];
                    System.arraycopy(b, 0, n, 0, pos + len);
                    System.arraycopy(b, pos, n, pos + len, b.length - pos);
                    b = n;
                }
                default -> { // insert a delimiter
                    byte[] n = new byte[b.length + 1];
                    System.arraycopy(b, 0, n, 0, pos);
                    n[pos] = (byte) alphabet.charAt(random.nextInt(alphabet.length()));
                    System.arraycopy(b, pos, n, pos + 1, b.length - pos);
                    b = n;
                }
            }
        }
        return b;
    }

    private static void assertNoPhi(ParseResult.Rejected r, String payload) {
        String exposed = (r.reasonMessage() + " " + r.location()).toLowerCase(Locale.ROOT);
        assertThat(r.reasonMessage()).isEqualTo(ParseResult.Reason.valueOf(r.reasonCode()).message());
        assertThat(r.location()).matches("|[A-Z][A-Z0-9]{2}(-\\d+)?|[A-Za-z][A-Za-z.\\[\\]0-9()]*");
        for (String phi : PHI) {
            String v = phi.toLowerCase(Locale.ROOT);
            for (int i = 0; i + 4 <= v.length(); i++) {
                assertThat(exposed).as("rejection echoes PHI piece of %s", phi).doesNotContain(v.substring(i, i + 4));
            }
        }
        assertThat(r.location().length()).isLessThan(80);
        assertThat(payload.length() < 12 || !exposed.contains(payload.toLowerCase(Locale.ROOT).substring(0, 12))).isTrue();
    }
}
