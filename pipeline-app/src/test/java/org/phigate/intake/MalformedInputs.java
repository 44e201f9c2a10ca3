package org.phigate.intake;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Generates inputs that must be rejected: truncated headers, wrong encoding characters, binary garbage, huge
 * fields, wrong versions, missing patients for HL7 v2; truncated, wrongly encoded, non-resource and unknown-type
 * payloads for FHIR. Seeds carry recognizable fake PHI so tests can check it never leaks.
 */
public final class MalformedInputs {
  public static final String PHI_NAME = "Quixtrot";
  public static final String PHI_MRN = "MRN-88412";
  static final String HL7 = "MSH|^~\\&|ADT1|GOOD HEALTH|PHIGATE|HOSP|20260101120000||ADT^A01^ADT_A01|C%d|P|2.5.1\r"
      + "EVN|A01|20260101120000\rPID|1||" + PHI_MRN + "^^^GH^MR||" + PHI_NAME + "^Zebulonia^Q||19610615|F|||"
      + "12 Elm Street^^Springfield^IL^62701\rPV1|1|I|2000^2012^01\rOBX|1|TX|NOTE||Pt " + PHI_NAME
      + " reports pain||||||F\r";
  static final String FHIR = "{\"resourceType\":\"Patient\",\"id\":\"p%d\",\"identifier\":[{\"value\":\"" + PHI_MRN
      + "\"}],\"name\":[{\"family\":\"" + PHI_NAME + "\",\"given\":[\"Zebulonia\"]}],\"birthDate\":\"1961-06-15\"}";
  static final String FHIR_XML = "<Patient xmlns=\"http://hl7.org/fhir\"><id value=\"p%d\"/><name><family value=\""
      + PHI_NAME + "\"/></name></Patient>";

  /** One malformed input with the content type its sender declared (may be null). */
  public record Input(String kind, byte[] payload, String contentType) {}

  private final Random random;
  private final int hugeBytes;

  public MalformedInputs(long seed, int hugeBytes) {
    this.random = new Random(seed);
    this.hugeBytes = hugeBytes;
  }

  public Input hl7(int i) {
    String msg = String.format(HL7, i);
    return switch (i % 6) {
      case 0 -> {
        int end = msg.indexOf("|P|2.5.1");
        yield new Input("hl7-truncated-header", bytes(msg.substring(0, random.nextInt(end))), pick(IntakeParser.HL7_V2,
            null));
      }
      case 1 -> {
        List<String> bad = List.of("", "^~", "^^\\&", "ab\\&", "^~\\ ", "^~\\&#%", "|~\\&", "^~1&");
        yield new Input("hl7-wrong-encoding", bytes(msg.replaceFirst("\\^~\\\\&", java.util.regex.Matcher
            .quoteReplacement(bad.get(random.nextInt(bad.size()))))), IntakeParser.HL7_V2);
      }
      case 2 -> new Input("hl7-binary-garbage", garbage(20 + random.nextInt(2000)), pick(IntakeParser.HL7_V2, null));
      case 3 -> new Input("hl7-huge-field", bytes(msg.replace("reports pain", "x".repeat(hugeBytes))),
          IntakeParser.HL7_V2);
      case 4 -> {
        List<String> versions = List.of("", "2.2", "2.9", "3.0", "2.x", "25", "V2.5", "2.5.1.9", "2.10", "1.0");
        yield new Input("hl7-wrong-version", bytes(msg.replace("|P|2.5.1\r", "|P|"
            + versions.get(random.nextInt(versions.size())) + "\r")), IntakeParser.HL7_V2);
      }
      default -> new Input("hl7-missing-patient", bytes(msg.replace("ADT^A01^ADT_A01", "ORU^R01^ORU_R01")
          .replaceAll("PID\\|[^\\r]*\\r", "")), IntakeParser.HL7_V2);
    };
  }

  public Input fhir(int i) {
    String json = String.format(FHIR, i);
    return switch (i % 6) {
      case 0 -> new Input("fhir-truncated-json", bytes(json.substring(0, 1 + random.nextInt(json.length() - 2))),
          pick(IntakeParser.FHIR_JSON, null));
      case 1 -> new Input("fhir-utf16", json.getBytes(StandardCharsets.UTF_16), IntakeParser.FHIR_JSON);
      case 2 -> new Input("fhir-not-a-resource", bytes(List.of("[" + json + "]", "{\"name\":\"" + PHI_NAME + "\"}",
          "42", "{\"resourceType\":17}").get(random.nextInt(4))), IntakeParser.FHIR_JSON);
      case 3 -> new Input("fhir-unknown-type", bytes(json.replace("\"Patient\"", "\"Patientz" + random.nextInt(99)
          + "\"")), IntakeParser.FHIR_JSON);
      case 4 -> {
        String xml = String.format(FHIR_XML, i);
        yield new Input("fhir-truncated-xml", bytes(xml.substring(0, 1 + random.nextInt(xml.length() - 2))),
            IntakeParser.FHIR_XML);
      }
      default -> new Input("fhir-huge", bytes(json.replace("1961-06-15\"}", "1961-06-15\",\"gender\":\""
          + "x".repeat(hugeBytes) + "\"}")), IntakeParser.FHIR_JSON);
    };
  }

  private String pick(String a, String b) {
    return random.nextBoolean() ? a : b;
  }

  /** Random bytes that cannot be mistaken for HL7, JSON or XML, and hold no MLLP block characters. */
  private byte[] garbage(int n) {
    byte[] out = new byte[n];
    random.nextBytes(out);
    for (int i = 0; i < n; i++) {
      if (out[i] == 0x0B || out[i] == 0x1C) {
        out[i] = 0x00;
      }
    }
    out[0] = (byte) (0x80 | random.nextInt(0x3f));
    return out;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
