package org.phigate.intake.rules;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.phigate.intake.IntakeParser;
import org.phigate.intake.ParseResult;
import org.phigate.schema.StructuredField;
import org.phigate.schema.TextPart;

/**
 * What intake extracts from a file, without any value: "F path|category|party" and "T path" keys (indexes dropped)
 * with their counts. The golden file holds one line per input file and key: {@code file<TAB>key<TAB>count}.
 */
final class ExtractionGolden {
  private static final Pattern INDEX = Pattern.compile("\\[\\d+]|\\(\\d+\\)");

  private ExtractionGolden() {}

  /** Every shipped sample (under samples/) and every shared HL7 v2 / FHIR file, by a stable name. */
  static Map<String, Path> inputs(Path samples, Path shared) throws IOException {
    Map<String, Path> out = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(samples)) {
      walk.filter(Files::isRegularFile).forEach(p -> out.put("samples/" + samples.relativize(p), p));
    }
    if (shared != null) {
      for (String dir : List.of("hl7v2", "fhir")) {
        try (Stream<Path> walk = Files.walk(shared.resolve(dir))) {
          walk.filter(Files::isRegularFile).forEach(p -> out.put("shared/" + shared.relativize(p), p));
        }
      }
    }
    return out;
  }

  static Map<String, Integer> keys(IntakeParser parser, Path file) throws IOException {
    Map<String, Integer> counts = new TreeMap<>();
    ParseResult result = parser.parse(Files.readAllBytes(file), null);
    if (!(result instanceof ParseResult.Parsed parsed)) {
      counts.put("REJECTED", 1);
      return counts;
    }
    for (StructuredField f : parsed.message().phi().getFields()) {
      counts.merge("F " + strip(f.getPath()) + "|" + f.getCategory() + "|" + f.getParty(), 1, Integer::sum);
    }
    for (TextPart t : parsed.message().phi().getTextParts()) {
      counts.merge("T " + strip(t.getPath()), 1, Integer::sum);
    }
    counts.put("K " + (parsed.message().phi().getPatientKey().startsWith("unknown:") ? "none" : "known"), 1);
    return counts;
  }

  static String strip(String path) {
    return INDEX.matcher(path).replaceAll("");
  }

  static List<String> lines(Map<String, Path> inputs) throws IOException {
    IntakeParser parser = new IntakeParser();
    List<String> lines = new ArrayList<>();
    for (Map.Entry<String, Path> e : inputs.entrySet()) {
      keys(parser, e.getValue()).forEach((k, n) -> lines.add(e.getKey() + "\t" + k + "\t" + n));
    }
    return lines;
  }
}
