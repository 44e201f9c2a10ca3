package org.phigate.intake;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.phigate.schema.PhiCategory;

/** Which HL7 v2 fields carry PHI, of what kind and whose; and which carry free text. */
final class Hl7FieldRules {
    private Hl7FieldRules() {
    }

    enum Kind { NAME, PROVIDER_NAME, ADDRESS, PHONE, ID, STRING, DATE }

    record Rule(int field, Kind kind, PhiCategory category, String party) {
    }

    static final Map<String, List<Rule>> RULES = Map.of(
            "PID", List.of(
                    new Rule(2, Kind.ID, PhiCategory.MRN, "patient"),
                    new Rule(3, Kind.ID, PhiCategory.MRN, "patient"),
                    new Rule(4, Kind.ID, PhiCategory.MRN, "patient"),
                    new Rule(5, Kind.NAME, PhiCategory.NAME, "patient"),
                    new Rule(6, Kind.NAME, PhiCategory.NAME, "relative"),
                    new Rule(7, Kind.DATE, PhiCategory.DATE, "patient"),
                    new Rule(9, Kind.NAME, PhiCategory.NAME, "patient"),
                    new Rule(11, Kind.ADDRESS, PhiCategory.GEO, "patient"),
                    new Rule(13, Kind.PHONE, PhiCategory.PHONE, "patient"),
                    new Rule(14, Kind.PHONE, PhiCategory.PHONE, "patient"),
                    new Rule(18, Kind.ID, PhiCategory.ACCOUNT, "patient"),
                    new Rule(19, Kind.STRING, PhiCategory.SSN, "patient"),
                    new Rule(20, Kind.ID, PhiCategory.LICENSE, "patient"),
                    new Rule(21, Kind.ID, PhiCategory.OTHER_ID, "relative"),
                    new Rule(29, Kind.DATE, PhiCategory.DATE, "patient")),
            "NK1", List.of(
                    new Rule(2, Kind.NAME, PhiCategory.NAME, "relative"),
                    new Rule(4, Kind.ADDRESS, PhiCategory.GEO, "relative"),
                    new Rule(5, Kind.PHONE, PhiCategory.PHONE, "relative"),
                    new Rule(6, Kind.PHONE, PhiCategory.PHONE, "relative"),
                    new Rule(16, Kind.DATE, PhiCategory.DATE, "relative"),
                    new Rule(30, Kind.NAME, PhiCategory.NAME, "relative"),
                    new Rule(31, Kind.PHONE, PhiCategory.PHONE, "relative"),
                    new Rule(32, Kind.ADDRESS, PhiCategory.GEO, "relative"),
                    new Rule(33, Kind.ID, PhiCategory.OTHER_ID, "relative"),
                    new Rule(37, Kind.STRING, PhiCategory.SSN, "relative")),
            "PV1", List.of(
                    new Rule(7, Kind.PROVIDER_NAME, PhiCategory.NAME, "provider"),
                    new Rule(8, Kind.PROVIDER_NAME, PhiCategory.NAME, "provider"),
                    new Rule(9, Kind.PROVIDER_NAME, PhiCategory.NAME, "provider"),
                    new Rule(17, Kind.PROVIDER_NAME, PhiCategory.NAME, "provider"),
                    new Rule(19, Kind.ID, PhiCategory.ACCOUNT, "patient"),
                    new Rule(44, Kind.DATE, PhiCategory.DATE, "patient"),
                    new Rule(45, Kind.DATE, PhiCategory.DATE, "patient"),
                    new Rule(50, Kind.ID, PhiCategory.ACCOUNT, "patient")),
            // Guarantors and insured persons are household members more often than not: treated as "relative".
            "GT1", List.of(
                    new Rule(2, Kind.ID, PhiCategory.ACCOUNT, "relative"),
                    new Rule(3, Kind.NAME, PhiCategory.NAME, "relative"),
                    new Rule(4, Kind.NAME, PhiCategory.NAME, "relative"),
                    new Rule(5, Kind.ADDRESS, PhiCategory.GEO, "relative"),
                    new Rule(6, Kind.PHONE, PhiCategory.PHONE, "relative"),
                    new Rule(7, Kind.PHONE, PhiCategory.PHONE, "relative"),
                    new Rule(8, Kind.DATE, PhiCategory.DATE, "relative"),
                    new Rule(12, Kind.STRING, PhiCategory.SSN, "relative")),
            "IN1", List.of(
                    new Rule(16, Kind.NAME, PhiCategory.NAME, "relative"),
                    new Rule(18, Kind.DATE, PhiCategory.DATE, "relative"),
                    new Rule(19, Kind.ADDRESS, PhiCategory.GEO, "relative"),
                    new Rule(36, Kind.STRING, PhiCategory.HEALTH_PLAN_ID, "patient"),
                    new Rule(49, Kind.ID, PhiCategory.HEALTH_PLAN_ID, "patient")),
            "IN2", List.of(
                    new Rule(2, Kind.STRING, PhiCategory.SSN, "relative"),
                    new Rule(6, Kind.STRING, PhiCategory.HEALTH_PLAN_ID, "patient"),
                    new Rule(8, Kind.STRING, PhiCategory.HEALTH_PLAN_ID, "patient")),
            "MRG", List.of(
                    new Rule(1, Kind.ID, PhiCategory.MRN, "patient"),
                    new Rule(3, Kind.ID, PhiCategory.ACCOUNT, "patient"),
                    new Rule(7, Kind.NAME, PhiCategory.NAME, "patient")));

    /** Segments about people other than providers: only their explicit rules apply. */
    static final Set<String> PERSON_SEGMENTS = Set.of("PID", "NK1", "GT1", "IN1", "IN2", "MRG");

    /** Free-text fields other than OBX-5. */
    static final Map<String, int[]> TEXT_FIELDS = Map.of(
            "NTE", new int[] {3},
            "OBR", new int[] {13},
            "DG1", new int[] {4},
            "PR1", new int[] {4},
            "PV2", new int[] {12});
}
