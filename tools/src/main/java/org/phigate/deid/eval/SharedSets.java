package org.phigate.deid.eval;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.phigate.deid.dates.DateText;
import org.phigate.deid.notes.JsonLines;
import org.phigate.deid.notes.Note;

/**
 * Converts the public sets in shared/data into gold JSONL: presidio-research's synthetic PII sentences (labels mapped
 * onto Safe Harbor categories; labels that are not PHI, such as ORGANIZATION, or not scoreable, such as GPE which
 * mixes countries and cities, stay as ignore regions) and Synthea bundles' DocumentReference notes with weak labels
 * from the bundle's Patient (name, address, phone, identifiers, birth date) and the note's own date.
 */
public final class SharedSets {
  private static final Map<String, String> PRESIDIO = Map.ofEntries(Map.entry("PERSON", "NAME"),
      Map.entry("STREET_ADDRESS", "GEO"), Map.entry("ZIP_CODE", "GEO"), Map.entry("PHONE_NUMBER", "PHONE"),
      Map.entry("EMAIL_ADDRESS", "EMAIL"), Map.entry("US_SSN", "SSN"), Map.entry("IP_ADDRESS", "IP"),
      Map.entry("DOMAIN_NAME", "URL"), Map.entry("CREDIT_CARD", "ACCOUNT"), Map.entry("IBAN_CODE", "ACCOUNT"),
      Map.entry("US_DRIVER_LICENSE", "LICENSE"));

  private SharedSets() {}

  /** presidio-research synth_dataset_v2.json → notes (kind "presidio"). */
  public static List<Note> presidio(Path file) throws IOException {
    JsonNode root = JsonLines.JSON.readTree(file.toFile());
    List<Note> out = new ArrayList<>();
    int i = 0;
    for (JsonNode item : root) {
      String text = item.path("full_text").asText();
      List<Note.Span> spans = new ArrayList<>();
      for (JsonNode s : item.path("spans")) {
        String type = s.path("entity_type").asText();
        String value = s.path("entity_value").asText();
        spans.add(new Note.Span(s.path("start_position").asInt(), s.path("end_position").asInt(),
            presidioCategory(type, value), ""));
      }
      out.add(new Note("presidio-" + i++, "presidio", text, spans, List.of()));
    }
    return out;
  }

  static String presidioCategory(String type, String value) {
    if (type.equals("DATE_TIME")) {
      return DateText.parse(value.strip().split("[ T]\\d{1,2}:")[0]).filter(p -> p.hasDay() || !p.hasYear()
          || !value.strip().matches("\\d{4}")).isPresent() ? "DATE" : "DATE_TIME(not PHI: year/weekday)";
    }
    if (type.equals("AGE")) {
      return value.strip().matches("\\d+") && Integer.parseInt(value.strip()) > 89 ? "DATE" : "AGE(<=89)";
    }
    return PRESIDIO.getOrDefault(type, type);
  }

  /** Every DocumentReference note of the Synthea bundles in {@code dir}, weakly labelled from its Patient. */
  public static List<Note> synthea(Path dir, boolean withKnown) throws IOException {
    List<Note> out = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    for (Path f : files) {
      JsonNode bundle = JsonLines.JSON.readTree(f.toFile());
      JsonNode patient = null;
      for (JsonNode e : bundle.path("entry")) {
        if (e.path("resource").path("resourceType").asText().equals("Patient")) {
          patient = e.path("resource");
        }
      }
      if (patient == null) {
        continue;
      }
      List<Note.Known> known = patientValues(patient);
      int n = 0;
      for (JsonNode e : bundle.path("entry")) {
        JsonNode r = e.path("resource");
        if (!r.path("resourceType").asText().equals("DocumentReference")) {
          continue;
        }
        for (JsonNode c : r.path("content")) {
          String data = c.path("attachment").path("data").asText("");
          if (data.isEmpty()) {
            continue;
          }
          String text = new String(Base64.getDecoder().decode(data), StandardCharsets.UTF_8);
          List<Note.Known> labels = new ArrayList<>(known);
          String date = r.path("date").asText(r.path("context").path("period").path("start").asText(""));
          if (date.length() >= 10) {
            labels.add(new Note.Known("DATE", date.substring(0, 10)));
          }
          String id = patient.path("id").asText("p") + "-" + n++;
          out.add(new Note(id, "synthea", text, label(text, labels), withKnown ? known : List.of()));
        }
      }
    }
    return out;
  }

  static List<Note.Known> patientValues(JsonNode p) {
    List<Note.Known> out = new ArrayList<>();
    for (JsonNode name : p.path("name")) {
      List<String> given = new ArrayList<>();
      name.path("given").forEach(g -> given.add(g.asText()));
      out.add(new Note.Known("NAME", String.join(" ", given) + " " + name.path("family").asText()));
    }
    for (JsonNode a : p.path("address")) {
      a.path("line").forEach(l -> out.add(new Note.Known("GEO", l.asText())));
      for (String k : List.of("city", "postalCode")) {
        if (a.hasNonNull(k)) {
          out.add(new Note.Known("GEO", a.path(k).asText()));
        }
      }
    }
    for (JsonNode t : p.path("telecom")) {
      out.add(new Note.Known(t.path("system").asText().equals("fax") ? "FAX" : t.path("system").asText()
          .equals("email") ? "EMAIL" : "PHONE", t.path("value").asText()));
    }
    for (JsonNode id : p.path("identifier")) {
      String code = id.path("type").path("coding").path(0).path("code").asText("");
      String category = switch (code) {
        case "SS" -> "SSN";
        case "DL" -> "LICENSE";
        case "MR" -> "MRN";
        default -> "OTHER_ID";
      };
      out.add(new Note.Known(category, id.path("value").asText()));
    }
    if (p.hasNonNull("birthDate")) {
      out.add(new Note.Known("DATE", p.path("birthDate").asText()));
    }
    return out;
  }

  /** Gold spans: every whole-word, case-insensitive occurrence of each value (and each name part, date rendering). */
  static List<Note.Span> label(String text, List<Note.Known> values) {
    List<Note.Span> spans = new ArrayList<>();
    boolean[] taken = new boolean[text.length()];
    for (Note.Known k : values) {
      Set<String> forms = new LinkedHashSet<>();
      forms.add(k.value());
      if (k.category().equals("NAME")) {
        forms.addAll(List.of(k.value().split("\\s+")));
      } else if (k.category().equals("DATE")) {
        DateText.parse(k.value()).ifPresent(d -> forms.addAll(DateText.renderings(d.date())));
      }
      for (String form : forms.stream().sorted((a, b) -> b.length() - a.length()).toList()) {
        if (form.strip().length() < 2) {
          continue;
        }
        Matcher m = Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(form.strip()) + "(?![\\p{L}\\p{N}])",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE).matcher(text);
        while (m.find()) {
          if (!taken[m.start()] && !taken[m.end() - 1]) {
            for (int i = m.start(); i < m.end(); i++) {
              taken[i] = true;
            }
            spans.add(new Note.Span(m.start(), m.end(), k.category().toUpperCase(Locale.ROOT), "patient"));
          }
        }
      }
    }
    return spans;
  }
}
