package org.phigate.intake;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hl7.fhir.r4.model.Identifier;
import org.phigate.intake.rules.FhirRule;
import org.phigate.schema.PhiCategory;
import org.phigate.schema.StructuredField;
import org.phigate.schema.TextPart;

/** What one FHIR payload yields while its resources are walked: PHI fields, text parts and patient keys. */
final class FhirExtraction {
    final List<StructuredField> fields = new ArrayList<>();
    final List<TextPart> texts = new ArrayList<>();
    String patientKey;
    String subjectKey;

    /** A PHI field; {@code rule} gives the action its method asks for (none when it has no method). */
    void field(FhirRule rule, String path, PhiCategory category, String value, String party) {
        if (value != null && !value.isBlank()) {
            String action = rule.method() == null ? null : rule.method().action();
            fields.add(new StructuredField(path, category, value.trim(), party, action));
        }
    }

    void text(String path, String value) {
        if (value != null && !value.isBlank()) {
            texts.add(new TextPart(path, value.strip()));
        }
    }

    /** The category an identifier's type or system says, else {@code dflt} (untyped) or MRN/OTHER_ID. */
    static PhiCategory identifierCategory(Identifier id, PhiCategory dflt) {
        String system = id.hasSystem() ? id.getSystem().toLowerCase(Locale.ROOT) : "";
        String type = id.hasType() && id.getType().hasCoding() ? id.getType().getCodingFirstRep().getCode() : "";
        type = type == null ? "" : type.toUpperCase(Locale.ROOT);
        if (system.contains("us-ssn") || "SS".equals(type) || "SB".equals(type)) {
            return PhiCategory.SSN;
        }
        if ("DL".equals(type) || system.contains("driver")) {
            return PhiCategory.LICENSE;
        }
        if ("AN".equals(type) || "VN".equals(type)) {
            return PhiCategory.ACCOUNT;
        }
        if ("MC".equals(type) || "MA".equals(type) || "NH".equals(type) || "JHN".equals(type) || "SN".equals(type)) {
            return PhiCategory.HEALTH_PLAN_ID;
        }
        if (type.isEmpty()) {
            return dflt;
        }
        return "MR".equals(type) || "MRN".equals(type) || "PI".equals(type) || "PT".equals(type)
                ? PhiCategory.MRN : PhiCategory.OTHER_ID;
    }
}
