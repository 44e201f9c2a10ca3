package org.phigate.intake;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Resource;
import org.phigate.intake.rules.FhirRule;
import org.phigate.intake.rules.StructuredRules;

/**
 * Walks every element of a FHIR resource and applies the first {@link FhirRule} whose path matches it (the walk does
 * not go below a matched element); party rules on the way set the party of what is below them. Paths are FHIRPath
 * with 0-based indexes on repeating elements, choice elements by their concrete name ({@code valueString}), and
 * {@code .ofType(T)} after a Bundle entry's resource.
 */
final class FhirWalker {
    private static final int MAX_DEPTH = 64;

    private final StructuredRules rules;

    FhirWalker(StructuredRules rules) {
        this.rules = rules;
    }

    void resource(Resource r, String path, FhirExtraction x) {
        List<String[]> steps = new ArrayList<>();
        steps.add(new String[] {r.fhirType(), r.fhirType()});
        node(r, null, "", path, steps, rules.defaultParty(), x, 0);
    }

    private void node(Base node, Base parent, String declared, String path, List<String[]> steps, String party,
            FhirExtraction x, int depth) {
        if (depth > MAX_DEPTH) {
            return;
        }
        String type = node.fhirType();
        String below = party;
        boolean partySet = false;
        for (FhirRule rule : rules.fhirRules()) {
            if (!rule.matches(type, steps)) {
                continue;
            }
            if (rule.partyOnly()) {
                if (!partySet) {
                    below = rule.party();
                    partySet = true;
                }
                continue;
            }
            if (!rule.kept()) {
                FhirRender.render(rule, new FhirRender.At(node, parent, declared, path),
                        FhirRule.INHERIT.equals(rule.party()) ? below : rule.party(), x);
            }
            return;
        }
        if (!node.isPrimitive()) {
            children(node, path, steps, below, x, depth);
        }
    }

    private void children(Base node, String path, List<String[]> steps, String party, FhirExtraction x, int depth) {
        for (Property prop : node.children()) {
            if (!prop.hasValues() || "id".equals(prop.getName())) {
                continue;
            }
            String name = prop.getName();
            boolean choice = name.endsWith("[x]");
            String base = choice ? name.substring(0, name.length() - 3) : name;
            List<Base> values = prop.getValues();
            boolean many = prop.getMaxCardinality() > 1;
            for (int i = 0; i < values.size(); i++) {
                Base v = values.get(i);
                if (v == null) {
                    continue;
                }
                String concrete = choice ? base + capitalized(v.fhirType()) : base;
                String p = path + "." + concrete + (many ? "[" + i + "]" : "");
                if (v instanceof Resource r) {
                    // contained resources keep their position; a Bundle entry's resource is typed, as before
                    resource(r, "contained".equals(base) ? p : p + ".ofType(" + r.fhirType() + ")", x);
                    continue;
                }
                List<String[]> next = new ArrayList<>(steps);
                next.add(new String[] {base, concrete});
                node(v, node, prop.getTypeCode(), p, next, party, x, depth + 1);
            }
        }
    }

    static String capitalized(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
