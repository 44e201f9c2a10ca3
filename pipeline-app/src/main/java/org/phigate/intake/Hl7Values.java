package org.phigate.intake;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Composite;
import ca.uhn.hl7v2.model.Primitive;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.model.Type;
import ca.uhn.hl7v2.model.Varies;
import java.util.ArrayList;
import java.util.List;

/** Values out of HAPI's HL7 v2 types: components, flattened fields and segments, with escapes decoded. */
final class Hl7Values {
    private Hl7Values() {
    }

    static Type unwrap(Type t) {
        Type cur = t;
        int guard = 0;
        while (cur instanceof Varies v && guard++ < 8) {
            cur = v.getData();
        }
        return cur;
    }

    /** Component c (1-based) of a field, all its subcomponents joined by spaces, escapes decoded. */
    static String comp(Type type, int c, Hl7Extraction x) {
        Type t = unwrap(type);
        if (t instanceof Composite composite) {
            Type[] comps = composite.getComponents();
            if (c <= comps.length) {
                return flatten(comps[c - 1], x, " ");
            }
            return extra(t, c - comps.length - 1, x);
        }
        if (c == 1) {
            return flatten(t, x, " ");
        }
        return extra(t, c - 2, x);
    }

    static String extra(Type t, int index, Hl7Extraction x) {
        if (index < 0 || index >= t.getExtraComponents().numComponents()) {
            return "";
        }
        return flatten(t.getExtraComponents().getComponent(index), x, " ");
    }

    /** Every non-empty primitive value in a field, joined by {@code sep}, escapes decoded. */
    static String flatten(Type type, Hl7Extraction x, String sep) {
        List<String> out = new ArrayList<>();
        collect(type, out, x, 0);
        return String.join(sep, out);
    }

    static void collect(Type type, List<String> out, Hl7Extraction x, int depth) {
        if (depth > 6) {
            return;
        }
        Type t = unwrap(type);
        if (t instanceof Composite composite) {
            for (Type c : composite.getComponents()) {
                collect(c, out, x, depth + 1);
            }
        } else if (t instanceof Primitive p) {
            String v = p.getValue();
            if (v != null && !v.isBlank()) {
                out.add(x.text(v).trim());
            }
        }
        var extras = t.getExtraComponents();
        for (int i = 0; i < extras.numComponents(); i++) {
            collect(extras.getComponent(i), out, x, depth + 1);
        }
    }

    static String flattenSegment(Segment seg, Hl7Extraction x) throws HL7Exception {
        List<String> fields = new ArrayList<>();
        for (int f = 1; f <= seg.numFields(); f++) {
            List<String> reps = new ArrayList<>();
            for (Type t : seg.getField(f)) {
                String v = flatten(t, x, " ");
                if (!v.isBlank()) {
                    reps.add(v);
                }
            }
            if (!reps.isEmpty()) {
                fields.add(String.join(" ~ ", reps));
            }
        }
        return String.join(" | ", fields);
    }

    static String join(String sep, String... parts) {
        StringBuilder b = new StringBuilder();
        for (String p : parts) {
            if (p != null && !p.isBlank()) {
                if (b.length() > 0) {
                    b.append(sep);
                }
                b.append(p.trim());
            }
        }
        return b.toString();
    }
}
