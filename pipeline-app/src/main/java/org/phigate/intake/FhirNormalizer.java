package org.phigate.intake;

import static org.phigate.intake.FhirText.address;
import static org.phigate.intake.FhirText.charsetOf;
import static org.phigate.intake.FhirText.isText;
import static org.phigate.intake.FhirText.name;
import static org.phigate.intake.FhirText.stripTags;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.LenientErrorHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.phigate.intake.ParseResult.Reason;
import org.phigate.intake.ParseResult.Rejected;
import org.phigate.schema.PhiCategory;
import org.phigate.schema.PhiContent;
import org.phigate.schema.SourceFormat;

/**
 * FHIR R4 JSON/XML to {@link NormalizedMessage}, with the JVM's one cached {@link FhirContext}.
 * Unknown elements and invalid primitive values are tolerated (and never logged: HAPI would log
 * the values); syntax errors reject. Paths are FHIRPath expressions with 0-based indexes.
 */
final class FhirNormalizer {
    static final String FHIR_VERSION = "4.0.1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FhirContext context = FhirContext.forR4Cached();
    private final WorkflowRouter router;

    FhirNormalizer(WorkflowRouter router) {
        this.router = router;
    }

    ParseResult parse(byte[] payload, boolean json) {
        int start = Payloads.contentStart(payload);
        String text = new String(payload, start, payload.length - start, StandardCharsets.UTF_8);
        IBaseResource parsed;
        try {
            parsed = newParser(json).parseResource(text);
        } catch (RuntimeException e) {
            // HAPI messages quote content: classify without them.
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

    private IParser newParser(boolean json) {
        // Parsers are cheap and not thread-safe: one per call; the context is shared.
        IParser parser = json ? context.newJsonParser() : context.newXmlParser();
        parser.setParserErrorHandler(new LenientErrorHandler(false).setErrorOnInvalidValue(false));
        return parser;
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
        if (r instanceof DomainResource d && d.hasText() && d.getText().hasDiv()) {
            x.text(p + ".text.div", stripTags(d.getText().getDivAsString()));
        }
        if (r instanceof DomainResource d) {
            // contained resources (practitioners, patients, organizations) carry PHI that narratives repeat
            for (int i = 0; i < d.getContained().size(); i++) {
                resource(d.getContained().get(i), p + ".contained[" + i + "]", x);
            }
        }
        if (r instanceof Patient pt) {
            patient(pt, p, x);
        } else if (r instanceof Communication c) {
            subject(c.getSubject(), p + ".subject", x);
            reference(c.getSender(), p + ".sender", x);
            for (int i = 0; i < c.getRecipient().size(); i++) {
                reference(c.getRecipient().get(i), p + ".recipient[" + i + "]", x);
            }
            for (int i = 0; i < c.getPayload().size(); i++) {
                Communication.CommunicationPayloadComponent pl = c.getPayload().get(i);
                String pp = p + ".payload[" + i + "]";
                if (pl.hasContentStringType()) {
                    x.text(pp + ".contentString", pl.getContentStringType().getValue());
                } else if (pl.hasContentAttachment()) {
                    attachment(pl.getContentAttachment(), pp + ".contentAttachment", x);
                }
            }
            notes(c.getNote(), p, x);
        } else if (r instanceof DocumentReference dr) {
            subject(dr.getSubject(), p + ".subject", x);
            for (int i = 0; i < dr.getAuthor().size(); i++) {
                reference(dr.getAuthor().get(i), p + ".author[" + i + "]", x);
            }
            x.text(p + ".description", dr.getDescription());
            for (int i = 0; i < dr.getContent().size(); i++) {
                attachment(dr.getContent().get(i).getAttachment(), p + ".content[" + i + "].attachment", x);
            }
            if (dr.hasContext() && dr.getContext().hasSourcePatientInfo()) {
                subject(dr.getContext().getSourcePatientInfo(), p + ".context.sourcePatientInfo", x);
            }
        } else if (r instanceof DiagnosticReport dr) {
            subject(dr.getSubject(), p + ".subject", x);
            for (int i = 0; i < dr.getPerformer().size(); i++) {
                reference(dr.getPerformer().get(i), p + ".performer[" + i + "]", x);
            }
            for (int i = 0; i < dr.getResultsInterpreter().size(); i++) {
                reference(dr.getResultsInterpreter().get(i), p + ".resultsInterpreter[" + i + "]", x);
            }
            x.text(p + ".conclusion", dr.getConclusion());
            for (int i = 0; i < dr.getPresentedForm().size(); i++) {
                attachment(dr.getPresentedForm().get(i), p + ".presentedForm[" + i + "]", x);
            }
        } else if (r instanceof Observation o) {
            subject(o.getSubject(), p + ".subject", x);
            for (int i = 0; i < o.getPerformer().size(); i++) {
                reference(o.getPerformer().get(i), p + ".performer[" + i + "]", x);
            }
            if (o.hasValueStringType()) {
                x.text(p + ".valueString", o.getValueStringType().getValue());
            }
            for (int i = 0; i < o.getComponent().size(); i++) {
                if (o.getComponent().get(i).hasValueStringType()) {
                    x.text(p + ".component[" + i + "].valueString", o.getComponent().get(i).getValueStringType().getValue());
                }
            }
            notes(o.getNote(), p, x);
        } else if (r instanceof Encounter e) {
            subject(e.getSubject(), p + ".subject", x);
            for (int i = 0; i < e.getParticipant().size(); i++) {
                reference(e.getParticipant().get(i).getIndividual(), p + ".participant[" + i + "].individual", x);
            }
            if (e.hasPeriod()) {
                x.field(p + ".period.start", PhiCategory.DATE, e.getPeriod().getStartElement().getValueAsString(), "patient");
                x.field(p + ".period.end", PhiCategory.DATE, e.getPeriod().getEndElement().getValueAsString(), "patient");
            }
            for (int i = 0; i < e.getLocation().size(); i++) {
                Reference loc = e.getLocation().get(i).getLocation();
                x.field(p + ".location[" + i + "].location.display", PhiCategory.GEO, loc.getDisplay(), "organization");
            }
        } else if (r instanceof Composition c) {
            subject(c.getSubject(), p + ".subject", x);
            for (int i = 0; i < c.getAuthor().size(); i++) {
                reference(c.getAuthor().get(i), p + ".author[" + i + "]", x);
            }
            x.text(p + ".title", c.getTitle());
            sections(c.getSection(), p + ".section", x, 0);
        } else if (r instanceof Practitioner pr) {
            person(pr.getName(), pr.getTelecom(), pr.getAddress(), p, "provider", x);
        } else if (r instanceof RelatedPerson rp) {
            person(rp.getName(), rp.getTelecom(), rp.getAddress(), p, "relative", x);
        } else if (r instanceof org.hl7.fhir.r4.model.Organization o) {
            // named facilities (hospitals, clinics, pharmacies) are GEO identifiers under Safe Harbor
            x.field(p + ".name", PhiCategory.GEO, o.getName(), "organization");
            telecoms(o.getTelecom(), p + ".telecom", "organization", x);
            for (int i = 0; i < o.getAddress().size(); i++) {
                x.field(p + ".address[" + i + "]", PhiCategory.GEO, address(o.getAddress().get(i)), "organization");
            }
        } else if (r instanceof org.hl7.fhir.r4.model.Location l) {
            x.field(p + ".name", PhiCategory.GEO, l.getName(), "organization");
            telecoms(l.getTelecom(), p + ".telecom", "organization", x);
            if (l.hasAddress()) {
                x.field(p + ".address", PhiCategory.GEO, address(l.getAddress()), "organization");
            }
        } else if (r instanceof Binary b) {
            if (isText(b.getContentType()) && b.hasData()) {
                x.text(p + ".data", new String(b.getData(), charsetOf(b.getContentType())));
            }
        }
    }

    private void patient(Patient pt, String p, FhirExtraction x) {
        reference(pt.getManagingOrganization(), p + ".managingOrganization", x);
        for (int i = 0; i < pt.getIdentifier().size(); i++) {
            Identifier id = pt.getIdentifier().get(i);
            x.field(p + ".identifier[" + i + "].value", FhirExtraction.identifierCategory(id), id.getValue(), "patient");
            if (x.patientKey == null && id.hasValue() && !id.getValue().isBlank()) {
                x.patientKey = id.getValue();
            }
        }
        if (x.patientKey == null && idOf(pt) != null) {
            x.patientKey = idOf(pt);
        }
        for (int i = 0; i < pt.getName().size(); i++) {
            x.field(p + ".name[" + i + "]", PhiCategory.NAME, name(pt.getName().get(i)), "patient");
        }
        telecoms(pt.getTelecom(), p + ".telecom", "patient", x);
        for (int i = 0; i < pt.getAddress().size(); i++) {
            x.field(p + ".address[" + i + "]", PhiCategory.GEO, address(pt.getAddress().get(i)), "patient");
        }
        if (pt.hasBirthDateElement()) {
            x.field(p + ".birthDate", PhiCategory.DATE, pt.getBirthDateElement().getValueAsString(), "patient");
        }
        if (pt.hasDeceasedDateTimeType()) {
            x.field(p + ".deceasedDateTime", PhiCategory.DATE, pt.getDeceasedDateTimeType().getValueAsString(), "patient");
        }
        for (int i = 0; i < pt.getContact().size(); i++) {
            Patient.ContactComponent c = pt.getContact().get(i);
            String cp = p + ".contact[" + i + "]";
            if (c.hasName()) {
                x.field(cp + ".name", PhiCategory.NAME, name(c.getName()), "relative");
            }
            telecoms(c.getTelecom(), cp + ".telecom", "relative", x);
            if (c.hasAddress()) {
                x.field(cp + ".address", PhiCategory.GEO, address(c.getAddress()), "relative");
            }
        }
        for (int i = 0; i < pt.getGeneralPractitioner().size(); i++) {
            reference(pt.getGeneralPractitioner().get(i), p + ".generalPractitioner[" + i + "]", x);
        }
    }

    private void person(List<HumanName> names, List<ContactPoint> telecom, List<Address> addresses, String p,
            String party, FhirExtraction x) {
        for (int i = 0; i < names.size(); i++) {
            x.field(p + ".name[" + i + "]", PhiCategory.NAME, name(names.get(i)), party);
        }
        telecoms(telecom, p + ".telecom", party, x);
        for (int i = 0; i < addresses.size(); i++) {
            x.field(p + ".address[" + i + "]", PhiCategory.GEO, address(addresses.get(i)), party);
        }
    }

    private void telecoms(List<ContactPoint> telecoms, String p, String party, FhirExtraction x) {
        for (int i = 0; i < telecoms.size(); i++) {
            ContactPoint cp = telecoms.get(i);
            PhiCategory category = PhiCategory.PHONE;
            // An invalid code leaves hasSystem() true and getSystem() null under the lenient handler.
            if (cp.getSystem() != null) {
                category = switch (cp.getSystem()) {
                    case EMAIL -> PhiCategory.EMAIL;
                    case FAX -> PhiCategory.FAX;
                    case URL -> PhiCategory.URL;
                    default -> PhiCategory.PHONE;
                };
            }
            if (cp.hasValue() && cp.getValue().contains("@") && category == PhiCategory.PHONE) {
                category = PhiCategory.EMAIL;
            }
            x.field(p + "[" + i + "]", category, cp.getValue(), party);
        }
    }

    /** A reference's display is a name; its party follows the referenced type. */
    private void reference(Reference ref, String p, FhirExtraction x) {
        if (ref == null || !ref.hasDisplay()) {
            return;
        }
        String target = ref.hasReference() ? ref.getReference() : ref.hasType() ? ref.getType() : "";
        String party = target.contains("Patient") ? "patient"
                : target.contains("RelatedPerson") ? "relative"
                : target.contains("Organization") ? "organization" : "provider";
        x.field(p + ".display", PhiCategory.NAME, ref.getDisplay(), party);
    }

    /** The subject of a clinical resource: its display is the patient's name and it can key the patient. */
    private void subject(Reference ref, String p, FhirExtraction x) {
        if (ref == null || ref.isEmpty()) {
            return;
        }
        x.field(p + ".display", PhiCategory.NAME, ref.getDisplay(), "patient");
        if (ref.hasIdentifier() && ref.getIdentifier().hasValue()) {
            x.field(p + ".identifier.value", PhiCategory.MRN, ref.getIdentifier().getValue(), "patient");
        }
        if (x.subjectKey == null) {
            if (ref.hasIdentifier() && ref.getIdentifier().hasValue()) {
                x.subjectKey = ref.getIdentifier().getValue();
            } else if (ref.hasReference() && ref.getReferenceElement().hasIdPart()
                    && "Patient".equals(ref.getReferenceElement().getResourceType())) {
                x.subjectKey = ref.getReferenceElement().getIdPart();
            }
        }
    }

    private void attachment(Attachment a, String p, FhirExtraction x) {
        if (a == null) {
            return;
        }
        x.text(p + ".title", a.getTitle());
        if (a.hasData() && isText(a.getContentType())) {
            x.text(p + ".data", new String(a.getData(), charsetOf(a.getContentType())));
        }
        if (a.hasUrl() && !a.getUrl().startsWith("#")) {
            x.field(p + ".url", PhiCategory.URL, a.getUrl(), "organization");
        }
    }

    private void notes(List<Annotation> notes, String p, FhirExtraction x) {
        for (int i = 0; i < notes.size(); i++) {
            Annotation n = notes.get(i);
            x.text(p + ".note[" + i + "].text", n.getText());
            if (n.hasAuthorStringType()) {
                x.field(p + ".note[" + i + "].authorString", PhiCategory.NAME, n.getAuthorStringType().getValue(), "provider");
            }
        }
    }

    private void sections(List<Composition.SectionComponent> sections, String p, FhirExtraction x, int depth) {
        if (depth > 10) {
            return;
        }
        for (int i = 0; i < sections.size(); i++) {
            Composition.SectionComponent s = sections.get(i);
            String sp = p + "[" + i + "]";
            x.text(sp + ".title", s.getTitle());
            if (s.hasText() && s.getText().hasDiv()) {
                x.text(sp + ".text.div", stripTags(s.getText().getDivAsString()));
            }
            sections(s.getSection(), sp + ".section", x, depth + 1);
        }
    }
}
