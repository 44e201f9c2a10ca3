package org.phigate.intake.mllp;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.phigate.intake.IntakeGateway;
import org.phigate.intake.IntakeGateway.Receipt;
import org.phigate.intake.Hl7VersionRange;
import org.phigate.intake.IntakeParser;
import org.phigate.intake.IntakeStage;
import org.phigate.intake.ParseResult;

/**
 * MLLP intake: pre-parses MSH, publishes the message (optionally fully validated) through the gateway and answers
 * AA only once the broker acknowledged it; AR for messages refused before processing (not HL7, bad encoding
 * characters, unsupported version, no message type, oversized), AE for content errors and when the message could
 * not be stored or taken in (the sender should resend). Every refused message is dead-lettered first.
 */
public final class MllpIntakeHandler implements MllpHandler {
  /** Channel name recorded on raw and dead-letter records. */
  public static final String CHANNEL = "mllp";
  public static final String FRAME_TOO_LARGE = "FRAME_TOO_LARGE";
  /** ERR-8 code of a frame answered AE because the listener's in-flight budget had no room for it in time. */
  public static final String BUSY = "MLLP_BUSY";
  /** Reason of bytes ended by an end block but never started by a start block. */
  public static final String MISSING_START_BLOCK = "MLLP_MISSING_START_BLOCK";
  private static final Set<String> REJECT_CODES = Set.of("HL7_MISSING_MSH", "HL7_BAD_ENCODING_CHARACTERS",
      "HL7_ILLEGAL_CHARACTER", MISSING_START_BLOCK,
      "HL7_UNSUPPORTED_VERSION", "HL7_MISSING_MESSAGE_TYPE", "EMPTY_PAYLOAD", "UNKNOWN_CONTENT_TYPE",
      FRAME_TOO_LARGE, "PAYLOAD_TOO_LARGE", IntakeStage.NORMALIZED_TOO_LARGE);
  private static final Pattern LOCATION = Pattern.compile("([A-Z][A-Z0-9]{2})(?:-(\\d+))?.*");

  private final IntakeGateway gateway;
  private final Hl7Ack acks;
  private final boolean validate;
  private final int maxFrameBytes;
  private final Hl7VersionRange versions;

  /** A handler accepting the default HL7 v2 version range. */
  public MllpIntakeHandler(IntakeGateway gateway, Hl7Ack acks, boolean validate, int maxFrameBytes) {
    this(gateway, acks, validate, maxFrameBytes, Hl7VersionRange.defaults());
  }

  /** A handler refusing (AR) versions outside {@code versions}. */
  public MllpIntakeHandler(IntakeGateway gateway, Hl7Ack acks, boolean validate, int maxFrameBytes,
                           Hl7VersionRange versions) {
    this.versions = versions;
    this.gateway = gateway;
    this.acks = acks;
    this.validate = validate;
    this.maxFrameBytes = maxFrameBytes;
  }

  @Override
  public String onMessage(byte[] payload) {
    MshHeader header = MshHeader.parse(payload, versions);
    try {
      String key = header.controlId().isEmpty() ? null : header.controlId();
      Receipt receipt = header.problem() != null
          ? gateway.reject(key, payload, IntakeParser.HL7_V2, CHANNEL, header.problem())
          : gateway.submit(key, payload, IntakeParser.HL7_V2, CHANNEL, validate);
      return answer(header, receipt);
    } catch (RuntimeException e) {
      // never expected (the gateway and stage do not throw); the sender must not be left without an answer
      return acks.build(header, Hl7Ack.Code.AE, new Hl7Ack.Error("207", "Application internal error", "", 0,
          "internal error (" + e.getClass().getSimpleName() + "); message not stored, resend"));
    }
  }

  @Override
  public String onOversized(byte[] head, long length) {
    MshHeader header = MshHeader.parse(head, versions);
    ParseResult.Rejected reason = new ParseResult.Rejected(FRAME_TOO_LARGE, "", "MLLP frame of " + length
        + " bytes exceeds intake.mllp.max.frame.bytes=" + maxFrameBytes + "; the dead letter keeps its first "
        + head.length + " bytes");
    String key = header.controlId().isEmpty() ? null : header.controlId();
    return answer(header, gateway.rejectOversized(key, head, length, IntakeParser.HL7_V2, CHANNEL, reason));
  }

  /** Bytes that never had a start block: dead-lettered (truncated to their head) and answered AR. */
  @Override
  public String onUnframed(byte[] head, long length) {
    MshHeader header = MshHeader.parse(head, versions);
    ParseResult.Rejected reason = new ParseResult.Rejected(MISSING_START_BLOCK, "", "MLLP frame without a start "
        + "block (0x0B) before its " + length + " bytes; frame each message as 0x0B message 0x1C 0x0D and resend");
    String key = header.controlId().isEmpty() ? null : header.controlId();
    return answer(header, length <= head.length ? gateway.reject(key, head, IntakeParser.HL7_V2, CHANNEL, reason)
        : gateway.rejectOversized(key, head, length, IntakeParser.HL7_V2, CHANNEL, reason));
  }

  /**
   * Not a problem of the message: the listener had no room for it in time. Like a broker that did not acknowledge,
   * the answer is AE "not stored, resend" and there is no dead letter (nothing for an operator to fix).
   */
  @Override
  public String onBusy(byte[] head, long length) {
    return acks.build(MshHeader.parse(head), Hl7Ack.Code.AE, new Hl7Ack.Error("207", "Application internal error",
        "", 0, BUSY + ": the listener is receiving too many large messages at once (intake.mllp.max.inflight.bytes); "
        + "message of " + length + " bytes not stored, resend"));
  }

  private String answer(MshHeader header, Receipt receipt) {
    return switch (receipt.status()) {
      case ACCEPTED -> acks.build(header, Hl7Ack.Code.AA, null);
      case UNAVAILABLE -> acks.build(header, Hl7Ack.Code.AE, new Hl7Ack.Error("207", "Application internal error",
          "", 0, "message not stored: the broker did not acknowledge it in time; resend"));
      case REJECTED -> rejected(header, receipt.reason());
    };
  }

  private String rejected(MshHeader header, ParseResult.Rejected reason) {
    Hl7Ack.Code code = REJECT_CODES.contains(reason.reasonCode()) ? Hl7Ack.Code.AR : Hl7Ack.Code.AE;
    String[] hl7 = switch (reason.reasonCode()) {
      case "HL7_UNSUPPORTED_VERSION" -> new String[] {"203", "Unsupported version id"};
      case "HL7_MISSING_MESSAGE_TYPE", MshHeader.MISSING_CONTROL_ID -> new String[] {"101", "Required field missing"};
      case "HL7_BAD_ENCODING_CHARACTERS", "HL7_ILLEGAL_CHARACTER", "HL7_PARSE_ERROR" ->
          new String[] {"102", "Data type error"};
      case "HL7_MISSING_MSH", "MISSING_PATIENT", "EMPTY_PAYLOAD", "UNKNOWN_CONTENT_TYPE", MISSING_START_BLOCK ->
          new String[] {"100", "Segment sequence error"};
      default -> new String[] {"207", "Application internal error"};
    };
    Matcher m = LOCATION.matcher(reason.location());
    String segment = m.matches() ? m.group(1) : "";
    int field = m.matches() && m.group(2) != null ? Integer.parseInt(m.group(2)) : 0;
    return acks.build(header, code, new Hl7Ack.Error(hl7[0], hl7[1], segment, field,
        reason.reasonCode() + ": " + reason.reasonMessage()));
  }
}
