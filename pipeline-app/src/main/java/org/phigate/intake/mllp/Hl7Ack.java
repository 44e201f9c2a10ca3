package org.phigate.intake.mllp;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.v26.message.ACK;
import ca.uhn.hl7v2.model.v26.segment.ERR;
import ca.uhn.hl7v2.model.v26.segment.MSH;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Builds original-mode HL7 v2 acknowledgements with HAPI: MSH with sender and receiver swapped, MSA (code, the
 * inbound MSH-10, a PHI-free text) and, for AE/AR, an ERR segment (location, HL7 table 0357 code, severity, text).
 */
public final class Hl7Ack {
  /** MSA-1 acknowledgement codes. */
  public enum Code { AA, AE, AR }

  /** An HL7 table 0357 error with where it was found (segment id and field, both may be empty). */
  public record Error(String code, String codeText, String segment, int field, String userMessage) {}

  private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
  private final PipeParser parser;
  private final Clock clock;
  private final AtomicLong sequence = new AtomicLong();
  /** MSH-7 of the last second an ACK was built in: formatting it per ACK was a quarter of a connection's samples. */
  private volatile Stamp stamp = new Stamp(Long.MIN_VALUE, "");

  private record Stamp(long second, String text) {}
  private final String idPrefix;

  public Hl7Ack(Clock clock) {
    HapiContext context = new DefaultHapiContext(ValidationContextFactory.noValidation());
    context.getParserConfiguration().setValidating(false);
    this.parser = context.getPipeParser();
    this.clock = clock;
    this.idPrefix = "PG" + Long.toString(clock.millis(), 36).toUpperCase() + "-";
  }

  /** The ACK for an inbound header (its problem fields may be blank), as an ER7 string ending in CR. */
  public String build(MshHeader inbound, Code code, Error error) {
    String direct = direct(inbound, code, error);
    if (direct != null) {
      return direct;
    }
    try {
      return hapi(inbound, code, error);
    } catch (HL7Exception | RuntimeException e) {
      return plain(inbound, code, error);
    }
  }

  /**
   * The ACK HAPI would encode, written directly when no value needs HL7 escaping (the usual case: building it with
   * HAPI's model cost more than the rest of the MLLP connection's work); null when one does, so HAPI encodes it.
   * {@code Hl7AckTest} checks both agree.
   */
  String direct(MshHeader in, Code code, Error error) {
    char comp = in.encoding().isEmpty() ? '^' : in.encoding().charAt(0);
    String sendingApplication = hd(in.receivingApplication(), comp);
    String sendingFacility = hd(in.receivingFacility(), comp);
    String receivingApplication = hd(in.sendingApplication(), comp);
    String receivingFacility = hd(in.sendingFacility(), comp);
    String processing = in.processingId().isBlank() ? "P" : in.processingId();
    String version = in.version().isBlank() ? "2.6" : in.version();
    if (sendingApplication == null || sendingFacility == null || receivingApplication == null
        || receivingFacility == null || !plain(in.triggerEvent()) || !plain(in.controlId()) || !plain(processing)
        || !plain(version) || error != null && !(plain(error.code()) && plain(error.codeText())
        && plain(error.segment()) && plain(error.userMessage()))) {
      return null;
    }
    StringBuilder b = new StringBuilder(160 + (error == null ? 0 : 2 * error.userMessage().length()))
        .append("MSH|^~\\&|").append(sendingApplication).append('|').append(sendingFacility).append('|')
        .append(receivingApplication).append('|').append(receivingFacility).append('|')
        .append(timestamp()).append("||ACK^").append(in.triggerEvent()).append("^ACK|")
        .append(idPrefix).append(sequence.incrementAndGet()).append('|').append(processing).append('|')
        .append(version).append("\rMSA|").append(code.name());
    String text = error == null ? "" : error.userMessage();
    if (!in.controlId().isEmpty() || !text.isEmpty()) {
      b.append('|').append(in.controlId()); // HAPI drops trailing empty fields
    }
    if (!text.isEmpty()) {
      b.append('|').append(text);
    }
    if (error == null) {
      return b.append('\r').toString();
    }
    b.append("\rERR||");
    if (!error.segment().isEmpty()) {
      b.append(error.segment()).append("^1");
      if (error.field() > 0) {
        b.append('^').append(error.field());
      }
    }
    b.append('|').append(error.code()).append('^').append(error.codeText()).append("^HL70357|E");
    if (!error.userMessage().isEmpty()) {
      b.append("||||").append(error.userMessage());
    }
    return b.append('\r').toString();
  }

  /** The current time as MSH-7 ({@code yyyyMMddHHmmss}, UTC), formatted once a second. */
  private String timestamp() {
    java.time.Instant now = clock.instant();
    Stamp last = stamp;
    if (last.second() != now.getEpochSecond()) {
      last = new Stamp(now.getEpochSecond(), TS.format(now));
      stamp = last;
    }
    return last.text();
  }

