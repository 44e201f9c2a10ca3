package org.phigate.intake;

import static org.phigate.intake.FhirText.isText;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FhirContext context = FhirContext.forR4Cached();
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
            Rejected syntax = FhirStrictSyntax.check(text, json);
            if (syntax != null) {
                return syntax;
            }
        } else {
            text = new String(payload, start, payload.length - start, StandardCharsets.UTF_8);
        }
        IBaseResource parsed;
        try {
            parsed = FhirParsing.parser(json, strict).parseResource(text);
        } catch (RuntimeException e) {
            // HAPI messages quote content: classify without them.
            if (strict && e instanceof ca.uhn.fhir.parser.DataFormatException) {
                Rejected kind = json ? classifyJsonFailure(text) : null;
                return kind != null && !Reason.FHIR_PARSE_ERROR.name().equals(kind.reasonCode()) ? kind
                        : FhirStrictSyntax.rejected("not valid FHIR R4 (an unknown element, a value of the wrong "
                        + "type, or an invalid value)");
            }
            return json ? classifyJsonFailure(text) : Rejected.of(Reason.FHIR_PARSE_ERROR, "");
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

    private Rejected classifyJsonFailure(String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (Exception e) {
            return Rejected.of(Reason.FHIR_PARSE_ERROR, "");
        }
        if (node == null || !node.isObject() || !node.path("resourceType").isTextual()) {
            return Rejected.of(Reason.FHIR_NOT_A_RESOURCE, "resourceType");
        }
        if (!context.getResourceTypes().contains(node.path("resourceType").asText())) {
            return Rejected.of(Reason.FHIR_UNSUPPORTED_RESOURCE, "resourceType");
        }
        return Rejected.of(Reason.FHIR_PARSE_ERROR, "");
    }

    private static String idOf(Resource r) {
        return r.hasIdElement() && r.getIdElement().hasIdPart() ? r.getIdElement().getIdPart() : null;
    }

    private void resource(Resource r, String p, FhirExtraction x) {
        FhirKeys.resource(r, x);
        walker.resource(r, p, x);
    }
}
