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

    static String decode(byte[] payload) {
        int start = Payloads.contentStart(payload);
        String latin = new String(payload, start, payload.length - start, StandardCharsets.ISO_8859_1);
        Charset charset = StandardCharsets.UTF_8;
        int end = latin.indexOf('\r') < 0 ? latin.indexOf('\n') : latin.indexOf('\r');
        String msh = end < 0 ? latin : latin.substring(0, end);
        if (msh.length() > 3) {
            String[] f = msh.split(Pattern.quote(String.valueOf(msh.charAt(3))), -1);
            if (f.length > 17) {
                String cs = f[17].toUpperCase(Locale.ROOT);
                if (cs.startsWith("8859/1") || cs.equals("ASCII")) {
                    charset = StandardCharsets.ISO_8859_1;
                }
            }
        }
        return new String(payload, start, payload.length - start, charset);
    }

    /** CR, LF or CRLF between segments; MLLP end block and blank lines removed. */
    static String normalizeSegments(String s) {
        String unified = s.replace("\u001c", "").replace("\r\n", "\r").replace('\n', '\r');
        StringBuilder b = new StringBuilder(unified.length());
        for (String seg : unified.split("\r")) {
            if (!seg.isBlank()) {
                if (b.length() > 0) {
                    b.append('\r');
                }
                b.append(seg);
            }
        }
        return b.toString();
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
