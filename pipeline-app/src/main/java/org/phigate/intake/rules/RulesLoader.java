package org.phigate.intake.rules;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Reads the shipped rule file and an optional site file, validates every rule (through {@link RuleParser}) and
 * merges the site's rules over the shipped ones: a rule with the same key ({@code field}, {@code type} or
 * {@code path}) replaces the shipped one, {@code "drop": true} removes it, a new HL7 rule is appended and a new FHIR
 * rule goes first (so a site rule wins over the shipped type rules); {@code personSegments} and
 * {@code defaultParty} replace the shipped values when given.
 */
final class RulesLoader {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RulesLoader() {}

  static StructuredRules load(Path site) {
    String shippedName = "classpath:" + StructuredRules.SHIPPED_RESOURCE;
    JsonNode base = readShipped(shippedName);
    RuleParser shipped = new RuleParser(shippedName, FhirContext.forR4Cached());
    List<Hl7Rule> hl7 = shipped.hl7Rules(base.path("hl7v2").path("rules"), "hl7v2.rules", false);
    List<Hl7Rule> types = shipped.hl7Rules(base.path("hl7v2").path("types"), "hl7v2.types", true);
    Set<String> persons = shipped.segments(base.path("hl7v2").path("personSegments"));
    List<FhirRule> fhir = shipped.fhirRules(base.path("fhir").path("rules"));
    String defaultParty = shipped.defaultParty(base.path("fhir").path("defaultParty"));
    List<String> sources = new ArrayList<>(List.of(shippedName));
    if (site != null) {
      String name = site.toString();
      JsonNode o = readSite(site);
      RuleParser parser = new RuleParser(name, FhirContext.forR4Cached());
      parser.checkTopLevel(o);
      hl7 = merge(name, hl7, o.path("hl7v2").path("rules"), "hl7v2.rules", Hl7Rule::key, "field",
          (n, i) -> parser.hl7Rule(n, "hl7v2.rules", i, false), false);
      types = merge(name, types, o.path("hl7v2").path("types"), "hl7v2.types", Hl7Rule::key, "type",
          (n, i) -> parser.hl7Rule(n, "hl7v2.types", i, true), false);
      if (o.path("hl7v2").has("personSegments")) {
        persons = parser.segments(o.path("hl7v2").path("personSegments"));
      }
      fhir = merge(name, fhir, o.path("fhir").path("rules"), "fhir.rules", FhirRule::path, "path",
          (n, i) -> parser.fhirRule(n, i), true);
      if (o.path("fhir").has("defaultParty")) {
        defaultParty = parser.defaultParty(o.path("fhir").path("defaultParty"));
      }
      sources.add(name);
    }
    return new StructuredRules(hl7, types, persons, fhir, defaultParty, sources);
  }

  private static <R> List<R> merge(String source, List<R> base, JsonNode overrides, String section,
      Function<R, String> key, String keyName, BiFunction<JsonNode, Integer, R> parse, boolean newFirst) {
    if (overrides.isMissingNode()) {
      return base;
    }
    List<R> out = new ArrayList<>(base);
    List<R> added = new ArrayList<>();
    for (int i = 0; i < overrides.size(); i++) {
      JsonNode n = overrides.get(i);
      if (n.path("drop").asBoolean(false)) {
        String k = RuleParser.keyOf(n, keyName);
        if (k == null || !out.removeIf(r -> key.apply(r).equals(k))) {
          throw new RulesException(source + ": " + section + "[" + i + "]: drop names no shipped rule ("
              + keyName + " " + (k == null ? "missing" : "'" + k + "'") + ")");
        }
        continue;
      }
      R rule = parse.apply(n, i);
      int at = indexOf(out, key, key.apply(rule));
      if (at >= 0) {
        out.set(at, rule);
      } else {
        added.add(rule);
      }
    }
    if (newFirst) {
      out.addAll(0, added);
    } else {
      out.addAll(added);
    }
    return out;
  }

  private static <R> int indexOf(List<R> rules, Function<R, String> key, String k) {
    for (int i = 0; i < rules.size(); i++) {
      if (key.apply(rules.get(i)).equals(k)) {
        return i;
      }
    }
    return -1;
  }

  private static JsonNode readShipped(String name) {
    try (InputStream in = RulesLoader.class.getResourceAsStream(StructuredRules.SHIPPED_RESOURCE)) {
      if (in == null) {
        throw new RulesException(name + ": not on the classpath");
      }
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new RulesException(name + ": not readable JSON", e);
    }
  }

  private static JsonNode readSite(Path site) {
    if (!Files.isRegularFile(site)) {
      throw new RulesException("site rule file " + site + ": not found (intake.structured.rules.file)");
    }
    try {
      JsonNode n = JSON.readTree(site.toFile());
      if (n == null || !n.isObject()) {
        throw new RulesException("site rule file " + site + ": not a JSON object");
      }
      return n;
    } catch (JsonProcessingException e) {
      throw new RulesException("site rule file " + site + ": not valid JSON at line "
          + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
    } catch (IOException e) {
      throw new RulesException("site rule file " + site + ": not readable", e);
    }
  }
}
