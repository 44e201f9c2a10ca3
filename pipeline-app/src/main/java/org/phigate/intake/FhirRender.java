package org.phigate.intake;

import static org.phigate.intake.FhirText.address;
import static org.phigate.intake.FhirText.charsetOf;
import static org.phigate.intake.FhirText.isText;
import static org.phigate.intake.FhirText.name;
import static org.phigate.intake.FhirText.stripTags;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Base64BinaryType;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Reference;
import org.phigate.intake.rules.FhirRule;
import org.phigate.schema.PhiCategory;

/** What a matched FHIR element yields, by its data type: structured fields, text parts for the detectors, or both. */
final class FhirRender {
    private FhirRender() {
    }

    /** A matched element, its parent, its declared type ({@code Reference(Patient|Group)}) and its path. */
    record At(Base node, Base parent, String declared, String path) {
    }

    static void render(FhirRule rule, At at, String party, FhirExtraction x) {
        Base node = at.node();
        Base parent = at.parent();
        String path = at.path();
        PhiCategory category = rule.category();
        if (node instanceof HumanName n) {
            field(rule, x, path, category, name(n), party);
        } else if (node instanceof Address a) {
            field(rule, x, path, category, address(a), party);
        } else if (node instanceof ContactPoint cp) {
            field(rule, x, path, category == PhiCategory.PHONE ? telecomCategory(cp) : category, cp.getValue(), party);
        } else if (node instanceof Identifier id) {
            field(rule, x, path + ".value", FhirExtraction.identifierCategory(id, orElse(category, PhiCategory.OTHER_ID)),
                    id.getValue(), party);
        } else if (node instanceof Reference ref) {
            reference(rule, ref, at.declared(), path, party, x);
        } else if (node instanceof Attachment a) {
            x.text(path + ".title", a.getTitle());
            if (a.hasData() && isText(a.getContentType())) {
                x.text(path + ".data", new String(a.getData(), charsetOf(a.getContentType())));
            }
            if (a.hasUrl() && !a.getUrl().startsWith("#")) {
                x.field(rule, path + ".url", orElse(category, PhiCategory.URL), a.getUrl(), party);
            }
        } else if (node instanceof Annotation n) {
            x.text(path + ".text", n.getText());
            if (n.hasAuthorStringType()) {
                x.field(rule, path + ".authorString", PhiCategory.NAME, n.getAuthorStringType().getValue(), party);
            } else if (n.hasAuthorReference()) {
                reference(rule, n.getAuthorReference(), "Reference(Practitioner|Patient|RelatedPerson|Organization)",
                        path + ".authorReference", FhirRule.BY_REFERENCE, x);
            }
        } else if (node instanceof Narrative n) {
            String raw = FhirJsonReader.rawDiv(n);
            if (raw != null) {
                x.text(path + ".div", stripTags(raw));
            } else if (n.hasDiv()) {
                x.text(path + ".div", stripTags(n.getDivAsString()));
            }
        } else if (node instanceof Base64BinaryType b) {
            if (rule.text() && parent instanceof Binary bin && isText(bin.getContentType()) && b.getValue() != null) {
                x.text(path, new String(b.getValue(), charsetOf(bin.getContentType())));
            }
        } else if (node instanceof PrimitiveType<?> p) {
            if (category == PhiCategory.DATE && !(p instanceof BaseDateTimeType)) {
                return; // deceasedBoolean and the like: not a date
            }
            field(rule, x, path, category, p.getValueAsString(), party);
        } else {
            // A composite without its own rendering (Period, Quantity, a backbone element): its primitives, one by one.
            for (Property prop : node.children()) {
                if ("id".equals(prop.getName()) || "extension".equals(prop.getName())) {
                    continue;
                }
                boolean many = prop.getMaxCardinality() > 1;
                for (int i = 0; i < prop.getValues().size(); i++) {
                    Base v = prop.getValues().get(i);
                    String name = prop.getName().replace("[x]", v == null ? "" : FhirWalker.capitalized(v.fhirType()));
                    if (v != null) {
                        render(rule, new At(v, node, prop.getTypeCode(), path + "." + name + (many ? "[" + i + "]" : "")),
                                party, x);
                    }
                }
            }
        }
    }

