package org.phigate.intake;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.phigate.schema.StructuredField;
import org.phigate.schema.TextPart;

/** What one HL7 v2 message yields while it is walked: fields, text parts, patient keys and the encoding characters. */
final class Hl7Extraction {
    final char esc;
    final char field;
    final char comp;
    final char rep;
    final char sub;
    final List<StructuredField> fields = new ArrayList<>();
    final List<TextPart> texts = new ArrayList<>();
    final Map<String, Integer> occurrences = new HashMap<>();
    boolean pidSeen;
    String patientKey;
    boolean typedMrKey;
    String fallbackKey3;
    String fallbackKey;

    Hl7Extraction(String enc, char fs) {
        this.field = fs;
        this.comp = enc.charAt(0);
        this.rep = enc.charAt(1);
        this.esc = enc.charAt(2);
        this.sub = enc.charAt(3);
    }

    String text(String s) {
        return Hl7Text.decode(s, esc, field, comp, rep, sub);
    }
}
