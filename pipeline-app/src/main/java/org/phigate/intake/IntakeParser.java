package org.phigate.intake;

import java.util.Locale;
import java.util.Objects;
import org.phigate.intake.rules.StructuredRules;
import org.phigate.intake.ParseResult.Reason;
import org.phigate.intake.ParseResult.Rejected;

/**
 * Turns one raw inbound record ({@code phigate.intake.raw} value plus its {@code content-type}
 * header) into a {@link ParseResult}: a normalized message or a PHI-free rejection. Never throws
 * for any input.
 *
 * <p>Thread-safe and meant to be shared: it holds one HAPI v2 context and uses the JVM's cached
 * FHIR R4 context, so it can be created once and called from every stream thread.
 *
 * <p>Content types: {@value #HL7_V2}, {@value #FHIR_JSON}, {@value #FHIR_XML} (parameters such as
 * {@code ; charset=} are ignored). Anything else, or {@code null}, is sniffed from the payload:
 * {@code MSH} ⇒ HL7 v2, <code>{</code> ⇒ FHIR JSON, {@code <} ⇒ FHIR XML.
 */
public final class IntakeParser {

    public static final String HL7_V2 = "application/hl7-v2";
    public static final String FHIR_JSON = "application/fhir+json";
    public static final String FHIR_XML = "application/fhir+xml";

    private enum Kind { HL7, JSON, XML }

    private final Hl7v2Normalizer hl7;
    private final FhirNormalizer fhir;

    /** A parser with the default workflow rules. */
    public IntakeParser() {
        this(WorkflowRouter.defaults());
    }

    /** A parser routing with the given rules, extracting PHI by the shipped structured rules. */
    public IntakeParser(WorkflowRouter router) {
        this(router, StructuredRules.shipped());
    }

    /** A parser routing with the given rules, extracting PHI by the given structured rules. */
    public IntakeParser(WorkflowRouter router, StructuredRules rules) {
        this(router, rules, Hl7VersionRange.defaults());
    }

    /** A parser as above accepting the HL7 v2 versions of {@code versions} only. */
    public IntakeParser(WorkflowRouter router, StructuredRules rules, Hl7VersionRange versions) {
        Objects.requireNonNull(router, "router");
        Objects.requireNonNull(rules, "rules");
        this.hl7 = new Hl7v2Normalizer(router, rules, versions);
        this.fhir = new FhirNormalizer(router, rules);
    }

    /**
     * Parses one record.
     *
     * @param payload     the raw bytes (HL7 ER7 or FHIR JSON/XML); may be null or empty
     * @param contentType the record's content type, or null
     * @return {@link ParseResult.Parsed} or {@link ParseResult.Rejected}, never null
     */
    public ParseResult parse(byte[] payload, String contentType) {
        return parse(payload, contentType, false);
    }

    /**
     * Parses one record; with {@code strictFhir}, FHIR is read as the REST edge promises (strict UTF-8, JSON and
     * XML, HAPI's strict error handler), HL7 v2 as always.
     */
    public ParseResult parse(byte[] payload, String contentType, boolean strictFhir) {
        return parse(payload, contentType, strictFhir, null);
    }

    /**
     * As {@link #parse(byte[], String, boolean)}, for an edge deciding its answer: an HL7 v2 message that
     * {@code fitsUnwalked} accepts with a bound of its PHI's size ({@link NormalizedMessage#phiSizeBound()}) is not
     * walked for its PHI, and the result carries the bound instead ({@link NormalizedMessage#extracted()} false); the
     * rejections are the ones {@code parse} makes. FHIR is always read whole.
     */
    public ParseResult screen(byte[] payload, String contentType, boolean strictFhir,
                              java.util.function.Predicate<NormalizedMessage> fitsUnwalked) {
        return parse(payload, contentType, strictFhir, Objects.requireNonNull(fitsUnwalked, "fitsUnwalked"));
    }

    private ParseResult parse(byte[] payload, String contentType, boolean strictFhir,
                              java.util.function.Predicate<NormalizedMessage> fitsUnwalked) {
        if (payload == null || Payloads.contentStart(payload) >= payload.length) {
            return Rejected.of(Reason.EMPTY_PAYLOAD, "");
        }
        Kind kind = declared(contentType);
        if (kind == null) {
            kind = sniff(payload);
        }
        if (kind == null) {
            return Rejected.of(Reason.UNKNOWN_CONTENT_TYPE, "");
        }
        try {
            return switch (kind) {
                case HL7 -> hl7.parse(payload, fitsUnwalked);
                case JSON -> fhir.parse(payload, true, strictFhir);
                case XML -> fhir.parse(payload, false, strictFhir);
            };
        } catch (RuntimeException | StackOverflowError e) {
            // Last line of defence: the exception may quote the payload, so only its kind is kept.
            return Rejected.of(Reason.INTERNAL_ERROR, "");
        }
    }

    private static Kind declared(String contentType) {
        if (contentType == null) {
            return null;
        }
        String ct = contentType.toLowerCase(Locale.ROOT);
        int semi = ct.indexOf(';');
        ct = (semi < 0 ? ct : ct.substring(0, semi)).trim();
        return switch (ct) {
            case HL7_V2, "x-application/hl7-v2+er7", "application/x-hl7", "application/edi-hl7v2" -> Kind.HL7;
            case FHIR_JSON, "application/json+fhir", "application/json" -> Kind.JSON;
            case FHIR_XML, "application/xml+fhir", "application/xml", "text/xml" -> Kind.XML;
            default -> null;
        };
    }

    private static Kind sniff(byte[] payload) {
        int i = Payloads.contentStart(payload);
        if (payload.length - i >= 3 && payload[i] == 'M' && payload[i + 1] == 'S' && payload[i + 2] == 'H') {
            return Kind.HL7;
        }
        if (payload[i] == '{') {
            return Kind.JSON;
        }
        if (payload[i] == '<') {
            return Kind.XML;
        }
        return null;
    }
}
