package org.phigate.intake;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.UnaryOperator;
import java.util.HexFormat;
import org.phigate.audit.AuditEvents;
import org.phigate.catalog.PhiContentCodec;
import org.phigate.catalog.SourceMessageSeal;
import org.phigate.streams.RecordLimit;
import org.phigate.schema.AuditAction;
import org.phigate.schema.AuditOutcome;
import org.phigate.schema.ClinicalEvent;
import org.phigate.schema.IntakeFailure;
import org.phigate.schema.PhiContent;
import org.phigate.security.FieldCipher;
import org.phigate.security.SourceIds;

/** Turns one raw inbound record into a sealed ClinicalEvent or a sealed dead letter, with an audit event. */
public final class IntakeStage {
  /** How much of an oversized message its dead letter keeps (sealed), enough to identify the sender's message. */
  public static final int DEAD_LETTER_HEAD_BYTES = 64 * 1024;
  /** Reason of a message whose normalized event exceeds intake.max.normalized.bytes. */
  public static final String NORMALIZED_TOO_LARGE = "NORMALIZED_TOO_LARGE";
  /** Room in {@link #screen}'s size bound for the seal, the registry header and the record overhead. */
  static final int SEAL_MARGIN_BYTES = 64 * 1024;
  /** Characters of an event id ({@code ev-} and 24 hex digits; see {@link #eventId}). */
  private static final int EVENT_ID_CHARS = 27;
  private final IntakeParser parser;
  private final FieldCipher cipher;
  private final PhiContentCodec codec;
  private final AuditEvents audit;
  private final String tenant;
  private final int maxPayloadBytes;
  private final SourceIds sourceIds;
  private final UnaryOperator<String> patientTokens;

  /**
   * The shared, thread-safe stage; the parser and cipher are thread-safe too. Sender-chosen ids (record keys,
   * MSH-10) reach dead letters and audit events only as {@code sourceIds} hashes.
   */
  public IntakeStage(IntakeParser parser, FieldCipher cipher, AuditEvents audit, String tenant, int maxPayloadBytes,
                     SourceIds sourceIds) {
    this(parser, cipher, audit, tenant, maxPayloadBytes, sourceIds, null);
  }

  /**
   * As above; {@code patientTokens} (patient key to PT- token, or null) lets the event's PHI be sealed under its
   * patient's data key when the cipher has envelope keys, so shredding the patient shreds the normalized event.
   */
  public IntakeStage(IntakeParser parser, FieldCipher cipher, AuditEvents audit, String tenant, int maxPayloadBytes,
                     SourceIds sourceIds, UnaryOperator<String> patientTokens) {
    this.patientTokens = patientTokens;
    this.sourceIds = sourceIds;
    this.parser = parser;
    this.cipher = cipher;
    this.codec = new PhiContentCodec(cipher);
    this.audit = audit;
    this.tenant = tenant;
    this.maxPayloadBytes = maxPayloadBytes;
  }

  private String patientToken(PhiContent phi) {
    String key = phi.getPatientKey();
    return patientTokens == null || cipher.envelope() == null || key == null || key.isBlank() ? null
        : patientTokens.apply(key);
  }

  /** Parses one raw record into an event or a dead letter; never throws for any payload. */
  public IntakeOutcome process(String key, byte[] payload, String contentType, Instant receivedAt) {
    return process(key, payload, contentType, receivedAt, false);
  }

  /** As {@link #process(String, byte[], String, Instant)}; {@code strictFhir} as the REST edge parses FHIR. */
  public IntakeOutcome process(String key, byte[] payload, String contentType, Instant receivedAt,
                               boolean strictFhir) {
    Object parsed = parse(key, payload, contentType, receivedAt, strictFhir);
    if (parsed instanceof IntakeOutcome rejected) {
      return rejected;
    }
    NormalizedMessage message = (NormalizedMessage) parsed;
    PhiContent phi = message.phi();
    String eventId = eventId(message);
    ClinicalEvent event = header(message, eventId, receivedAt).setPhi(codec.seal(phi, eventId, patientToken(phi)))
        .build();
    return new IntakeOutcome(event, null, audit.event("intake.normalize", AuditAction.C, eventId)
        .entity(eventId, "ClinicalEvent", "4")
        .entity(message.format() + ":" + message.messageType(), "source-message-type", "3")
        .detail("workflow", message.workflow())
        .detail("fields", phi.getFields().size())
        .detail("textParts", phi.getTextParts().size())
        .build(), dedupKey(message), message.sourceMessageId());
  }

