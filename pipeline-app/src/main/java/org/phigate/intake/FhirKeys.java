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
 * Who a FHIR payload is about, independent of the PHI rules: the Patient's medical record number (an identifier typed
 * MR), else its first identifier value, else its id; and the first subject of a clinical resource (identifier value,
 * else a Patient reference's id). Contained resources are looked at before the resource that contains them.
 */
final class FhirKeys {
    private FhirKeys() {
    }

    static void resource(Resource r, FhirExtraction x) {
        if (r instanceof DomainResource d) {
            d.getContained().forEach(c -> resource(c, x));
        }
        if (r instanceof Patient pt) {
            // the medical record number first, as HL7 v2 intake keys PID-3 by its MR id: the same person then has
            // the same key (tokens, date shift, remembered identifiers) whichever format an event comes in
            for (Identifier id : pt.getIdentifier()) {
                if (x.patientKey == null && usable(id) && medicalRecordNumber(id)) {
                    x.patientKey = id.getValue();
                }
            }
            for (Identifier id : pt.getIdentifier()) {
                if (x.patientKey == null && usable(id)) {
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

    private static boolean usable(Identifier id) {
        return id.hasValue() && !id.getValue().isBlank();
    }

    /** Typed MR (v2 table 0203, any system that spells the code so). */
    private static boolean medicalRecordNumber(Identifier id) {
        return id.hasType() && id.getType().getCoding().stream().anyMatch(c -> "MR".equals(c.getCode()));
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
