package org.phigate.intake.rules;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.phigate.schema.PhiCategory;

/**
 * Turns the JSON of one rule file into typed rules, failing with {@link RulesException} on the first bad rule:
 * the file, the section and index ({@code hl7v2.rules[3]}), the rule's key and what is wrong.
 */
final class RuleParser {
  static final Set<String> PARTIES = Set.of("patient", "relative", "provider", "organization");
  static final String TEXT = "TEXT";
  private static final Pattern FIELD = Pattern.compile("([A-Z][A-Z0-9]{2})-([1-9][0-9]{0,2})");
  private static final Pattern HL7_TYPE = Pattern.compile("[A-Z][A-Z0-9]{1,3}");
  private static final Pattern SEGMENT = Pattern.compile("[A-Z][A-Z0-9]{2}");
  private static final Set<String> HL7_KEYS = Set.of("field", "kind", "category", "party", "method", "note", "drop");
  private static final Set<String> TYPE_KEYS = Set.of("type", "kind", "category", "party", "method", "note", "drop");
  private static final Set<String> FHIR_KEYS = Set.of("path", "category", "party", "method", "note", "drop");

  private final String source;
  private final FhirContext fhir;

  RuleParser(String source, FhirContext fhir) {
    this.source = source;
    this.fhir = fhir;
  }