  /**
   * What an edge decides before its ACK, the same way the intake topology will decide for the same bytes: the same
   * parse and rejections (with their dead letters and audit events), the event id, and the size contract (a
   * normalized event over {@code budget} is refused with {@link #NORMALIZED_TOO_LARGE}). The edge stores the raw
   * bytes and the topology hashes the sender's id, seals and audits the event, so an accepted message's event here
   * carries placeholders for the sender's id and the PHI and no audit event; the event is sealed and measured exactly
   * only when a bound of its size, counted from its strings' lengths, comes near the budget. An HL7 v2 message whose
   * bound from its text alone ({@link Hl7SizeBound}) is within the budget is not walked for its PHI at all: its event
   * counts no fields or text parts.
   */
  public IntakeOutcome screen(String key, byte[] payload, String contentType, Instant receivedAt, boolean strictFhir,
                              RecordLimit<ClinicalEvent> budget) {
    // an HL7 v2 message whose size bound from its text alone is within budget is not walked for its PHI here
    Object parsed = parse(key, payload, contentType, receivedAt, strictFhir,
        m -> sealedBound(m, EVENT_ID_CHARS) < budget.limit());
    if (parsed instanceof IntakeOutcome rejected) {
      return rejected;
    }
    NormalizedMessage message = (NormalizedMessage) parsed;
    String eventId = eventId(message);
    if (!message.extracted() || sealedBound(message, eventId.length()) < budget.limit()) {
      // never stored: neither the sender's id (hashed and sealed by the topology) nor the PHI is needed here
      return new IntakeOutcome(fields(message, eventId, receivedAt).setSourceMessageId(UNSEALED)
          .setSourceMessage(null).setPhi(unsealed()).build(), null, null, dedupKey(message),
          message.sourceMessageId());
    }
    ClinicalEvent event = header(message, eventId, receivedAt)
        .setPhi(codec.seal(message.phi(), eventId, patientToken(message.phi()))).build();
    int size = budget.excess(event);
    return size < 0 ? new IntakeOutcome(event, null, null, dedupKey(message), message.sourceMessageId())
        : normalizedTooLarge(key, payload, contentType, receivedAt, size, budget.limit());
  }

  /**
   * An upper bound of the serialized event's size, counted without encoding anything: every string of the event and
   * of its PHI at 3 bytes a character (UTF-8 needs at most 3 per UTF-16 char) plus 5 bytes for its length, 16 bytes a
   * field or text part for the enum, union and array counts, and a margin for the seal (nonce, tag, key id: under 100
   * bytes), the sealed source id, the schema-registry header and the record overhead, far wider than any of them.
   */
  private long sealedBound(NormalizedMessage message, int eventIdChars) {
    long bytes = 5 + 3L * eventIdChars + utf8Bound(tenant) + 2 * utf8Bound(message.sourceMessageId())
        + utf8Bound(message.messageType()) + utf8Bound(message.sourceVersion()) + utf8Bound(message.workflow())
        + SEAL_MARGIN_BYTES;
    return bytes + (message.extracted() ? phiBound(message.phi()) : message.phiSizeBound());
  }

  /** The PHI's part of {@link #sealedBound}: its strings at 3 bytes a character, 16 bytes an item. */
  static long phiBound(PhiContent phi) {
    long bytes = utf8Bound(phi.getPatientKey());
    for (org.phigate.schema.StructuredField f : phi.getFields()) {
      bytes += 16 + utf8Bound(f.getPath()) + utf8Bound(f.getValue()) + utf8Bound(f.getParty())
          + utf8Bound(f.getAction());
    }
    for (org.phigate.schema.TextPart t : phi.getTextParts()) {
      bytes += 16 + utf8Bound(t.getPath()) + utf8Bound(t.getText());
    }
    return bytes;
  }

  private static long utf8Bound(String s) {
    return s == null ? 0 : 5 + 3L * s.length();
  }

  /** What an event {@link #screen} accepted holds instead of the sender's hashed id: never stored, never sent. */
  private static final String UNSEALED = "unsealed";

  /** The PHI of an event {@link #screen} accepted without sealing: never stored, never sent. */
  private static org.phigate.schema.EncryptedBlob unsealed() {
    return new org.phigate.schema.EncryptedBlob(UNSEALED, ByteBuffer.allocate(0), ByteBuffer.allocate(0));
  }

  /** Parses a record: the {@link NormalizedMessage}, or the rejection's {@link IntakeOutcome}. */
  private Object parse(String key, byte[] payload, String contentType, Instant receivedAt, boolean strictFhir) {
    return parse(key, payload, contentType, receivedAt, strictFhir, null);
  }

