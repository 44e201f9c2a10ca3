package org.phigate.intake;

/**
 * Decodes HL7 v2 escape sequences left in a value. HAPI already turns {@code \F\ \S\ \T\ \R\ \E\}
 * into their characters when it parses; formatting commands ({@code \.br\}, {@code \.sp\},
 * {@code \.in\} ...), highlighting ({@code \H\ \N\}) and hex ({@code \Xhh..\}) survive and are
 * handled here.
 */
final class Hl7Text {

    private Hl7Text() {
    }

    /** Decodes escapes written with the given escape character (usually {@code \}). */
    static String decode(String s, char esc, char field, char comp, char rep, char sub) {
        if (s == null || s.indexOf(esc) < 0) {
            return s == null ? "" : s;
        }
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            int end = c == esc ? s.indexOf(esc, i + 1) : -1;
            if (end < 0) {
                out.append(c);
                i++;
                continue;
            }
            String seq = s.substring(i + 1, end);
            String replacement = replacement(seq, esc, field, comp, rep, sub);
            if (replacement == null) {
                out.append(c);
                i++;
            } else {
                out.append(replacement);
                i = end + 1;
            }
        }
        return out.toString();
    }

    static String decode(String s) {
        return decode(s, '\\', '|', '^', '~', '&');
    }

    private static String replacement(String seq, char esc, char field, char comp, char rep, char sub) {
        switch (seq) {
            case "F": return String.valueOf(field);
            case "S": return String.valueOf(comp);
            case "T": return String.valueOf(sub);
            case "R": return String.valueOf(rep);
            case "E": return String.valueOf(esc);
            case "H", "N": return "";
            case ".br": return "\n";
            case ".fi", ".nf", ".ce": return "";
            default: break;
        }
        if (seq.startsWith(".sp")) {
            int n = parseCount(seq.substring(3).trim());
            return "\n".repeat(Math.max(1, Math.min(n, 10)));
        }
        if (seq.startsWith(".sk")) {
            int n = parseCount(seq.substring(3).trim());
            return " ".repeat(Math.max(1, Math.min(n, 20)));
        }
        if (seq.startsWith(".in") || seq.startsWith(".ti")) {
            return "";
        }
        if (seq.length() > 1 && seq.length() % 2 == 1 && seq.charAt(0) == 'X' && seq.substring(1).matches("[0-9A-Fa-f]+")) {
            StringBuilder b = new StringBuilder();
            for (int k = 1; k < seq.length(); k += 2) {
                b.append((char) Integer.parseInt(seq.substring(k, k + 2), 16));
            }
            return b.toString();
        }
        if (seq.startsWith("Z") || seq.startsWith("C") || seq.startsWith("M")) {
            return "";
        }
        return null;
    }

    private static int parseCount(String s) {
        if (s.isEmpty()) {
            return 1;
        }
        try {
            return Integer.parseInt(s.replace("+", ""));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