  void checkTopLevel(JsonNode root) {
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!Set.of("about", "hl7v2", "fhir").contains(k)) {
        throw fail("top level: unknown section '" + k + "' (about, hl7v2, fhir)");
      }
    }
  }

  List<Hl7Rule> hl7Rules(JsonNode list, String section, boolean types) {
    List<Hl7Rule> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      out.add(hl7Rule(list.get(i), section, i, types));
    }
    return out;
  }

  Hl7Rule hl7Rule(JsonNode n, String section, int index, boolean typeRule) {
    String keyName = typeRule ? "type" : "field";
    String at = section + "[" + index + "]" + (keyOf(n, keyName) == null ? "" : " (" + keyOf(n, keyName) + ")");
    if (!n.isObject()) {
      throw fail(at + ": a rule is a JSON object");
    }
    unknownKeys(n, typeRule ? TYPE_KEYS : HL7_KEYS, at);
    String key = required(n, keyName, at);
    String segment = null;
    int field = 0;
    if (typeRule) {
      if (!HL7_TYPE.matcher(key).matches()) {
        throw fail(at + ": malformed type (an HL7 data type such as XCN)");
      }
    } else {
      Matcher m = FIELD.matcher(key);
      if (!m.matches()) {
        throw fail(at + ": malformed field (SEG-n, e.g. PID-5 or ZPI-3)");
      }
      segment = m.group(1);
      field = Integer.parseInt(m.group(2));
    }
    Hl7Rule.Kind kind = enumValue(Hl7Rule.Kind.class, required(n, "kind", at), "kind", at);
    RuleMethod method = method(n, at);
    boolean text = kind == Hl7Rule.Kind.TEXT || kind == Hl7Rule.Kind.OBSERVATION_VALUE;
    PhiCategory category = null;
    String party = null;
    if (text) {
      if (n.has("category") || n.has("party")) {
        throw fail(at + ": kind " + kind + " is free text for the detectors: no category or party");
      }
    } else {
      category = category(required(n, "category", at), at);
      party = party(required(n, "party", at), at, false);
    }
    checkDateShift(method, category, at);
    return new Hl7Rule(segment, field, typeRule ? key : null, kind, category, party, method, note(n));
  }

  Set<String> segments(JsonNode list) {
    Set<String> out = new LinkedHashSet<>();
    for (int i = 0; i < list.size(); i++) {
      String s = list.get(i).asText("");
      if (!SEGMENT.matcher(s).matches()) {
        throw fail("hl7v2.personSegments[" + i + "]: malformed segment name (three letters or digits)");
      }
      out.add(s);
    }
    return out;
  }

  List<FhirRule> fhirRules(JsonNode list) {
    List<FhirRule> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      out.add(fhirRule(list.get(i), i));
    }
    return out;
  }

  FhirRule fhirRule(JsonNode n, int index) {
    String at = "fhir.rules[" + index + "]" + (keyOf(n, "path") == null ? "" : " (" + keyOf(n, "path") + ")");
    if (!n.isObject()) {
      throw fail(at + ": a rule is a JSON object");
    }
    unknownKeys(n, FHIR_KEYS, at);
    String path = required(n, "path", at);
    FhirPaths.Parsed parsed;
    try {
      parsed = FhirPaths.parse(path);
    } catch (IllegalArgumentException e) {
      throw fail(at + ": malformed path: " + e.getMessage());
    }
    knownFhirNames(parsed, at);
    RuleMethod method = method(n, at);
    String c = n.has("category") ? n.get("category").asText() : null;
    boolean text = TEXT.equals(c);
    PhiCategory category = c == null || text ? null : category(c, at);
    String party = n.has("party") ? party(n.get("party").asText(), at, true) : FhirRule.INHERIT;
    if (c == null && method != RuleMethod.KEEP) {
      if (method != null || !n.has("party") || !PARTIES.contains(party)) {
        throw fail(at + ": a rule without category sets the party below it: it needs a party ("
            + String.join(", ", PARTIES) + ") and no method");
      }
    }
    checkDateShift(method, category, at);
    return new FhirRule(path.strip(), parsed.nodeType(), parsed.steps(), category, text, party, method, note(n));
  }

  String defaultParty(JsonNode n) {
    return party(n.asText("patient"), "fhir.defaultParty", false);
  }

  private void knownFhirNames(FhirPaths.Parsed parsed, String at) {
    if (parsed.nodeType() != null) {
      if (fhir.getElementDefinition(parsed.nodeType()) == null) {
        throw fail(at + ": malformed path: unknown FHIR R4 data type '" + parsed.nodeType() + "'");
      }
    } else {
      String type = parsed.steps().get(0);
      if (!FhirRule.ANY_RESOURCE.equals(type) && !fhir.getResourceTypes().contains(type)) {
        throw fail(at + ": malformed path: unknown FHIR R4 resource type '" + type + "'");
      }
    }
  }

  private RuleMethod method(JsonNode n, String at) {
    if (!n.has("method")) {
      return null;
    }
    String m = n.get("method").asText();
    return RuleMethod.parse(m).orElseThrow(
        () -> fail(at + ": unknown method '" + m + "' (" + RuleMethod.names() + ")"));
  }

  private PhiCategory category(String c, String at) {
    return enumValue(PhiCategory.class, c, "category", at);
  }

  private String party(String p, String at, boolean fhirParties) {
    if (PARTIES.contains(p) || fhirParties && (FhirRule.INHERIT.equals(p) || FhirRule.BY_REFERENCE.equals(p))) {
      return p;
    }
    throw fail(at + ": unknown party '" + p + "' (" + String.join(", ", PARTIES)
        + (fhirParties ? ", inherit, byReference" : "") + ")");
  }

  private void checkDateShift(RuleMethod method, PhiCategory category, String at) {
    if (method == RuleMethod.DATE_SHIFT && category != PhiCategory.DATE) {
      throw fail(at + ": method dateShift applies to category DATE only");
    }
  }

  private <E extends Enum<E>> E enumValue(Class<E> type, String value, String what, String at) {
    try {
      return Enum.valueOf(type, value);
    } catch (IllegalArgumentException e) {
      String allowed = String.join(", ", Arrays.stream(type.getEnumConstants()).map(Enum::name).toList());
      if ("category".equals(what) && at.startsWith("fhir")) {
        allowed += ", TEXT";
      }
      throw fail(at + ": unknown " + what + " '" + value + "' (" + allowed + ")");
    }
  }

  private String required(JsonNode n, String key, String at) {
    JsonNode v = n.get(key);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw fail(at + ": missing " + key);
    }
    return v.asText().strip();
  }

  private void unknownKeys(JsonNode n, Set<String> allowed, String at) {
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!allowed.contains(k)) {
        throw fail(at + ": unknown property '" + k + "' (" + String.join(", ", allowed.stream().sorted().toList())
            + ")");
      }
    }
  }

  static String keyOf(JsonNode n, String keyName) {
    JsonNode v = n == null ? null : n.get(keyName);
    return v != null && v.isTextual() ? v.asText().strip() : null;
  }

  private static String note(JsonNode n) {
    return n.has("note") ? n.get("note").asText() : null;
  }

  private RulesException fail(String message) {
    return new RulesException(source + ": " + message);
  }
}
