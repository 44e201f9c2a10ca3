package org.phigate.intake;

import static org.phigate.intake.Hl7Values.comp;
import static org.phigate.intake.Hl7Values.flatten;
import static org.phigate.intake.Hl7Values.flattenSegment;
import static org.phigate.intake.Hl7Values.join;
import static org.phigate.intake.Hl7Values.unwrap;

import static org.phigate.intake.Er7Preprocessing.decode;
import static org.phigate.intake.Er7Preprocessing.mshField;
import static org.phigate.intake.Er7Preprocessing.normalizeSegments;
import static org.phigate.intake.Er7Preprocessing.safeLocation;
import static org.phigate.intake.Er7Preprocessing.validEncoding;

import org.phigate.intake.rules.Hl7Rule;
import org.phigate.intake.rules.Hl7Rule.Kind;
import org.phigate.intake.rules.StructuredRules;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.GenericSegment;
import ca.uhn.hl7v2.model.Group;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.model.Structure;
import ca.uhn.hl7v2.model.Type;
import ca.uhn.hl7v2.parser.PipeParser;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.phigate.intake.ParseResult.Reason;
import org.phigate.intake.ParseResult.Rejected;
import org.phigate.schema.PhiCategory;
import org.phigate.schema.PhiContent;
import org.phigate.schema.SourceFormat;
import org.phigate.schema.StructuredField;
import org.phigate.schema.TextPart;

/**
 * HL7 v2 (ER7) to {@link NormalizedMessage}. Every supported version (2.3 to 2.8) is parsed into the
 * HAPI v2.6 model without validation, so real-world quirks survive; the version string as sent is
 * kept. Segments HAPI does not know at that position (Z-segments, 2.7+ segments, misplaced
 * segments) become text parts so PHI detection still sees them; field rules for them (PRT-5, a site's ZPI-3)
 * apply too. Which fields are PHI comes from the {@link StructuredRules} ({@code hl7v2} section).
 *
 * <p>Paths: {@code SEG-f} for the first occurrence of a segment and first repetition of a field;
 * {@code SEG[n]-f} for the n-th occurrence (1-based, message order) and {@code SEG-f(r)} for the
 * r-th repetition (1-based). Z/unknown segments as a whole: {@code ZXX} / {@code ZXX[n]}.
 */
final class Hl7v2Normalizer {

    /** Message codes whose events are about one patient: without a PID they cannot be de-identified per patient. */
    private static final Set<String> NEEDS_PATIENT = Set.of("ADT", "ORU", "MDM", "VXU", "ORM", "OML");
    private static final Set<String> TEXT_VALUE_TYPES = Set.of("TX", "FT", "ST");
    private static final Set<String> CODED_VALUE_TYPES = Set.of("CE", "CWE", "CNE");
    private static final Pattern HAS_DIGIT = Pattern.compile(".*\\d.*");

    /**
     * One parser per thread: a PipeParser fills its cache of message-structure definitions without synchronization,
     * and concurrent first parses of a structure on one parser fail (HAPI 2.6.0, NullPointerException in
     * IStructureDefinition), which turned valid messages into HL7_PARSE_ERROR dead letters right after a start.
     */
    private final ThreadLocal<PipeParser> parser = ThreadLocal.withInitial(Hl7Parsing::pipeParser);
    private final WorkflowRouter router;
    private final StructuredRules rules;
    private final Hl7VersionRange versions;
    private final Hl7SizeBound sizeBound;

    Hl7v2Normalizer(WorkflowRouter router, StructuredRules rules, Hl7VersionRange versions) {
        this.versions = versions;
        this.sizeBound = new Hl7SizeBound(rules);
        this.router = router;
        this.rules = rules;
    }

    ParseResult parse(byte[] payload) {
        return parse(payload, null);
    }

