package org.phigate.intake;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.phigate.schema.SourceFormat;

/**
 * Chooses the workflow (which AI step and review queue) for a normalized message.
 *
 * <p>An immutable table of rules keyed by {@code <format>:<type>}:
 * <ul>
 *   <li>HL7 v2: {@code HL7V2:ADT^A01} (message code and trigger event) is tried first, then
 *       {@code HL7V2:ADT} (message code only);</li>
 *   <li>FHIR R4: {@code FHIR_R4:<resourceType>}.</li>
 * </ul>
 * A Bundle takes the workflow of its most specific entry: the entry resource type that comes first
 * in {@code bundlePriority} and has a rule. Anything unmatched gets {@code fallback}.
 */
public final class WorkflowRouter {

    /** Workflow of messages no rule matches. */
    public static final String UNROUTED = "unrouted";

    private static final List<String> DEFAULT_BUNDLE_PRIORITY = List.of(
            "Communication", "DocumentReference", "Composition", "DiagnosticReport", "Observation",
            "ServiceRequest", "MedicationRequest", "Immunization", "Appointment", "Encounter", "Patient");

    private static final WorkflowRouter DEFAULTS = new WorkflowRouter(defaultRules(), DEFAULT_BUNDLE_PRIORITY, UNROUTED);

    private final Map<String, String> rules;
    private final List<String> bundlePriority;
    private final String fallback;

    private WorkflowRouter(Map<String, String> rules, List<String> bundlePriority, String fallback) {
        this.rules = Map.copyOf(rules);
        this.bundlePriority = List.copyOf(bundlePriority);
        this.fallback = Objects.requireNonNull(fallback, "fallback");
    }

    /** The default rules of the PHIGate design. */
    public static WorkflowRouter defaults() {
        return DEFAULTS;
    }

    /**
     * A router from configuration.
     *
     * @param rules          {@code HL7V2:ORU -> result-follow-up}, {@code FHIR_R4:Communication -> message-triage}, ...
     * @param bundlePriority FHIR resource types, most specific first, used to route Bundles
     * @param fallback       workflow when no rule matches
     */
    public static WorkflowRouter fromMap(Map<String, String> rules, List<String> bundlePriority, String fallback) {
        Map<String, String> normalized = new LinkedHashMap<>();
        rules.forEach((k, v) -> normalized.put(normalizeKey(k), Objects.requireNonNull(v, "workflow for " + k)));
        return new WorkflowRouter(normalized, bundlePriority, fallback);
    }

    /** A router from configuration with the default Bundle priority and fallback. */
    public static WorkflowRouter fromMap(Map<String, String> rules) {
        return fromMap(rules, DEFAULT_BUNDLE_PRIORITY, UNROUTED);
    }

    /** The rule table (immutable). */
    public Map<String, String> rules() {
        return rules;
    }

    /** The workflow of a single HL7 v2 message or FHIR resource (not a Bundle: see {@link #routeBundle}). */
    public String route(SourceFormat format, String messageType) {
        if (messageType == null) {
            return fallback;
        }
        if (format == SourceFormat.HL7V2) {
            String exact = rules.get(key(format, messageType));
            if (exact != null) {
                return exact;
            }
            int caret = messageType.indexOf('^');
            String code = caret < 0 ? messageType : messageType.substring(0, caret);
            return rules.getOrDefault(key(format, code), fallback);
        }
        return rules.getOrDefault(key(format, messageType), fallback);
    }

    /** The workflow of a FHIR Bundle whose entries have the given resource types. */
    public String routeBundle(Collection<String> entryResourceTypes) {
        for (String type : bundlePriority) {
            if (entryResourceTypes.contains(type)) {
                String workflow = rules.get(key(SourceFormat.FHIR_R4, type));
                if (workflow != null) {
                    return workflow;
                }
            }
        }
        for (String type : entryResourceTypes) {
            String workflow = rules.get(key(SourceFormat.FHIR_R4, type));
            if (workflow != null) {
                return workflow;
            }
        }
        return fallback;
    }

    private static String key(SourceFormat format, String type) {
        return format.name() + ":" + type.toUpperCase(Locale.ROOT);
    }

    private static String normalizeKey(String key) {
        int colon = key.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("rule key must be <HL7V2|FHIR_R4>:<type>: " + key);
        }
        SourceFormat format = SourceFormat.valueOf(key.substring(0, colon).trim());
        return key(format, key.substring(colon + 1).trim());
    }

    private static Map<String, String> defaultRules() {
        Map<String, String> r = new LinkedHashMap<>();
        r.put(key(SourceFormat.HL7V2, "ADT"), "registration");
        r.put(key(SourceFormat.HL7V2, "ORU"), "result-follow-up");
        r.put(key(SourceFormat.HL7V2, "MDM"), "note-summary");
        r.put(key(SourceFormat.HL7V2, "SIU"), "scheduling");
        r.put(key(SourceFormat.HL7V2, "ORM"), "orders");
        r.put(key(SourceFormat.HL7V2, "OML"), "orders");
        r.put(key(SourceFormat.HL7V2, "VXU"), "immunization");
        r.put(key(SourceFormat.FHIR_R4, "Communication"), "message-triage");
        r.put(key(SourceFormat.FHIR_R4, "DocumentReference"), "note-summary");
        r.put(key(SourceFormat.FHIR_R4, "Composition"), "note-summary");
        r.put(key(SourceFormat.FHIR_R4, "DiagnosticReport"), "result-follow-up");
        r.put(key(SourceFormat.FHIR_R4, "Observation"), "result-follow-up");
        r.put(key(SourceFormat.FHIR_R4, "ServiceRequest"), "orders");
        r.put(key(SourceFormat.FHIR_R4, "MedicationRequest"), "orders");
        r.put(key(SourceFormat.FHIR_R4, "Immunization"), "immunization");
        r.put(key(SourceFormat.FHIR_R4, "Appointment"), "scheduling");
        r.put(key(SourceFormat.FHIR_R4, "Encounter"), "registration");
        r.put(key(SourceFormat.FHIR_R4, "Patient"), "registration");
        return r;
    }
}
