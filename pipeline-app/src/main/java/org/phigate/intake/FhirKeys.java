package org.phigate.intake;

import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Who a FHIR payload is about, independent of the PHI rules: the first Patient identifier value (else the Patient's
 * id), and the first subject of a clinical resource (identifier value, else a Patient reference's id). Contained
 * resources are looked at before the resource that contains them.
 */
final class FhirKeys {
    private FhirKeys() {
    }

    static void resource(Resource r, FhirExtraction x) {
        if (r instanceof DomainResource d) {
            d.getContained().forEach(c -> resource(c, x));
        }
        if (r instanceof Patient pt) {
            for (Identifier id : pt.getIdentifier()) {
                if (x.patientKey == null && id.hasValue() && !id.getValue().isBlank()) {
                    x.patientKey = id.getValue();
                }
            }
            if (x.patientKey == null && pt.hasIdElement() && pt.getIdElement().hasIdPart()) {
                x.patientKey = pt.getIdElement().getIdPart();
            }
        } else if (r instanceof Communication c) {
            subject(c.getSubject(), x);
        } else if (r instanceof DocumentReference dr) {
            subject(dr.getSubject(), x);
            if (dr.hasContext() && dr.getContext().hasSourcePatientInfo()) {
                subject(dr.getContext().getSourcePatientInfo(), x);
            }
        } else if (r instanceof DiagnosticReport dr) {
            subject(dr.getSubject(), x);
        } else if (r instanceof Observation o) {
            subject(o.getSubject(), x);
        } else if (r instanceof Encounter e) {
            subject(e.getSubject(), x);
        } else if (r instanceof Composition c) {
            subject(c.getSubject(), x);
        }
    }

    private static void subject(Reference ref, FhirExtraction x) {
        if (ref == null || ref.isEmpty() || x.subjectKey != null) {
            return;
        }
        if (ref.hasIdentifier() && ref.getIdentifier().hasValue()) {
            x.subjectKey = ref.getIdentifier().getValue();
        } else if (ref.hasReference() && ref.getReferenceElement().hasIdPart()
                && "Patient".equals(ref.getReferenceElement().getResourceType())) {
            x.subjectKey = ref.getReferenceElement().getIdPart();
        }
    }
}
