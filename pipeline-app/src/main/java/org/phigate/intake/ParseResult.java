package org.phigate.intake;

import java.util.Objects;

/**
 * The outcome of parsing one raw inbound record: either a {@link Parsed} normalized message or a
 * {@link Rejected} record with a stable reason code.
 *
 * <p>A rejection never carries payload content: {@link Rejected#reasonMessage()} is a fixed text
 * chosen by the reason, and {@link Rejected#location()} is at most a segment/field name (such as
 * {@code MSH-12}) or a FHIRPath built from element names, never a value.
 */
public sealed interface ParseResult permits ParseResult.Parsed, ParseResult.Rejected {

    /** The record was understood; {@code message} is ready for PHI detection. */
    record Parsed(NormalizedMessage message) implements ParseResult {
        public Parsed {
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * The record cannot be processed and belongs in the dead-letter topic.
     *
     * @param reasonCode    stable machine-readable code, one of {@link Reason}'s names
     * @param location      where in the payload the problem was found (segment/field or FHIRPath), or
     *                      an empty string; never a value from the payload
     * @param reasonMessage fixed human-readable explanation, never containing payload content
     */
    record Rejected(String reasonCode, String location, String reasonMessage) implements ParseResult {
        public Rejected {
            Objects.requireNonNull(reasonCode, "reasonCode");
            location = location == null ? "" : location;
            Objects.requireNonNull(reasonMessage, "reasonMessage");
        }

        /** A rejection whose message is the reason's fixed text. */
        public static Rejected of(Reason reason, String location) {
            return new Rejected(reason.name(), location, reason.message());
        }
    }

    /** Why a record was rejected; each reason has one fixed, PHI-free message. */
    enum Reason {
        EMPTY_PAYLOAD("payload is empty"),
        UNKNOWN_CONTENT_TYPE("content type is not HL7 v2 or FHIR R4 and the payload could not be recognized"),
        HL7_MISSING_MSH("HL7 v2 payload does not start with an MSH segment"),
        HL7_BAD_ENCODING_CHARACTERS("HL7 v2 field separator or encoding characters (MSH-1/MSH-2) are invalid"),
        HL7_ILLEGAL_CHARACTER("HL7 v2 message contains a NUL byte, which no HL7 v2 message may hold"),
        HL7_MISSING_MESSAGE_TYPE("HL7 v2 message type (MSH-9) is missing"),
        HL7_UNSUPPORTED_VERSION("HL7 v2 version (MSH-12) is missing or outside the supported range 2.3 to 2.8"),
        HL7_PARSE_ERROR("HL7 v2 message could not be parsed"),
        FHIR_PARSE_ERROR("FHIR payload is not well-formed JSON/XML or not a valid FHIR R4 resource"),
        FHIR_NOT_A_RESOURCE("payload is well-formed but has no FHIR resourceType"),
        FHIR_UNSUPPORTED_RESOURCE("FHIR resource type or content type is not supported by intake"),
        MISSING_PATIENT("message type requires a patient (PID segment) but none is present"),
        INTERNAL_ERROR("unexpected error while normalizing the payload");

        private final String message;

        Reason(String message) {
            this.message = message;
        }

        /** The fixed message for this reason. */
        public String message() {
            return message;
        }
    }
}
