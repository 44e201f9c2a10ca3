package org.phigate.bench;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.IntFunction;
import org.phigate.demo.SampleInput;
import org.phigate.intake.IntakeParser;

/**
 * One payload of `bench intake`: a shipped sample made unique per message (HL7: MSH-10; FHIR: the Bundle's id), so
 * no copy is suppressed as a resend.
 */
record IntakePayload(String name, String contentType, IntFunction<byte[]> make) {

  /** ADT^A01, ORU^R01 and a FHIR transaction Bundle, the rows of `bench intake`. */
  static List<IntakePayload> standard() {
    return List.of(hl7("ADT^A01", "ADT-A01-01.hl7"), hl7("ORU^R01", "ORU-R01-01.hl7"),
        new IntakePayload("FHIR Bundle", IntakeParser.FHIR_JSON, fhir("Bundle-bundle-transaction.json")));
  }

  boolean hl7() {
    return contentType.equals(IntakeParser.HL7_V2);
  }

  /** Messages first..first+n-1, built ahead so the senders' own work stays out of the clock. */
  byte[][] build(int first, int n) {
    byte[][] out = new byte[n][];
    for (int i = 0; i < n; i++) {
      out[i] = make.apply(first + i);
    }
    return out;
  }

  private static IntakePayload hl7(String name, String file) {
    String text = new String(sample(file), StandardCharsets.ISO_8859_1).replace("\r\n", "\r").replace('\n', '\r');
    String controlId = text.split("\r")[0].split("\\|", -1)[9];
    return new IntakePayload(name, IntakeParser.HL7_V2, i -> text.replaceFirst("\\|" + java.util.regex.Pattern.quote(
        controlId) + "\\|", "|B" + i + "|").getBytes(StandardCharsets.ISO_8859_1));
  }

  private static IntFunction<byte[]> fhir(String file) {
    String text = new String(sample(file), StandardCharsets.UTF_8);
    return i -> text.replaceFirst("\"id\": \"bundle-transaction\"", "\"id\": \"bt-" + i + "\"")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] sample(String file) {
    return SampleInput.shipped().stream().filter(s -> s.name().endsWith("/" + file)).findFirst()
        .orElseThrow().payload();
  }
}
