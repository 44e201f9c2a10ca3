package org.phigate.intake;

import static org.phigate.intake.FhirText.isText;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import ca.uhn.fhir.parser.IJsonLikeParser;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.phigate.intake.ParseResult.Reason;
import org.phigate.intake.ParseResult.Rejected;
import org.phigate.intake.rules.StructuredRules;
import org.phigate.schema.PhiContent;
import org.phigate.schema.SourceFormat;

/**
 * FHIR R4 JSON/XML to {@link NormalizedMessage}, with the JVM's one cached {@link FhirContext}.
 * Unknown elements and invalid primitive values are tolerated (and never logged: HAPI would log
 * the values); syntax errors reject. What is PHI comes from the {@link StructuredRules} ({@code fhir} section,
 * applied by {@link FhirWalker}); paths are FHIRPath expressions with 0-based indexes.
 */
final class FhirNormalizer {
    static final String FHIR_VERSION = "4.0.1";
    private final WorkflowRouter router;
    private final FhirWalker walker;

    FhirNormalizer(WorkflowRouter router, StructuredRules rules) {
        this.router = router;
        this.walker = new FhirWalker(rules);
    }

    ParseResult parse(byte[] payload, boolean json) {
        return parse(payload, json, false);
    }

    /**
     * Parses leniently (unknown elements and invalid values tolerated, as real feeds need) or, when {@code strict},
     * as the REST edge promises: valid UTF-8, strict JSON / FHIR-namespace XML, and HAPI's strict error handler, so
     * an unknown element or a wrong type (a number for a date, a string for a HumanName) is refused.
     */
    ParseResult parse(byte[] payload, boolean json, boolean strict) {
        int start = Payloads.contentStart(payload);
        String text;
        if (strict) {
            text = FhirStrictSyntax.decode(payload, start);
            if (text == null) {
                return FhirStrictSyntax.rejected("the body is not valid UTF-8");
            }
        } else {
            text = new String(payload, start, payload.length - start, StandardCharsets.UTF_8);
        }
        IBaseResource parsed;
        if (json) {
            try {
                parsed = FhirJsonReader.read(text, strict, (IJsonLikeParser) FhirParsing.parser(true, strict));
            } catch (FhirJsonReader.Refused refused) {
                return refused(refused, strict);
            } catch (RuntimeException e) {
                return strict ? notFhir() : Rejected.of(Reason.FHIR_PARSE_ERROR, "");
            }
        } else {
            if (strict) {
                Rejected syntax = FhirStrictSyntax.checkXml(text);
                if (syntax != null) {
                    return syntax;
                }
            }
            try {
                parsed = FhirParsing.parser(false, strict).parseResource(text);
            } catch (RuntimeException e) {
                // HAPI messages quote content: classify without them.
                return strict && e instanceof ca.uhn.fhir.parser.DataFormatException ? notFhir()
                        : Rejected.of(Reason.FHIR_PARSE_ERROR, "");
            }
        }
        if (!(parsed instanceof Resource resource)) {
            return Rejected.of(Reason.FHIR_PARSE_ERROR, "");
        }
        FhirExtraction x = new FhirExtraction();
        String messageType;
        String workflow;
        String id = idOf(resource);
        if (resource instanceof Bundle bundle) {
            messageType = "Bundle/" + (bundle.getType() != null && bundle.getType().toCode() != null
                    ? bundle.getType().toCode() : "unknown");
            if ((id == null) && bundle.hasIdentifier() && bundle.getIdentifier().hasValue()) {
                id = bundle.getIdentifier().getValue();
            }
            Set<String> entryTypes = new LinkedHashSet<>();
            for (int i = 0; i < bundle.getEntry().size(); i++) {
                Resource r = bundle.getEntry().get(i).getResource();
                if (r != null) {
                    String type = r.fhirType();
                    entryTypes.add(type);
                    resource(r, "Bundle.entry[" + i + "].resource.ofType(" + type + ")", x);
                }
            }
            workflow = router.routeBundle(entryTypes);
        } else if (resource instanceof Binary binary) {
            if (!isText(binary.getContentType())) {
                return Rejected.of(Reason.FHIR_UNSUPPORTED_RESOURCE, "Binary.contentType");
            }
            messageType = "Binary";
            resource(binary, "Binary", x);
            workflow = router.route(SourceFormat.FHIR_R4, messageType);
        } else {
            messageType = resource.fhirType();
            resource(resource, messageType, x);
            workflow = router.route(SourceFormat.FHIR_R4, messageType);
        }
        String sourceMessageId = id != null ? id : Payloads.sha256Id(payload);
        // No patient identifier at all: key by a hash of the message id (consistent within this message, links to nothing).
        String patientKey = x.patientKey != null ? x.patientKey
                : x.subjectKey != null ? x.subjectKey : "unknown:" + Payloads.sha256Id(sourceMessageId);
        PhiContent phi = PhiContent.newBuilder()
                .setPatientKey(patientKey)
                .setFields(x.fields)
                .setTextParts(x.texts)
                .build();
        // A re-sent resource is the same type, id and meta.versionId; without a version only identical bytes are.
        String version = resource.hasMeta() && resource.getMeta().hasVersionId()
                ? "v:" + resource.getMeta().getVersionId() : Payloads.sha256Id(payload);
        String dedupKey = "FHIR_R4|" + messageType + "|" + sourceMessageId + "|" + version;
        return new ParseResult.Parsed(new NormalizedMessage(SourceFormat.FHIR_R4, messageType, FHIR_VERSION,
                sourceMessageId, workflow, phi, dedupKey));
    }

    /** A JSON body the reader refused, classified by its tree (never by HAPI's messages, which quote content). */
    private static Rejected refused(FhirJsonReader.Refused refused, boolean strict) {
        switch (refused.failure()) {
            case NOT_JSON:
                return strict ? FhirStrictSyntax.rejected("the body is not strict JSON (RFC 8259: double-quoted names "
                        + "and strings, no comments, no trailing commas, no duplicate keys)")
                        : Rejected.of(Reason.FHIR_PARSE_ERROR, "");
            case UNPAIRED_SURROGATE:
                return FhirStrictSyntax.rejected("a JSON string holds an unpaired surrogate (\\uD800-\\uDFFF), "
                        + "which is not a character");
            default:
                JsonNode node = refused.tree();
                if (node == null || !node.isObject() || !node.path("resourceType").isTextual()) {
                    return Rejected.of(Reason.FHIR_NOT_A_RESOURCE, "resourceType");
                }
                if (!FhirJsonReader.knownResourceType(node.path("resourceType").asText())) {
                    return Rejected.of(Reason.FHIR_UNSUPPORTED_RESOURCE, "resourceType");
                }
                return strict ? notFhir() : Rejected.of(Reason.FHIR_PARSE_ERROR, "");
        }
    }

    private static Rejected notFhir() {
        return FhirStrictSyntax.rejected("not valid FHIR R4 (an unknown element, a value of the wrong type, or an "
                + "invalid value)");
    }

    private static String idOf(Resource r) {
        return r.hasIdElement() && r.getIdElement().hasIdPart() ? r.getIdElement().getIdPart() : null;
    }

    private void resource(Resource r, String p, FhirExtraction x) {
        FhirKeys.resource(r, x);
        walker.resource(r, p, x);
    }
}
