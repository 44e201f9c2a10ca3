package org.phigate.intake.mllp;

import java.nio.charset.StandardCharsets;
import org.phigate.intake.Hl7Encoding;
import org.phigate.intake.Hl7VersionRange;
import org.phigate.intake.ParseResult;

/**
 * A light pre-parse of an HL7 v2 message's MSH segment, read whole whatever its length: enough to route, acknowledge
 * and reject it without the full parser. Field values stay as sent. MSH-10 is read whenever the field separator
 * allows, also when the message is refused (bad encoding characters, a NUL byte), so MSA-2 can name it.
 *
 * @param problem why the header is unusable (a PHI-free rejection), or null when it is usable
 */
public record MshHeader(char fieldSeparator, String encoding, String sendingApplication, String sendingFacility,
                        String receivingApplication, String receivingFacility, String messageType, String controlId,
                        String processingId, String version, ParseResult.Rejected problem) {
  /** MLLP-only reason: MSH-10 is required to acknowledge a message (MSA-2) and to suppress duplicates. */
  public static final String MISSING_CONTROL_ID = "HL7_MISSING_CONTROL_ID";
  private static final String DEFAULT_ENCODING = "^~\\&";

  /** Pre-parses a frame with the default version range; never throws. */
  public static MshHeader parse(byte[] frame) {
    return parse(frame, Hl7VersionRange.defaults());
  }

  /** Pre-parses a frame, refusing versions outside {@code versions}; never throws. */
  public static MshHeader parse(byte[] frame, Hl7VersionRange versions) {
    int start = 0;
    if (frame.length >= 3 && (frame[0] & 0xff) == 0xEF && (frame[1] & 0xff) == 0xBB && (frame[2] & 0xff) == 0xBF) {
      start = 3;
    }
    while (start < frame.length && (frame[start] == '\r' || frame[start] == '\n' || frame[start] == ' ')) {
      start++;
    }
    int end = start;
    while (end < frame.length && frame[end] != '\r' && frame[end] != '\n') {
      end++;
    }
    String msh = new String(frame, start, end - start, StandardCharsets.ISO_8859_1);
    if (msh.length() < 8 || !msh.startsWith("MSH")) {
      return invalid(ParseResult.Reason.HL7_MISSING_MSH, "MSH");
    }
    char fs = msh.charAt(3);
    String[] f = Hl7Encoding.split(msh, fs);
    String enc = f.length > 1 ? f[1] : "";
    boolean encodingOk = Hl7Encoding.valid(fs, enc);
    char comp = encodingOk ? enc.charAt(0) : '^';
    String type = field(f, 9);
    String version = firstComponent(field(f, 12), comp);
    String controlId = field(f, 10).trim();
    ParseResult.Rejected problem = null;
    if (!encodingOk) {
      problem = ParseResult.Rejected.of(ParseResult.Reason.HL7_BAD_ENCODING_CHARACTERS, "MSH-2");
    } else if (hasNul(frame)) {
      problem = ParseResult.Rejected.of(ParseResult.Reason.HL7_ILLEGAL_CHARACTER, "");
    } else if (firstComponent(type, comp).isBlank()) {
      problem = ParseResult.Rejected.of(ParseResult.Reason.HL7_MISSING_MESSAGE_TYPE, "MSH-9");
    } else if (!versions.contains(version)) {
      problem = versions.refusal();
    } else if (controlId.isEmpty()) {
      problem = new ParseResult.Rejected(MISSING_CONTROL_ID, "MSH-10",
          "HL7 v2 message control id (MSH-10) is missing; it is required to acknowledge the message");
    }
    if (!encodingOk && !usableSeparator(fs)) {
      // fields cannot be told apart: nothing of MSH can be echoed
      return invalid(ParseResult.Reason.HL7_BAD_ENCODING_CHARACTERS, "MSH-2");
    }
    return new MshHeader(fs, encodingOk ? enc : DEFAULT_ENCODING, clean(field(f, 3)), clean(field(f, 4)),
        clean(field(f, 5)), clean(field(f, 6)), encodingOk ? type : clean(type), clean(controlId),
        clean(firstComponent(field(f, 11), comp)), clean(version), problem);
  }

  private static MshHeader invalid(ParseResult.Reason reason, String location) {
    return new MshHeader('|', DEFAULT_ENCODING, "", "", "", "", "", "", "", "", ParseResult.Rejected.of(reason,
        location));
  }

  /** The trigger event of MSH-9 (A01 of ADT^A01), or empty. */
  public String triggerEvent() {
    char comp = encoding.charAt(0);
    int from = messageType.indexOf(comp);
    if (from < 0) {
      return "";
    }
    int to = messageType.indexOf(comp, from + 1);
    return messageType.substring(from + 1, to < 0 ? messageType.length() : to).trim();
  }

  /** MSH-n as sent (MSH-1 is the separator itself, so MSH-n sits at split index n-1). */
  private static String field(String[] f, int n) {
    return f.length > n - 1 ? f[n - 1] : "";
  }

  private static String firstComponent(String value, char comp) {
    int i = value.indexOf(comp);
    return (i < 0 ? value : value.substring(0, i)).trim();
  }

  /** A separator that still splits fields, though MSH-2 is unusable: not a letter, digit, space or control. */
  private static boolean usableSeparator(char fs) {
    return fs > 0x20 && fs != 0x7F && !Character.isLetterOrDigit(fs);
  }

  /** A value read despite a NUL or bad delimiters, without control bytes that would break the ACK. */
  private static String clean(String value) {
    for (int i = 0; i < value.length(); i++) {
      if (control(value.charAt(i))) {
        StringBuilder b = new StringBuilder(value.length());
        value.chars().filter(c -> !control((char) c)).forEach(c -> b.append((char) c));
        return b.toString();
      }
    }
    return value;
  }

  private static boolean control(char c) {
    return c <= 0x1F || c == 0x7F;
  }

  private static boolean hasNul(byte[] frame) {
    for (byte b : frame) {
      if (b == 0) {
        return true;
      }
    }
    return false;
  }
}