    private static void field(FhirRule rule, FhirExtraction x, String path, PhiCategory category, String value,
            String party) {
        if (rule.text()) {
            x.text(path, value);
        } else {
            x.field(rule, path, category, value, party);
        }
    }

    /**
     * A reference's display and an identifier given by value. With party byReference the target decides: the literal
     * reference's type, else the first person or place type the element allows; a display of anything else (an
     * Observation, a Coverage) is a description, not a name, and is left out. Under the type rule (nodesByType), an
     * Organization's or Location's display is a place (GEO), and a display whose target may be a person or a
     * facility (Claim.provider) is left out rather than guessed; path rules keep their category, and a reference
     * without a type is a provider's.
     */
    private static void reference(FhirRule rule, Reference ref, String declared, String path, String party,
            FhirExtraction x) {
        String who = party;
        PhiCategory category = orElse(rule.category(), PhiCategory.NAME);
        if (FhirRule.BY_REFERENCE.equals(party)) {
            boolean typeRule = rule.nodeType() != null;
            String target = literalType(ref);
            if (target == null && !typeRule) {
                target = "Practitioner"; // a path rule's reference without a type: a provider, as the tables had it
            } else if (target == null) {
                List<String> allowed = allowedTypes(declared);
                boolean places = allowed.stream().anyMatch(PLACES::contains);
                boolean persons = allowed.stream().anyMatch(t -> !PLACES.contains(t));
                target = allowed.isEmpty() || places && persons ? null : allowed.get(0);
            }
            who = target == null ? null : TARGET_PARTY.get(target);
            if (typeRule && target != null && PLACES.contains(target)) {
                category = PhiCategory.GEO;
            }
        }
        if (who != null) {
            x.field(rule, path + ".display", category, ref.getDisplay(), who);
        }
        if (ref.hasIdentifier() && ref.getIdentifier().hasValue()) {
            String idParty = who != null ? who : "patient";
            x.field(rule, path + ".identifier.value", FhirExtraction.identifierCategory(ref.getIdentifier(),
                    "patient".equals(idParty) ? PhiCategory.MRN : PhiCategory.OTHER_ID), ref.getIdentifier().getValue(),
                    idParty);
        }
    }

    private static final Map<String, String> TARGET_PARTY = Map.of("Patient", "patient", "RelatedPerson", "relative",
            "Practitioner", "provider", "PractitionerRole", "provider", "Organization", "organization",
            "Location", "organization");
    private static final Set<String> PLACES = Set.of("Organization", "Location");
    private static final Pattern LITERAL_TYPE = Pattern.compile("(?:^|/)([A-Z][A-Za-z]+)/[^/]+(?:/_history/[^/]+)?$");

    /** The referenced resource type the reference itself names (type, or a literal Type/id), else null. */
    private static String literalType(Reference ref) {
        if (ref.hasType()) {
            return ref.getType().replaceFirst(".*/", "");
        }
        if (ref.hasReference()) {
            Matcher m = LITERAL_TYPE.matcher(ref.getReference());
            if (m.find()) {
                return m.group(1);
            }
        }
        return null;
    }

    /** The person and place types an element's declared type allows ({@code Reference(Practitioner|Device)}). */
    private static List<String> allowedTypes(String declared) {
        int open = declared == null ? -1 : declared.indexOf('(');
        if (open < 0 || !declared.endsWith(")")) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String t : declared.substring(open + 1, declared.length() - 1).split("\\|")) {
            if (TARGET_PARTY.containsKey(t.strip())) {
                out.add(t.strip());
            }
        }
        return out;
    }

    private static PhiCategory telecomCategory(ContactPoint cp) {
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
        return category;
    }

    private static PhiCategory orElse(PhiCategory c, PhiCategory dflt) {
        return c != null ? c : dflt;
    }
}
