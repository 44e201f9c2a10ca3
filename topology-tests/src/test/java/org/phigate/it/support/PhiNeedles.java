package org.phigate.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.phigate.config.CommonConfig;
import org.phigate.config.DeidConfig;
import org.phigate.config.Settings;
import org.phigate.deid.dates.DateText;
import org.phigate.deid.detect.PhiDetector;
import org.phigate.demo.SampleInput;
import org.phigate.gazetteer.Lexicon;
import org.phigate.intake.IntakeParser;
import org.phigate.intake.ParseResult;
import org.phigate.schema.PhiContent;
import org.phigate.schema.PhiFinding;
import org.phigate.schema.StructuredField;
import org.phigate.schema.TextPart;

/**
 * The PHI strings a test fed in, each with its Safe Harbor category: every structured PHI value the intake parser
 * extracts (HL7 PID/NK1/PV1... fields and FHIR elements) and each of its HL7 components; the identifying elements
 * of every FHIR Patient (name parts and whole names, address lines, city, ZIP, telecom, identifiers, birth and death
 * dates in their common renderings); and every span the deid role's detector finds in the free text (with a capital
 * letter or a digit, and not only dictionary words: see {@link #identifying}). Only values of
 * {@value #MIN_LENGTH} or more characters, as many of them letters or digits, are kept: shorter ones (initials,
 * "F", a year) identify no one and would match everywhere.
 */
public final class PhiNeedles {
  /** Shortest value kept. */
  public static final int MIN_LENGTH = 5;
  private static final ObjectMapper JSON = new ObjectMapper();

  private PhiNeedles() {}

  /** value -> category, for every input. */
  public static Map<String, String> of(List<SampleInput> inputs) {
    IntakeParser parser = new IntakeParser();
    PhiDetector detector = PhiDetector.fromConfig(new DeidConfig(new CommonConfig(Settings.of(Map.of()))));
    Map<String, String> out = new TreeMap<>();
    for (SampleInput input : inputs) {
      if (parser.parse(input.payload(), input.contentType()) instanceof ParseResult.Parsed parsed) {
        PhiContent content = parsed.message().phi();
        for (StructuredField field : content.getFields()) {
          String category = field.getCategory().name();
          add(out, field.getValue(), category);
          for (String component : field.getValue().split("[\\^&~]")) {
            add(out, component, category);
          }
          if (category.equals("DATE")) {
            addDate(out, field.getValue());
          }
        }
        for (PhiFinding finding : detector.detect(content)) {
          if (finding.getStart() == null) {
            continue;
          }
          content.getTextParts().stream().filter(p -> p.getPath().equals(finding.getPath())).map(TextPart::getText)
              .filter(t -> finding.getEnd() <= t.length()).map(t -> t.substring(finding.getStart(), finding.getEnd()))
              .filter(PhiNeedles::identifying).findFirst()
              .ifPresent(span -> add(out, span, finding.getCategory().name()));
        }
      }
      if (input.contentType().contains("json")) {
        try {
          patients(JSON.readTree(input.payload()), out);
        } catch (IOException e) {
          // not JSON at all: the parser rejected it, and the intake dead letter holds it sealed
        }
      }
    }
    return out;
  }

  private static void patients(JsonNode node, Map<String, String> out) {
    if (node.isObject() && node.path("resourceType").asText().equals("Patient")) {
      patient(node, out);
    }
    node.forEach(child -> patients(child, out));
  }

  private static void patient(JsonNode p, Map<String, String> out) {
    for (JsonNode name : p.path("name")) {
      StringBuilder full = new StringBuilder();
      for (JsonNode given : name.path("given")) {
        add(out, given.asText(), "NAME");
        full.append(given.asText()).append(' ');
      }
      add(out, name.path("family").asText(), "NAME");
      add(out, full.append(name.path("family").asText()).toString(), "NAME");
      add(out, name.path("text").asText(), "NAME");
    }
    for (JsonNode address : p.path("address")) {
      address.path("line").forEach(l -> add(out, l.asText(), "GEO"));
      add(out, address.path("city").asText(), "GEO");
      add(out, address.path("postalCode").asText(), "GEO");
      add(out, address.path("text").asText(), "GEO");
    }
    p.path("telecom").forEach(t -> add(out, t.path("value").asText(), "PHONE"));
    p.path("identifier").forEach(i -> add(out, i.path("value").asText(), "MRN"));
    for (String field : new String[] {"birthDate", "deceasedDateTime"}) {
      addDate(out, p.path(field).asText());
    }
  }

  private static void addDate(Map<String, String> out, String value) {
    String digits = value.replace("-", "");
    if (digits.length() < 8 || !digits.substring(0, 8).chars().allMatch(Character::isDigit)) {
      return;
    }
    try {
      LocalDate date = LocalDate.of(Integer.parseInt(digits.substring(0, 4)), Integer.parseInt(digits.substring(4, 6)),
          Integer.parseInt(digits.substring(6, 8)));
      // the compact renderings (3/4/60) are too short to tell from other numbers in binary files
      DateText.renderings(date).stream().filter(r -> r.length() >= 8).forEach(r -> add(out, r, "DATE"));
    } catch (java.time.DateTimeException | NumberFormatException e) {
      // not a calendar date: kept as the raw value only
    }
  }

  /**
   * A detected span that names someone or something: it holds a capital letter or a digit. The detector errs towards
   * recall, and an all-lower-case span it flagged ("telecom" in a FHIR path rendered as text) is a word that occurs
   * in every record's structure, not PHI.
   */
  private static boolean identifying(String span) {
    return span.codePoints().anyMatch(c -> Character.isUpperCase(c) || Character.isDigit(c)) && !commonWords(span);
  }

  /**
   * A span of English or clinical dictionary words only ("Encounter", "Blood", "Pharmacogenetics Report"): what the
   * detector flagged there is a word of the record's structure or vocabulary, which occurs in every record (FHIR
   * resource types in plain metadata too), not a value that identifies anyone. Names and places the record declares
   * are needles through its structured fields whatever words they are.
   */
  private static boolean commonWords(String span) {
    Lexicon lexicon = Lexicon.get();
    if (span.codePoints().anyMatch(Character::isDigit)) {
      return false;
    }
    for (String word : span.split("[^\\p{L}]+")) {
      if (word.length() > 1 && !lexicon.isEnglishWord(word) && !lexicon.isClinicalTerm(word)) {
        return false;
      }
    }
    return true;
  }

  /**
   * A bare number of {@value #MIN_LENGTH} digits (a ZIP code, a short id) is left out: the pipeline writes numbers of
   * its own (latencies, sizes and counts in audit details), and one of five digits matches one of them by chance, a
   * different one each run. The address or identifier such a number belongs to stays a needle whole.
   */
  private static void add(Map<String, String> out, String value, String category) {
    String trimmed = value == null ? "" : value.strip();
    boolean shortNumber = trimmed.length() <= MIN_LENGTH && trimmed.chars().allMatch(Character::isDigit);
    if (!shortNumber && trimmed.length() >= MIN_LENGTH
        && trimmed.codePoints().filter(Character::isLetterOrDigit).count() >= MIN_LENGTH) {
      out.putIfAbsent(trimmed, category);
    }
  }
}
