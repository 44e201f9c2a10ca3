package org.phigate.intake.mllp;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.phigate.intake.ParseResult;

/**
 * A light pre-parse of an HL7 v2 message's MSH segment: enough to route, acknowledge and reject it without the
 * full parser. Field values stay as sent (the MSH holds application and facility names, never patient data).
 *
 * @param problem why the header is unusable (a PHI-free rejection), or null when it is usable
 */
public record MshHeader(char fieldSeparator, String encoding, String sendingApplication, String sendingFacility,
                        String receivingApplication, String receivingFacility, String messageType, String controlId,
                        String processingId, String version, ParseResult.Rejected problem) {
  private static final Pattern SUPPORTED_VERSION = Pattern.compile("2\\.[3-8](\\.\\d+)?");
  private static final int MAX_HEADER = 4096;
  /** MLLP-only reason: MSH-10 is required to acknowledge a message (MSA-2) and to suppress duplicates. */
  public static final String MISSING_CONTROL_ID = "HL7_MISSING_CONTROL_ID";

  /** Pre-parses the start of a frame; never throws. */
  public static MshHeader parse(byte[] frame) {
    int start = 0;
    if (frame.length >= 3 && (frame[0] & 0xff) == 0xEF && (frame[1] & 0xff) == 0xBB && (frame[2] & 0xff) == 0xBF) {
      start = 3;
    }
    while (start < frame.length && (frame[start] == '\r' || frame[start] == '\n' || frame[start] == ' ')) {
      start++;
    }
    int end = start;
    while (end < frame.length && end - start < MAX_HEADER && frame[end] != '\r' && frame[end] != '\n') {
      end++;
    }
    String msh = new String(frame, start, end - start, StandardCharsets.ISO_8859_1);
    if (msh.length() < 8 || !msh.startsWith("MSH")) {
      return invalid(ParseResult.Reason.HL7_MISSING_MSH, "MSH");
    }
    char fs = msh.charAt(3);
    String[] f = msh.split(Pattern.quote(String.valueOf(fs)), -1);
    String enc = f.length > 1 ? f[1] : "";
    if (!validEncoding(fs, enc)) {
      return invalid(ParseResult.Reason.HL7_BAD_ENCODING_CHARACTERS, "MSH-2");
    }
    char comp = enc.charAt(0);
    String type = field(f, 9);
    String version = firstComponent(field(f, 12), comp);
    String controlId = field(f, 10).trim();
    ParseResult.Rejected problem = null;
    if (firstComponent(type, comp).isBlank()) {
      problem = ParseResult.Rejected.of(ParseResult.Reason.HL7_MISSING_MESSAGE_TYPE, "MSH-9");
    } else if (!SUPPORTED_VERSION.matcher(version).matches()) {
      problem = ParseResult.Rejected.of(ParseResult.Reason.HL7_UNSUPPORTED_VERSION, "MSH-12");
    } else if (controlId.isEmpty()) {
      problem = new ParseResult.Rejected(MISSING_CONTROL_ID, "MSH-10",
          "HL7 v2 message control id (MSH-10) is missing; it is required to acknowledge the message");
    }
    return new MshHeader(fs, enc, field(f, 3), field(f, 4), field(f, 5), field(f, 6), type, controlId,
        firstComponent(field(f, 11), comp), version, problem);
  }

  private static MshHeader invalid(ParseResult.Reason reason, String location) {
    return new MshHeader('|', "^~\\&", "", "", "", "", "", "", "", "", ParseResult.Rejected.of(reason, location));
  }

  /** The trigger event of MSH-9 (A01 of ADT^A01), or empty. */
  public String triggerEvent() {
    String[] parts = messageType.split(Pattern.quote(String.valueOf(encoding.charAt(0))), -1);
    return parts.length > 1 ? parts[1].trim() : "";
  }

  /** MSH-n as sent (MSH-1 is the separator itself, so MSH-n sits at split index n-1). */
  private static String field(String[] f, int n) {
    return f.length > n - 1 ? f[n - 1] : "";
  }

  private static String firstComponent(String value, char comp) {
    int i = value.indexOf(comp);
    return (i < 0 ? value : value.substring(0, i)).trim();
  }

  private static boolean validEncoding(char fs, String enc) {
    if (Character.isLetterOrDigit(fs) || Character.isWhitespace(fs) || enc.length() < 4 || enc.length() > 5) {
      return false;
    }
    Set<Character> seen = new HashSet<>();
    seen.add(fs);
    for (char c : enc.toCharArray()) {
      if (Character.isLetterOrDigit(c) || Character.isWhitespace(c) || !seen.add(c)) {
        return false;
      }
    }
    return true;
  }
}
