package org.phigate.deid.corpus.ner;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * The NER training corpus's values: the detector's own shipped gazetteer lists ({@code /deid/gazetteer/}, SSA first
 * names, datafaker given names and surnames, US places and counties, world cities, USPS street types). The frozen
 * evaluation corpus drops every entry of these lists, so training and evaluation share no name or place.
 */
final class GazetteerPools {
  final List<String> commonFirst = new ArrayList<>();
  final List<String> first = new ArrayList<>();
  final List<String> surnames = new ArrayList<>();
  final List<String[]> places = new ArrayList<>();
  final List<String> counties = new ArrayList<>();
  final List<String> worldCities = new ArrayList<>();
  final List<String> streetTypes = new ArrayList<>();
  final List<String> clinicalTerms = new ArrayList<>();
  /** Listed first names that are also English words ("Hazel", "Summer", "Cliff"). */
  final List<String> wordFirstNames = new ArrayList<>();
  final List<String> drugs = new ArrayList<>();

  static GazetteerPools load() {
    GazetteerPools p = new GazetteerPools();
    read("first-names.tsv.gz", f -> {
      p.first.add(title(f[0]));
      if (Integer.parseInt(f[1]) >= 20_000) {
        p.commonFirst.add(title(f[0]));
      }
    });
    read("given-names.tsv.gz", f -> p.first.add(title(f[0])));
    read("surnames.tsv.gz", f -> p.surnames.add(title(f[0])));
    read("us-places.tsv.gz", f -> {
      if (f[2].equals("county")) {
        p.counties.add(f[0]);
      } else {
        p.places.add(new String[] {f[0], f[1]});
      }
    });
    read("world-cities.tsv.gz", f -> p.worldCities.add(f[0]));
    read("street-types.tsv", f -> {
      p.streetTypes.add(title(f[0]));
      p.streetTypes.add(title(f[1]));
    });
    read("/deid/clinical-terms.txt", f -> {
      for (String w : f[0].split("\\s+")) {
        if (w.length() > 3 && w.chars().allMatch(Character::isLetter)) {
          p.clinicalTerms.add(w);
        }
      }
    });
    org.phigate.gazetteer.Lexicon lexicon = org.phigate.gazetteer.Lexicon.get();
    p.commonFirst.stream().filter(f -> lexicon.isEnglishWord(f) && !lexicon.isClinicalTerm(f)).distinct()
        .forEach(p.wordFirstNames::add);
    net.datafaker.Faker faker = new net.datafaker.Faker(java.util.Locale.US, new java.util.Random(7));
    for (int i = 0; i < 400; i++) {
      p.drugs.add(faker.medication().drugName());
    }
    return p;
  }

  /** "mary ann" -> "Mary Ann", "o'neil" -> "O'Neil", "smith-jones" -> "Smith-Jones". */
  static String title(String s) {
    StringBuilder b = new StringBuilder(s.length());
    boolean up = true;
    for (char c : s.toCharArray()) {
      b.append(up ? Character.toUpperCase(c) : c);
      up = c == ' ' || c == '-' || c == '\'';
    }
    return b.toString();
  }

  private static void read(String file, Consumer<String[]> row) {
    String path = file.startsWith("/") ? file : "/deid/gazetteer/" + file;
    try (InputStream raw = GazetteerPools.class.getResourceAsStream(path)) {
      if (raw == null) {
        throw new IllegalStateException("gazetteer list " + path + " missing from the classpath");
      }
      InputStream in = file.endsWith(".gz") ? new GZIPInputStream(raw) : raw;
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (!line.isBlank() && !line.startsWith("#")) {
          row.accept(line.split("\t", -1));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read gazetteer list " + path, e);
    }
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
