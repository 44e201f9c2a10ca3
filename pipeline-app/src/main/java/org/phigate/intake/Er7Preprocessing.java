package org.phigate.intake;

import ca.uhn.hl7v2.HL7Exception;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** ER7 text before HAPI sees it: charset from MSH-18, segment separators, encoding-character checks, MSH fields. */
final class Er7Preprocessing {
    static final Pattern SEGMENT_NAME = Pattern.compile("[A-Z][A-Z0-9]{2}");

    private Er7Preprocessing() {
    }

    /** The payload as text: ISO-8859-1 when MSH-18 says 8859/1 or ASCII, else UTF-8; read once, MSH-18 from bytes. */
    static String decode(byte[] payload) {
        int start = Payloads.contentStart(payload);
        Charset charset = StandardCharsets.UTF_8;
        String cs = msh18(payload, start);
        if (cs != null) {
            cs = cs.toUpperCase(Locale.ROOT);
            if (cs.startsWith("8859/1") || cs.equals("ASCII")) {
                charset = StandardCharsets.ISO_8859_1;
            }
        }
        return new String(payload, start, payload.length - start, charset);
    }

    /**
     * MSH-18 of the first segment (up to the first CR, or LF when there is no CR), read as ISO-8859-1, or null when
     * that segment has fewer fields; the field separator is the segment's fourth byte.
     */
    private static String msh18(byte[] payload, int start) {
        int end = indexOf(payload, start, (byte) '\r');
        if (end < 0) {
            end = indexOf(payload, start, (byte) '\n');
        }
        if (end < 0) {
            end = payload.length;
        }
        if (end - start <= 3) {
            return null;
        }
        byte fs = payload[start + 3];
        int field = 0;
        int from = start;
        for (int i = start; i <= end; i++) {
            if (i == end || payload[i] == fs) {
                if (field == 17) {
                    return new String(payload, from, i - from, StandardCharsets.ISO_8859_1);
                }
                field++;
                from = i + 1;
            }
        }
        return null;
    }

    private static int indexOf(byte[] bytes, int from, byte b) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /**
     * CR, LF or CRLF between segments; MLLP end block and blank lines removed, in one pass over ranges; text already
     * in that form (the usual case) is returned as it is.
     */
    static String normalizeSegments(String text) {
        int kept = cleanLength(text);
        if (kept >= 0) {
            return kept == text.length() ? text : text.substring(0, kept);
        }
        String s = text.indexOf('\u001c') < 0 ? text : text.replace("\u001c", "");
        boolean clean = s == text;
        StringBuilder b = new StringBuilder(s.length());
        int n = s.length();
        for (int from = 0; from <= n; ) {
            int to = from;
            while (to < n && s.charAt(to) != '\r' && s.charAt(to) != '\n') {
                to++;
            }
            if (to < n && s.charAt(to) == '\n') {
                clean = false;
            }
            if (blank(s, from, to)) {
                clean = false;
            } else {
                if (b.length() > 0) {
                    b.append('\r');
                }
                b.append(s, from, to);
            }
            from = to + 1;
        }
        return clean ? s : b.toString();
    }

    /**
     * The usual case, without a copy per character: segments separated by CR alone, none blank but at the end, no
     * LF, no end block. Then the result is the text up to its last segment (what the general path would build);
     * otherwise -1.
     */
    private static int cleanLength(String s) {
        if (s.indexOf('\n') >= 0 || s.indexOf('\u001c') >= 0) {
            return -1;
        }
        int n = s.length();
        int lastEnd = -1;
        boolean blankSeen = false;
        for (int from = 0; from <= n; ) {
            int to = s.indexOf('\r', from);
            to = to < 0 ? n : to;
            if (blank(s, from, to)) {
                blankSeen = true;
            } else if (blankSeen) {
                return -1; // a blank segment to remove inside the text
            } else {
                lastEnd = to;
            }
            from = to + 1;
        }
        return lastEnd;
    }

    private static boolean blank(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Character.isWhitespace(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static boolean validEncoding(char fs, String enc) {
        return Hl7Encoding.valid(fs, enc);
    }

    /** MSH-n as sent (MSH-1 is the field separator itself, so MSH-n is at split index n-1). */
    static String mshField(String[] mshFields, int n, char comp) {
        return mshFields.length > n - 1 ? mshFields[n - 1] : "";
    }

    static String safeLocation(Throwable e) {
        if (e instanceof HL7Exception h && h.getLocation() != null) {
            String seg = h.getLocation().getSegmentName();
            if (seg != null && SEGMENT_NAME.matcher(seg).matches()) {
                return h.getLocation().getField() > 0 ? seg + "-" + h.getLocation().getField() : seg;
            }
        }
        return "";
    }
}