  /**
   * An HD value (up to three components, in the sender's component separator) as HAPI encodes it: components in
   * {@code ^}, trailing empty ones dropped; null when it needs more than that.
   */
  private static String hd(String value, char comp) {
    String v = comp == '^' ? value : value.replace(comp, '^');
    int components = 1;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '^') {
        components++;
      } else if (!plain(c)) {
        return null;
      }
    }
    if (components > 3 || !v.equals(v.strip())) {
      return null;
    }
    int end = v.length();
    while (end > 0 && v.charAt(end - 1) == '^') {
      end--;
    }
    return v.substring(0, end);
  }

  /** A value HAPI writes unchanged: printable ASCII without HL7 delimiters, not starting or ending in a space. */
  private static boolean plain(String value) {
    for (int i = 0; i < value.length(); i++) {
      if (!plain(value.charAt(i))) {
        return false;
      }
    }
    return value.equals(value.strip());
  }

  private static boolean plain(char c) {
    return c > 0x20 && c < 0x7F && c != '|' && c != '^' && c != '~' && c != '\\' && c != '&' || c == ' ';
  }

  /** The ACK built with HAPI's model and encoder (package-private for the test that compares the two). */
  String hapi(MshHeader in, Code code, Error error) throws HL7Exception {
    ACK ack = new ACK();
    ack.setParser(parser);
    MSH msh = ack.getMSH();
    msh.getFieldSeparator().setValue("|");
    msh.getEncodingCharacters().setValue("^~\\&");
    msh.getSendingApplication().parse(component(in, in.receivingApplication()));
    msh.getSendingFacility().parse(component(in, in.receivingFacility()));
    msh.getReceivingApplication().parse(component(in, in.sendingApplication()));
    msh.getReceivingFacility().parse(component(in, in.sendingFacility()));
    msh.getDateTimeOfMessage().parse(TS.format(clock.instant()));
    msh.getMessageType().getMessageCode().setValue("ACK");
    msh.getMessageType().getTriggerEvent().setValue(in.triggerEvent());
    msh.getMessageType().getMessageStructure().setValue("ACK");
    msh.getMessageControlID().setValue(idPrefix + sequence.incrementAndGet());
    msh.getProcessingID().getProcessingID().setValue(in.processingId().isBlank() ? "P" : in.processingId());
    msh.getVersionID().getVersionID().setValue(in.version().isBlank() ? "2.6" : in.version());
    ack.getMSA().getAcknowledgmentCode().setValue(code.name());
    ack.getMSA().getMessageControlID().setValue(in.controlId());
    if (error != null) {
      ack.getMSA().getMsa3_TextMessage().setValue(error.userMessage());
      ERR err = ack.getERR(0);
      if (!error.segment().isEmpty()) {
        err.getErrorLocation(0).getSegmentID().setValue(error.segment());
        err.getErrorLocation(0).getSegmentSequence().setValue("1");
        if (error.field() > 0) {
          err.getErrorLocation(0).getFieldPosition().setValue(Integer.toString(error.field()));
        }
      }
      err.getHL7ErrorCode().getIdentifier().setValue(error.code());
      err.getHL7ErrorCode().getText().setValue(error.codeText());
      err.getHL7ErrorCode().getNameOfCodingSystem().setValue("HL70357");
      err.getSeverity().setValue("E");
      err.getUserMessage().setValue(error.userMessage());
    }
    return parser.encode(ack);
  }

  /** The same ACK without HAPI, for the (never expected) case that HAPI refuses a value. */
  private String plain(MshHeader in, Code code, Error error) {
    StringBuilder b = new StringBuilder("MSH|^~\\&|").append(safe(in.receivingApplication())).append('|')
        .append(safe(in.receivingFacility())).append('|').append(safe(in.sendingApplication())).append('|')
        .append(safe(in.sendingFacility())).append('|').append(TS.format(clock.instant())).append("||ACK^")
        .append(safe(in.triggerEvent())).append("^ACK|").append(idPrefix).append(sequence.incrementAndGet())
        .append('|').append(in.processingId().isBlank() ? "P" : safe(in.processingId())).append('|')
        .append(in.version().isBlank() ? "2.6" : safe(in.version())).append("\rMSA|").append(code.name()).append('|')
        .append(safe(in.controlId()));
    if (error != null) {
      b.append('|').append(safe(error.userMessage())).append("\rERR||").append(error.segment()).append("^1^")
          .append(error.field() > 0 ? error.field() : "").append('|').append(error.code()).append('^')
          .append(safe(error.codeText())).append("^HL70357|E||||").append(safe(error.userMessage()));
    }
    return b.append('\r').toString();
  }

  private static String component(MshHeader in, String value) {
    char comp = in.encoding().isEmpty() ? '^' : in.encoding().charAt(0);
    return comp == '^' ? value : value.replace(comp, '^');
  }

  private static String safe(String s) {
    return s.replaceAll("[|^~\\\\&\\r\\n]", " ");
  }
}