  /** As above; a non-null {@code fitsUnwalked} screens as an edge does ({@link IntakeParser#screen}). */
  private Object parse(String key, byte[] payload, String contentType, Instant receivedAt, boolean strictFhir,
                       java.util.function.Predicate<NormalizedMessage> fitsUnwalked) {
    if (payload == null || payload.length == 0) {
      return reject(sourceKey(key, payload), new byte[0], contentType, receivedAt, "EMPTY_PAYLOAD", null,
          "the record has no payload");
    }
    if (payload.length > maxPayloadBytes) {
      // the whole payload would not fit the dead-letter topic either
      return truncated(sourceKey(key, payload), payload, payload.length, contentType, receivedAt,
          "PAYLOAD_TOO_LARGE", null, "payload of " + payload.length + " bytes exceeds intake.max.payload.bytes="
              + maxPayloadBytes + "; the dead letter keeps its first " + DEAD_LETTER_HEAD_BYTES + " bytes");
    }
    ParseResult result;
    try {
      result = fitsUnwalked == null ? parser.parse(payload, contentType, strictFhir)
          : parser.screen(payload, contentType, strictFhir, fitsUnwalked);
    } catch (RuntimeException e) {
      // the parser is meant never to throw; if it does, the exception text may quote the payload: drop it
      return reject(sourceKey(key, payload), payload, contentType, receivedAt, "INTERNAL_PARSE_FAILURE", null,
          "the parser failed unexpectedly (" + e.getClass().getSimpleName() + ")");
    }
    if (result instanceof ParseResult.Rejected rejected) {
      // the keyed hash of the sender's id is needed only for a dead letter
      return reject(sourceKey(key, payload), payload, contentType, receivedAt, rejected.reasonCode(),
          rejected.location(), rejected.reasonMessage());
    }
    return ((ParseResult.Parsed) result).message();
  }

  private ClinicalEvent.Builder header(NormalizedMessage message, String eventId, Instant receivedAt) {
    return fields(message, eventId, receivedAt)
        .setSourceMessageId(sourceIds.of(tenant, message.sourceMessageId()))
        .setSourceMessage(SourceMessageSeal.seal(cipher, message.sourceMessageId(), eventId));
  }

  /** The event's fields but the sender's id (hashed and sealed) and the PHI. */
  private ClinicalEvent.Builder fields(NormalizedMessage message, String eventId, Instant receivedAt) {
    // a screened message not walked for its PHI counts none (its event is never stored or sent)
    PhiContent phi = message.extracted() ? message.phi() : null;
    return ClinicalEvent.newBuilder()
        .setEventId(eventId)
        .setTenant(tenant)
        .setSourceFormat(message.format())
        .setMessageType(message.messageType())
        .setSourceVersion(message.sourceVersion())
        .setWorkflow(message.workflow())
        .setReceivedAt(receivedAt)
        .setFieldCount(phi == null ? 0 : phi.getFields().size())
        .setTextPartCount(phi == null ? 0 : phi.getTextParts().size());
  }

  /**
   * An accepted message whose sealed event would not fit its topic ({@code size} bytes against {@code limit}): a
   * RECORD_TOO_LARGE dead letter keeping the message's first bytes, with its audit event, instead of a broker error.
   */
  public IntakeOutcome tooLarge(String key, byte[] payload, String contentType, Instant receivedAt, String topic,
                                int size, int limit) {
    String sourceKey = sourceKey(key, payload);
    return truncated(sourceKey, payload, payload.length, contentType, receivedAt, RecordLimit.TOO_LARGE, null,
        "the " + topic + " record of " + size + " bytes exceeds its max.message.bytes=" + limit
            + " (topics.max.message.bytes); the dead letter keeps the message's first " + DEAD_LETTER_HEAD_BYTES
            + " bytes");
  }

  /**
   * An accepted message whose sealed event ({@code size} bytes) exceeds the normalized-size budget {@code limit}
   * (intake.max.normalized.bytes), which leaves room for what de-identification adds: refused here, at intake, so it
   * is never acknowledged and then dead-lettered downstream for its size.
   */
  public IntakeOutcome normalizedTooLarge(String key, byte[] payload, String contentType, Instant receivedAt,
                                          int size, int limit) {
    return truncated(sourceKey(key, payload), payload, payload.length, contentType, receivedAt, NORMALIZED_TOO_LARGE,
        null, "the normalized event of " + size + " bytes exceeds intake.max.normalized.bytes=" + limit
            + " (room for de-identification's findings within topics.max.message.bytes); split the message or "
            + "raise the limits; the dead letter keeps the message's first " + DEAD_LETTER_HEAD_BYTES + " bytes");
  }

  /**
   * The record key as a keyed hash, or for an unkeyed record a name derived from its content (never the content
   * itself): the dead letter's key, the audit event's entity reference and the AAD its original is sealed under.
   */
  private String sourceKey(String key, byte[] payload) {
    return key == null || key.isBlank() ? "unkeyed-" + sha256(payload == null ? new byte[0] : payload)
        .substring(0, 16) : sourceIds.of(tenant, key);
  }

