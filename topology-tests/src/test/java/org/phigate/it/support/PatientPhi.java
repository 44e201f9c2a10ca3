package org.phigate.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Set;
import java.util.TreeSet;
import org.phigate.deid.dates.DateText;

/**
 * The identifying values of every Patient in a FHIR Bundle file: names (each part and whole), address lines, city,
 * ZIP, telecom values, identifier values, and every common rendering of the birth and death dates (years alone are
 * allowed to remain under Safe Harbor, so they are not included).
 */
public final class PatientPhi {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PatientPhi() {}

  public static Set<String> of(Path bundleFile) throws IOException {
    Set<String> out = new TreeSet<>();
    for (JsonNode entry : JSON.readTree(bundleFile.toFile()).path("entry")) {
      JsonNode p = entry.path("resource");
      if (!p.path("resourceType").asText().equals("Patient")) {
        continue;
      }
      for (JsonNode name : p.path("name")) {
        StringBuilder full = new StringBuilder();
        for (JsonNode given : name.path("given")) {
          out.add(given.asText());
          full.append(given.asText()).append(' ');
        }
        out.add(name.path("family").asText());
        out.add(full.append(name.path("family").asText()).toString().strip());
      }
      for (JsonNode address : p.path("address")) {
        address.path("line").forEach(l -> out.add(l.asText()));
        out.add(address.path("city").asText());
        out.add(address.path("postalCode").asText());
      }
      p.path("telecom").forEach(t -> out.add(t.path("value").asText()));
      p.path("identifier").forEach(i -> out.add(i.path("value").asText()));
      for (String dateField : new String[] {"birthDate", "deceasedDateTime"}) {
        if (p.hasNonNull(dateField) && p.path(dateField).asText().length() >= 10) {
          out.addAll(DateText.renderings(LocalDate.parse(p.path(dateField).asText().substring(0, 10))));
        }
      }
    }
    out.removeIf(v -> v.strip().length() < 4);
    return out;
  }
}
