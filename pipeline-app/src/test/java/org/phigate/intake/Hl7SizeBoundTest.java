package org.phigate.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The edge skips the HL7 v2 walk when {@link Hl7SizeBound} proves the size contract, so the bound must never be
 * below what the walk extracts, and screening without the walk must decide every message as parsing with it does.
 * Inputs: every shipped HL7 v2 sample, the malformed corpus, and generated messages built to stretch the bound (many
 * repetitions of one-character values, expanding escapes, Z-segments, long segment names, other delimiters).
 */
class Hl7SizeBoundTest {
  private static final IntakeParser PARSER = new IntakeParser();

  @Test
  void shouldNeverBoundBelowWhatTheWalkExtracts() throws Exception {
    int checked = 0;
    for (byte[] message : corpus()) {
      long[] bound = {-1};
      ParseResult walked = PARSER.screen(message, IntakeParser.HL7_V2, false, m -> {
        bound[0] = m.phiSizeBound();
        return false; // refuse the bound: the message is walked, and its extracted PHI can be measured
      });
      if (walked instanceof ParseResult.Parsed parsed) {
        assertThat(parsed.message().extracted()).isTrue();
        long extracted = IntakeStage.phiBound(parsed.message().phi());
        assertThat(bound[0]).as("bound of message %d", checked).isGreaterThanOrEqualTo(extracted);
        checked++;
      }
    }
    assertThat(checked).as("messages that parse").isGreaterThan(1_000);
  }

  @Test
  void shouldDecideEveryMessageTheSameWithAndWithoutTheWalk() throws Exception {
    int unwalked = 0;
    for (byte[] message : corpus()) {
      ParseResult full = PARSER.parse(message, IntakeParser.HL7_V2);
      ParseResult screened = PARSER.screen(message, IntakeParser.HL7_V2, false, m -> true);
      assertThat(outcome(screened)).isEqualTo(outcome(full));
      if (screened instanceof ParseResult.Parsed p) {
        assertThat(p.message().extracted()).isFalse();
        assertThat(p.message().dedupKey()).isEqualTo(((ParseResult.Parsed) full).message().dedupKey());
        unwalked++;
      }
    }
    assertThat(unwalked).isGreaterThan(1_000);
  }

  @Test
  void shouldProveAnOrdinaryMessageSmallWithinTheDefaultBudget() throws Exception {
    byte[] adt = sample("microsoft-fhir-converter/ADT-A01-01.hl7");
    long[] bound = {-1};
    PARSER.screen(adt, IntakeParser.HL7_V2, false, m -> {
      bound[0] = m.phiSizeBound();
      return true;
    });
    // a third of the default topic limit: the normalized budget the edges use unless configured
    assertThat(bound[0]).as("an 8.5 KB ADT").isPositive().isLessThan((8L * 1024 * 1024 + 64 * 1024) / 3 / 4);
  }

  private static String outcome(ParseResult r) {
    return r instanceof ParseResult.Rejected rejected ? "REJECT " + rejected.reasonCode() + " " + rejected.location()
        : ((ParseResult.Parsed) r).message().messageType() + " " + ((ParseResult.Parsed) r).message().workflow();
  }

  private static byte[] sample(String name) throws IOException, URISyntaxException {
    return Files.readAllBytes(Path.of(Hl7SizeBoundTest.class.getResource("/samples/hl7v2/" + name).toURI()));
  }

  private static List<byte[]> corpus() throws IOException, URISyntaxException {
    List<byte[]> out = new ArrayList<>();
    Path root = Path.of(Hl7SizeBoundTest.class.getResource("/samples/hl7v2").toURI());
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        out.add(Files.readAllBytes(p));
      }
    }
    MalformedInputs malformed = new MalformedInputs(5, 40_000);
    for (int i = 0; i < 600; i++) {
      out.add(malformed.hl7(i).payload());
    }
    Random random = new Random(2026);
    for (int i = 0; i < 1_500; i++) {
      out.add(stretched(random, i).getBytes(StandardCharsets.UTF_8));
    }
    return out;
  }

  private static final String[] VALUES = {"a", "\\.sk20\\", "\\.sp10\\", "\\E\\.sk20\\E\\", "\\X41\\", "\\F\\",
      "Quixtrot", "x@y.org", "555^^^^^1^2^3", "MR", "", " ", "\"\"", "&&&&", "^^^^", "Zeb&u&lon", "12 Elm^^City^IL"};

  /** A message made to stretch the bound: short values repeated, expanding escapes, Z-segments, odd delimiters. */
  private static String stretched(Random random, int i) {
    boolean odd = i % 5 == 4;
    StringBuilder b = new StringBuilder("MSH|^~\\&|APP|FAC|PHIGATE|HOSP|20260101120000||")
        .append(List.of("ADT^A01^ADT_A01", "ORU^R01^ORU_R01", "MDM^T02^MDM_T02", "ZZZ^Z01").get(i % 4))
        .append("|S").append(i).append("|P|2.5.1\r");
    String[] segments = {"EVN", "PID", "PD1", "NK1", "PV1", "OBR", "OBX", "NTE", "ZPI", "ZXXLONGNAME", "GT1",
        "IN1", "DG1", "PRT", "ROL", "AL1"};
    int count = 1 + random.nextInt(12);
    for (int s = 0; s < count; s++) {
      // two in three messages have a patient (the others test the patient check)
      String name = s == 0 && i % 3 != 0 ? "PID" : segments[random.nextInt(segments.length)];
      b.append(name);
      int fields = 1 + random.nextInt(30);
      for (int f = 1; f <= fields; f++) {
        b.append('|');
        int reps = random.nextInt(4) == 0 ? 1 + random.nextInt(40) : 1;
        for (int r = 0; r < reps; r++) {
          if (r > 0) {
            b.append('~');
          }
          if (name.equals("OBX") && f == 2) {
            b.append(List.of("TX", "FT", "ST", "CE", "CWE", "NM").get(random.nextInt(6)));
          } else {
            b.append(VALUES[random.nextInt(VALUES.length)]);
          }
        }
      }
      b.append('\r');
    }
    String text = b.toString();
    // other delimiters: the same message with # for fields and * for repetitions
    return odd ? text.replace('|', '#').replace('~', '*').replace("MSH#^*\\&", "MSH#^*\\&") : text;
  }
}