    /**
     * As {@link #parse(byte[])}, but for an edge's screen: when {@code fitsUnwalked} accepts the message with only a
     * bound of its PHI's size ({@link Hl7SizeBound}), the walk is skipped and the message carries that bound instead
     * of its PHI; the decisions (rejections, the patient check) are the same as the walk's. Null: always walk.
     */
    ParseResult parse(byte[] payload, java.util.function.Predicate<NormalizedMessage> fitsUnwalked) {
        String decoded = decode(payload);
        // a NUL byte decodes to U+0000 in either charset, and none precedes the decoded text (String.indexOf is
        // vectorized, a loop over the bytes is not)
        if (decoded.indexOf('\u0000') >= 0) {
            return Rejected.of(Reason.HL7_ILLEGAL_CHARACTER, "");
        }
        String text = normalizeSegments(decoded);
        if (!text.startsWith("MSH") || text.length() < 8) {
            return Rejected.of(Reason.HL7_MISSING_MSH, "MSH");
        }
        char fs = text.charAt(3);
        int mshEnd = text.indexOf('\r');
        String msh = mshEnd < 0 ? text : text.substring(0, mshEnd);
        String[] mshFields = Hl7Encoding.split(msh, fs);
        if (!validEncoding(fs, mshFields.length > 1 ? mshFields[1] : "")) {
            return Rejected.of(Reason.HL7_BAD_ENCODING_CHARACTERS, "MSH-2");
        }
        char comp = mshFields[1].charAt(0);
        String messageType = mshField(mshFields, 9, comp);
        String[] typeParts = Hl7Encoding.split(messageType, comp);
        if (typeParts[0].isBlank()) {
            return Rejected.of(Reason.HL7_MISSING_MESSAGE_TYPE, "MSH-9");
        }
        String version = mshField(mshFields, 12, comp);
        int versionEnd = version.indexOf(comp);
        version = (versionEnd < 0 ? version : version.substring(0, versionEnd)).trim();
        if (!versions.contains(version)) {
            return versions.refusal();
        }
        String controlId = mshField(mshFields, 10, comp).trim();

        Message message;
        try {
            message = parser.get().parse(text);
        } catch (HL7Exception | RuntimeException e) {
            // HAPI messages quote field values: never pass them on; point at a segment at most.
            return Rejected.of(Reason.HL7_PARSE_ERROR, safeLocation(e));
        }

        String code = typeParts[0].trim();
        String trigger = typeParts.length > 1 ? typeParts[1].trim() : "";
        String normalizedType = trigger.isEmpty() ? code : code + "^" + trigger;
        String sourceMessageId = controlId.isEmpty() ? Payloads.sha256Id(payload) : controlId;
        // MSH-3, MSH-4 and MSH-10 name a message; the hash of everything after MSH keeps a different message that
        // reuses a control id (a sender bug) from being dropped, while a resend with a fresh MSH-7 still matches.
        String body = mshEnd < 0 ? "" : text.substring(mshEnd);
        String dedupKey = "HL7V2|" + mshField(mshFields, 3, comp).trim() + "|" + mshField(mshFields, 4, comp).trim()
                + "|" + sourceMessageId + "|" + Payloads.sha256Id(body);
        String workflow = router.route(SourceFormat.HL7V2, normalizedType);
        boolean needsPatient = NEEDS_PATIENT.contains(code.toUpperCase(Locale.ROOT));

        if (fitsUnwalked != null) {
            NormalizedMessage screened = new NormalizedMessage(SourceFormat.HL7V2, normalizedType, version,
                    sourceMessageId, workflow, null, dedupKey, sizeBound.of(text, fs, mshFields[1].charAt(1)));
            if (fitsUnwalked.test(screened)) {
                // the walk's only other decision: the patient check, made on the same segments it visits
                return needsPatient && !hasPatient(message) ? Rejected.of(Reason.MISSING_PATIENT, "PID")
                        : new ParseResult.Parsed(screened);
            }
        }

        Hl7Extraction x = new Hl7Extraction(mshFields[1], fs);
        try {
            walk(message, x);
        } catch (HL7Exception | RuntimeException e) {
            return Rejected.of(Reason.HL7_PARSE_ERROR, "");
        }
        if (!x.pidSeen && needsPatient) {
            return Rejected.of(Reason.MISSING_PATIENT, "PID");
        }
        // No patient identifier at all (no PID, or a PID without ids): key by a hash of the message id, so
        // tokens and date shifts stay consistent within this message but link to no other patient.
        String patientKey = x.patientKey != null ? x.patientKey : "unknown:" + Payloads.sha256Id(sourceMessageId);
        PhiContent phi = PhiContent.newBuilder()
                .setPatientKey(patientKey)
                .setFields(x.fields)
                .setTextParts(x.texts)
                .build();
        return new ParseResult.Parsed(new NormalizedMessage(SourceFormat.HL7V2, normalizedType, version,
                sourceMessageId, workflow, phi, dedupKey));
    }

