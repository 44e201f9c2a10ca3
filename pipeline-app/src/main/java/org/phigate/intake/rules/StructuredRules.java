package org.phigate.intake.rules;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The effective structured-PHI rule set: the shipped {@code deid/structured-rules.json}, with a site file merged
 * over it when one is configured. Immutable; load once per stage.
 */
public final class StructuredRules {
  public static final String SHIPPED_RESOURCE = "/deid/structured-rules.json";
  private static volatile StructuredRules shipped;

  private final List<Hl7Rule> hl7Rules;
  private final Map<String, List<Hl7Rule>> hl7BySegment;
  private final Map<String, Hl7Rule> hl7Types;
  private final Set<String> personSegments;
  private final List<FhirRule> fhirRules;
  private final String defaultParty;
  private final List<String> sources;

  StructuredRules(List<Hl7Rule> hl7Rules, List<Hl7Rule> hl7Types, Set<String> personSegments,
      List<FhirRule> fhirRules, String defaultParty, List<String> sources) {
    this.hl7Rules = List.copyOf(hl7Rules);
    Map<String, List<Hl7Rule>> bySegment = new LinkedHashMap<>();
    for (Hl7Rule r : hl7Rules) {
      bySegment.computeIfAbsent(r.segment(), s -> new java.util.ArrayList<>()).add(r);
    }
    bySegment.replaceAll((s, l) -> List.copyOf(l));
    this.hl7BySegment = Map.copyOf(bySegment);
    Map<String, Hl7Rule> types = new LinkedHashMap<>();
    hl7Types.forEach(t -> types.put(t.type(), t));
    this.hl7Types = Map.copyOf(types);
    this.personSegments = Set.copyOf(personSegments);
    this.fhirRules = List.copyOf(fhirRules);
    this.defaultParty = defaultParty;
    this.sources = List.copyOf(sources);
  }

  /** The shipped rules alone (parsed once per JVM). */
  public static StructuredRules shipped() {
    StructuredRules s = shipped;
    if (s == null) {
      s = RulesLoader.load(null);
      shipped = s;
    }
    return s;
  }

  /** The shipped rules with the site file merged over them; null or blank means none. */
  public static StructuredRules withOverride(String siteFile) {
    return siteFile == null || siteFile.isBlank() ? shipped() : RulesLoader.load(Path.of(siteFile.strip()));
  }

  /** Every HL7 v2 field rule, in file order (shipped first, site additions after). */
  public List<Hl7Rule> hl7Rules() {
    return hl7Rules;
  }

  /** Field rules of one segment. */
  public List<Hl7Rule> hl7Rules(String segment) {
    return hl7BySegment.getOrDefault(segment, List.of());
  }

  /** The datatype rule for a non-person segment field of this HL7 type, or null. */
  public Hl7Rule hl7Type(String type) {
    return hl7Types.get(type);
  }

  public List<Hl7Rule> hl7Types() {
    return List.copyOf(hl7Types.values());
  }

  public boolean personSegment(String segment) {
    return personSegments.contains(segment);
  }

  public Set<String> personSegments() {
    return personSegments;
  }

  /** FHIR rules in the order they are tried. */
  public List<FhirRule> fhirRules() {
    return fhirRules;
  }

  public String defaultParty() {
    return defaultParty;
  }

  /** Where the rules came from: the shipped resource, then the site file if any. */
  public List<String> sources() {
    return sources;
  }
}