  /** How a sender's id (a record key, MSH-10) appears in dead letters and audit events of this stage. */
  public String sourceId(String senderId) {
    return sourceIds.of(tenant, senderId);
  }

  /**
   * A dead letter decided at an edge for a message over a size limit, of which only {@code received} was read
   * ({@code originalSize} bytes in all, or negative when unknown): it keeps at most the first
   * {@link #DEAD_LETTER_HEAD_BYTES} and is marked truncated, so it is never replayed as if it were the message.
   */
  public IntakeOutcome rejectOversized(String key, byte[] received, long originalSize, String contentType,
                                       Instant receivedAt, ParseResult.Rejected reason) {
    byte[] bytes = received == null ? new byte[0] : received;
    return truncated(sourceKey(key, bytes), bytes, originalSize, contentType, receivedAt, reason.reasonCode(),
        reason.location(), reason.reasonMessage());
  }

  private IntakeOutcome truncated(String sourceKey, byte[] payload, long originalSize, String contentType,
                                  Instant receivedAt, String reasonCode, String location, String reasonMessage) {
    byte[] head = payload.length <= DEAD_LETTER_HEAD_BYTES ? payload
        : java.util.Arrays.copyOf(payload, DEAD_LETTER_HEAD_BYTES);
    IntakeOutcome outcome = reject(sourceKey, head, contentType, receivedAt, reasonCode, location, reasonMessage);
    outcome.failure().setOriginalTruncated(true);
    outcome.failure().setOriginalSize(originalSize < 0 ? null : originalSize);
    return outcome;
  }

  /** The outcome of a re-sent copy of an accepted message: no event, an {@code intake.duplicate} audit event. */
  public IntakeOutcome duplicate(IntakeOutcome copy, String firstEventId) {
    ClinicalEvent event = copy.event();
    return new IntakeOutcome(null, null, audit.event("intake.duplicate", AuditAction.E, event.getEventId())
        .entity(firstEventId, "ClinicalEvent", "4")
        .entity(event.getSourceFormat() + ":" + event.getMessageType(), "source-message-type", "3")
        .detail("dedupKey", copy.dedupKey())
        .build(), copy.dedupKey());
  }

  /** A dead letter decided at an edge (MLLP framing, REST request checks): same record and audit as the stage's. */
  public IntakeOutcome reject(String key, byte[] payload, String contentType, Instant receivedAt,
                              ParseResult.Rejected reason) {
    String sourceKey = sourceKey(key, payload);
    return reject(sourceKey, payload == null ? new byte[0] : payload, contentType, receivedAt, reason.reasonCode(),
        reason.location(), reason.reasonMessage());
  }

  /** Identity of a message for duplicate suppression, hashed: the state store never holds message content. */
  private String dedupKey(NormalizedMessage message) {
    return "dd-" + sha256((tenant + "|" + message.dedupKey()).getBytes(StandardCharsets.UTF_8)).substring(0, 32);
  }

  private IntakeOutcome reject(String sourceKey, byte[] payload, String contentType, Instant receivedAt,
                               String reasonCode, String location, String reasonMessage) {
    IntakeFailure failure = IntakeFailure.newBuilder()
        .setSourceMessageId(sourceKey)
        .setTenant(tenant)
        .setStage("intake")
        .setReasonCode(reasonCode)
        .setLocation(location)
        .setReasonMessage(reasonMessage)
        .setContentType(contentType == null ? "unknown" : contentType)
        .setReceivedAt(receivedAt)
        .setOriginalSha256(sha256(payload))
        .setOriginal(cipher.seal(payload, sourceKey))
        .build();
    String subject = "dlq-" + sha256((tenant + "|" + sourceKey).getBytes(StandardCharsets.UTF_8)).substring(0, 16);
    // sourceKey is already a keyed hash (or content-derived), so neither subject nor entity can carry a sender's id
    return new IntakeOutcome(null, failure, audit.event("intake.reject", AuditAction.C, subject)
        .outcome(AuditOutcome.SERIOUS_FAILURE, reasonCode)
        .entity("phigate.intake.dlq/" + sourceKey, "IntakeFailure", "4")
        .detail("location", location)
        .build());
  }

  /**
   * Event ids are stable for the same message, so a replayed or re-sent copy yields the same id; they derive from the
   * dedup key rather than the control id alone, because senders reuse control ids for different messages and two
   * events sharing an id would share one review.
   */
  private String eventId(NormalizedMessage message) {
    String basis = tenant + "|" + message.format() + "|" + message.messageType() + "|" + message.dedupKey();
    return "ev-" + sha256(basis.getBytes(StandardCharsets.UTF_8)).substring(0, 24);
  }

  static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(Payloads.sha256(bytes));
  }

}