    /** Whether the walk would see a patient: a non-empty PID segment anywhere in the message's structure. */
    static boolean hasPatient(Group group) {
        try {
            for (String name : group.getNames()) {
                for (Structure s : group.getAll(name)) {
                    if (s instanceof Group g ? hasPatient(g) : s instanceof Segment seg && isPatient(seg)) {
                        return true;
                    }
                }
            }
            return false;
        } catch (HL7Exception e) {
            return false; // getAll of a name getNames returned: never expected
        }
    }

    private static boolean isPatient(Segment seg) throws HL7Exception {
        return "PID".equals(seg.getName()) && !seg.isEmpty();
    }

    private void walk(Group group, Hl7Extraction x) throws HL7Exception {
        for (String name : group.getNames()) {
            for (Structure s : group.getAll(name)) {
                if (s instanceof Group g) {
                    walk(g, x);
                } else if (s instanceof Segment seg && !seg.isEmpty()) {
                    segment(seg, x);
                }
            }
        }
        if (group instanceof Message && x.patientKey == null) {
            // First PID-3 id typed MR is the key, else the first typed PI/PT/PN or untyped; else any PID-3 id; else
            // PID-2/PID-4.
            x.patientKey = x.fallbackKey3 != null ? x.fallbackKey3 : x.fallbackKey;
        }
    }

    private void segment(Segment seg, Hl7Extraction x) throws HL7Exception {
        String name = seg.getName();
        int occurrence = x.occurrences.merge(name, 1, Integer::sum);
        String prefix = occurrence == 1 ? name : name + "[" + occurrence + "]";
        if ("PID".equals(name)) {
            x.pidSeen = true; // the walk visits non-empty segments only, as isPatient requires
        }
        Set<Integer> explicit = new HashSet<>();
        for (Hl7Rule rule : rules.hl7Rules(name)) {
            explicit.add(rule.field());
            if (!rule.kept() && rule.field() <= seg.numFields()) {
                apply(seg, prefix, rule, x);
            }
        }
        if ("MSH".equals(name)) {
            return;
        }
        if (seg instanceof GenericSegment) {
            String content = flattenSegment(seg, x);
            if (!content.isBlank()) {
                x.texts.add(new TextPart(prefix, content));
            }
            return;
        }
        if (!rules.personSegment(name)) {
            genericTyped(seg, prefix, explicit, x);
        }
    }

    private void apply(Segment seg, String prefix, Hl7Rule rule, Hl7Extraction x) throws HL7Exception {
        String fieldPath = prefix + "-" + rule.field();
        if (rule.kind() == Kind.OBSERVATION_VALUE) {
            obxText(seg, fieldPath, rule.field(), x);
        } else if (rule.kind() == Kind.TEXT) {
            List<String> parts = new ArrayList<>();
            for (Type t : seg.getField(rule.field())) {
                String v = flatten(t, x, " ");
                if (!v.isBlank()) {
                    parts.add(v);
                }
            }
            if (!parts.isEmpty()) {
                x.texts.add(new TextPart(fieldPath, String.join("\n", parts)));
            }
        } else {
            Type[] reps = seg.getField(rule.field());
            for (int r = 0; r < reps.length; r++) {
                extract(seg.getName(), fieldPath + (r == 0 ? "" : "(" + (r + 1) + ")"), reps[r], rule, x);
            }
        }
    }

    /** Datatype-driven extraction in non-person segments: names, phones and addresses wherever they occur. */
    private void genericTyped(Segment seg, String prefix, Set<Integer> explicit, Hl7Extraction x) throws HL7Exception {
        for (int f = 1; f <= seg.numFields(); f++) {
            if (explicit.contains(f)) {
                continue;
            }
            Type[] reps = seg.getField(f);
            for (int r = 0; r < reps.length; r++) {
                Type t = unwrap(reps[r]);
                Hl7Rule typeRule = rules.hl7Type(t.getName());
                if (typeRule != null && !typeRule.kept() && !typeRule.isText()) {
                    extract(seg.getName(), prefix + "-" + f + (r == 0 ? "" : "(" + (r + 1) + ")"), t,
                        typeRule.at(seg.getName(), f), x);
                }
            }
        }
    }

