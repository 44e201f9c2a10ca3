package org.phigate.intake.mllp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The ACK written directly is the one HAPI encodes, for every header it takes; the others go through HAPI. */
class Hl7AckTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T12:00:00Z"), ZoneOffset.UTC);
  private static final List<String> VALUES = List.of("", "ADTApp", "GHHS^2.16.840.1^ISO", "A^^", "^B", "A^B^C^D",
      "B&c", "A B", " A", "A ", "x|y", "C\\F\\1", "ID~2", "É", "MSG00001", "2.5.1", "T^X", "P", "a#b");
  private static final List<Hl7Ack.Error> ERRORS = List.of(
      new Hl7Ack.Error("203", "Unsupported version id", "MSH", 12, "HL7_UNSUPPORTED_VERSION: outside 2.3 to 2.8"),
      new Hl7Ack.Error("207", "Application internal error", "", 0, "message not stored: resend"),
      new Hl7Ack.Error("100", "Segment sequence error", "PID", 0, "MISSING_PATIENT: no PID"),
      new Hl7Ack.Error("102", "Data type error", "", 0, ""),
      new Hl7Ack.Error("207", "Application internal error", "", 0, "x | y ^ z & w ~ v \\ u"));

  @Test
  void shouldWriteTheAckHapiEncodesWheneverItWritesOneDirectly() throws Exception {
    Hl7Ack acks = new Hl7Ack(CLOCK);
    Random random = new Random(18);
    int direct = 0;
    for (int i = 0; i < 3_000; i++) {
      char fs = i % 7 == 0 ? '#' : '|';
      String enc = i % 11 == 0 ? "*~\\&" : "^~\\&";
      String header = "MSH" + fs + enc + fs + pick(random) + fs + pick(random) + fs + pick(random) + fs
          + pick(random) + fs + "20260101" + fs + fs + List.of("ADT^A01^ADT_A01", "ORU^R01", "ADT", "ADT^A 1")
          .get(random.nextInt(4)) + fs + pick(random) + fs + pick(random) + fs + List.of("2.5.1", "2.3", "2.8", "")
          .get(random.nextInt(4)) + "\r";
      MshHeader in = MshHeader.parse(header.replace('^', enc.charAt(0)).replace("MSH" + fs + enc.charAt(0),
          "MSH" + fs + enc.charAt(0)).getBytes(StandardCharsets.ISO_8859_1));
      Hl7Ack.Code code = Hl7Ack.Code.values()[random.nextInt(3)];
      Hl7Ack.Error error = code == Hl7Ack.Code.AA ? null : ERRORS.get(random.nextInt(ERRORS.size()));
      String written = acks.direct(in, code, error);
      if (written != null) {
        assertThat(withoutControlId(written)).as(header.replace('\r', '/'))
            .isEqualTo(withoutControlId(acks.hapi(in, code, error)));
        direct++;
      }
      assertThat(acks.build(in, code, error)).endsWith("\r").contains("MSA" + "|" + code.name());
    }
    assertThat(direct).as("headers written directly").isGreaterThan(300);
  }

  @Test
  void shouldWriteAnOrdinaryHeadersAckDirectly() {
    MshHeader in = MshHeader.parse(("MSH|^~\\&|ADTApp|GHHSFacility^2.16.840.1.122848.1.30^ISO|EHRApp^1.Edu^ISO|"
        + "GHHRFacility^2.16.840.1.1122848.1.32^ISO|198908181126+0215|SECURITY|ADT^A01^ADT_A01|MSG00001|P|2.8\r")
        .getBytes(StandardCharsets.ISO_8859_1));
    assertThat(new Hl7Ack(CLOCK).direct(in, Hl7Ack.Code.AA, null)).startsWith("MSH|^~\\&|EHRApp^1.Edu^ISO|")
        .contains("\rMSA|AA|MSG00001\r");
  }

  /** Ordinary values two times in three, so both paths are well exercised. */
  private static String pick(Random random) {
    return random.nextInt(3) > 0 ? VALUES.get(random.nextInt(6)) : VALUES.get(random.nextInt(VALUES.size()));
  }

  /** MSH-10 of the ACK counts up per ACK built: mask it to compare two builds. */
  private static String withoutControlId(String ack) {
    return ack.replaceFirst("\\|PG[0-9A-Z]+-\\d+\\|", "|ID|");
  }
}
