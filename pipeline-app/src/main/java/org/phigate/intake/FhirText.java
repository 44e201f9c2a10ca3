package org.phigate.intake;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.StringType;

/** Text renderings of FHIR values: names, addresses, narrative XHTML, attachment content types. */
final class FhirText {
    static final Pattern TAG = Pattern.compile("<[^>]*>");
    static final Pattern BLOCK_END = Pattern.compile("(?i)<\\s*(br\\s*/?|/p|/div|/tr|/li|/h[1-6]|/table)\\s*>");
    static final Pattern ENTITY = Pattern.compile("&(#x?[0-9a-fA-F]+|[a-zA-Z]+);");

    private FhirText() {
    }

    static String name(HumanName n) {
        if (n.hasText()) {
            return n.getText();
        }
        StringBuilder b = new StringBuilder();
        for (StringType s : n.getPrefix()) {
            append(b, s.getValue());
        }
        for (StringType s : n.getGiven()) {
            append(b, s.getValue());
        }
        append(b, n.getFamily());
        for (StringType s : n.getSuffix()) {
            append(b, s.getValue());
        }
        return b.toString();
    }

    static String address(Address a) {
        if (a.hasText() && !a.hasLine() && !a.hasCity()) {
            return a.getText();
        }
        List<String> parts = new ArrayList<>();
        a.getLine().forEach(l -> parts.add(l.getValue()));
        parts.add(a.getCity());
        parts.add(a.getDistrict());
        parts.add(a.getState());
        parts.add(a.getPostalCode());
        parts.removeIf(s -> s == null || s.isBlank());
        if (parts.isEmpty() && a.hasText()) {
            return a.getText();
        }
        return String.join(", ", parts);
    }

    static void append(StringBuilder b, String s) {
        if (s != null && !s.isBlank()) {
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(s.trim());
        }
    }

    static boolean isText(String contentType) {
        if (contentType == null) {
            return false;
        }
        String ct = contentType.toLowerCase(Locale.ROOT).trim();
        return ct.startsWith("text/") || ct.startsWith("application/json") || ct.startsWith("application/xml")
                || ct.startsWith("application/xhtml") || ct.startsWith("application/fhir+") || ct.startsWith("application/rtf");
    }

    static Charset charsetOf(String contentType) {
        Matcher m = Pattern.compile("(?i)charset=\"?([A-Za-z0-9._-]+)").matcher(contentType == null ? "" : contentType);
        if (m.find()) {
            try {
                return Charset.forName(m.group(1));
            } catch (RuntimeException e) {
                return StandardCharsets.UTF_8;
            }
        }
        return StandardCharsets.UTF_8;
    }

    /** Narrative XHTML to plain text: block ends become newlines, tags go, entities are decoded. */
    static String stripTags(String xhtml) {
        if (xhtml == null) {
            return "";
        }
        String s = BLOCK_END.matcher(xhtml).replaceAll("\n");
        s = s.replaceAll("(?i)</t[dh]\\s*>", " ");
        s = TAG.matcher(s).replaceAll("");
        Matcher m = ENTITY.matcher(s);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(b, Matcher.quoteReplacement(entity(m.group(1), m.group())));
        }
        m.appendTail(b);
        return b.toString().replaceAll("[ \\t\\x0B\\f\\r]+", " ").replaceAll(" *\n[ \n]*", "\n").strip();
    }

    static String entity(String e, String whole) {
        try {
            if (e.startsWith("#x") || e.startsWith("#X")) {
                return new String(Character.toChars(Integer.parseInt(e.substring(2), 16)));
            }
            if (e.startsWith("#")) {
                return new String(Character.toChars(Integer.parseInt(e.substring(1))));
            }
        } catch (RuntimeException ex) {
            return whole;
        }
        return switch (e) {
            case "amp" -> "&";
            case "lt" -> "<";
            case "gt" -> ">";
            case "quot" -> "\"";
            case "apos" -> "'";
            case "nbsp" -> " ";
            default -> whole;
        };
    }
}