    private void extract(String segName, String path, Type type, Hl7Rule rule, Hl7Extraction x) {
        Type t = unwrap(type);
        PhiCategory category = rule.category();
        String value;
        switch (rule.kind()) {
            case NAME -> value = join(" ", comp(t, 1, x), comp(t, 2, x), comp(t, 3, x), comp(t, 4, x));
            case PROVIDER_NAME -> {
                String n = join(" ", comp(t, 2, x), comp(t, 3, x), comp(t, 4, x), comp(t, 5, x));
                // Some senders put a bare name in the first component.
                value = n.isBlank() && !HAS_DIGIT.matcher(comp(t, 1, x)).matches() ? comp(t, 1, x) : n;
            }
            case ADDRESS -> value = join(", ", comp(t, 1, x), comp(t, 2, x), comp(t, 3, x), comp(t, 4, x),
                    comp(t, 5, x), comp(t, 9, x));
            case PHONE -> {
                String email = comp(t, 4, x);
                String equipment = comp(t, 3, x).toUpperCase(Locale.ROOT);
                if (email.contains("@")) {
                    value = email;
                    category = PhiCategory.EMAIL;
                } else {
                    String number = comp(t, 1, x);
                    if (number.isBlank()) {
                        number = join(" ", comp(t, 5, x), comp(t, 6, x), comp(t, 7, x));
                        String ext = comp(t, 8, x);
                        if (!ext.isBlank() && !number.isBlank()) {
                            number = number + " x" + ext;
                        }
                    }
                    value = number;
                    if (number.contains("@")) {
                        category = PhiCategory.EMAIL;
                    } else if ("FX".equals(equipment)) {
                        category = PhiCategory.FAX;
                    }
                }
            }
            case ID -> {
                value = comp(t, 1, x);
                category = idCategory(comp(t, 5, x), rule.category());
            }
            case DATE, ORGANIZATION -> value = comp(t, 1, x);
            default -> value = flatten(t, x, " ");
        }
        value = value.trim();
        if (value.isEmpty() || "\"\"".equals(value)) {
            return;
        }
        x.fields.add(new StructuredField(path, category, value, rule.party(),
            rule.method() == null ? null : rule.method().action()));
        if ("PID".equals(segName) && rule.kind() == Kind.ID && rule.field() <= 4) {
            // an id typed MR wins over an earlier PI/PT/untyped one, as FHIR intake prefers the MR identifier
            if (rule.field() == 3 && category == PhiCategory.MRN && path.startsWith("PID-")
                    && "MR".equalsIgnoreCase(comp(t, 5, x).trim())) {
                x.patientKey = x.typedMrKey ? x.patientKey : value;
                x.typedMrKey = true;
            } else if (rule.field() == 3 && category == PhiCategory.MRN && x.patientKey == null) {
                x.patientKey = value;
            } else if (rule.field() == 3 && x.fallbackKey3 == null) {
                x.fallbackKey3 = value;
            } else if (x.fallbackKey == null) {
                x.fallbackKey = value;
            }
        }
    }

    /** Identifier type code (CX-5) refines the default category: an SSN in PID-3 is an SSN, not an MRN. */
    private static PhiCategory idCategory(String typeCode, PhiCategory dflt) {
        return switch (typeCode.trim().toUpperCase(Locale.ROOT)) {
            case "SS", "SSN" -> PhiCategory.SSN;
            case "DL" -> PhiCategory.LICENSE;
            case "AN", "VN", "AC", "AM", "AV" -> PhiCategory.ACCOUNT;
            case "MR", "MRN", "PI", "PT", "PN" -> dflt == PhiCategory.OTHER_ID ? PhiCategory.MRN : dflt;
            case "MA", "MB", "MC", "MCD", "MCR", "NI", "SN", "HC", "JHN", "NH" -> PhiCategory.HEALTH_PLAN_ID;
            default -> dflt;
        };
    }

    /** OBX-5 by OBX-2: text for TX/FT/ST, the coded text of CE/CWE/CNE, nothing for other value types. */
    private void obxText(Segment seg, String path, int field, Hl7Extraction x) throws HL7Exception {
        String valueType = seg.numFields() >= 2 && seg.getField(2).length > 0
                ? flatten(seg.getField(2)[0], x, "").trim().toUpperCase(Locale.ROOT) : "";
        boolean text = TEXT_VALUE_TYPES.contains(valueType);
        boolean coded = CODED_VALUE_TYPES.contains(valueType);
        if (!text && !coded) {
            return;
        }
        List<String> parts = new ArrayList<>();
        for (Type rep : seg.getField(field)) {
            Type t = unwrap(rep);
            String v = coded ? join(" ", comp(t, 2, x), comp(t, 5, x), comp(t, 9, x)) : flatten(t, x, "^");
            if (!v.isBlank()) {
                parts.add(v);
            }
        }
        if (!parts.isEmpty()) {
            x.texts.add(new TextPart(path, String.join("\n", parts)));
        }
    }
}
