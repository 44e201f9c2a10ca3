package org.phigate.deid.gazetteer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.yaml.snakeyaml.Yaml;

/**
 * The name lists of datafaker 2.7.0's locale files (Apache-2.0), read from its jar: the source of the detection
 * name lists that {@link GazetteerBuild} writes ({@code given-names.tsv.gz}, {@code surnames.tsv.gz}) and of the
 * corpus generator's in-dictionary and held-out names.
 */
public final class DatafakerNames {
  /** The locale files whose names are detection dictionaries. */
  public static final List<String> DETECTION_LOCALES = List.of("en/name.yml", "en-AU.yml", "de.yml", "es.yml",
      "it.yml", "pl.yml", "sv.yml", "en-IN.yml", "da-DK.yml", "nb-NO.yml");
  /**
   * Further Latin-script locales whose names detection also holds (a hospital sees patients of every origin). French
   * (fr-CA, fr-CH) and Portuguese (pt) stay out: they would empty the corpus's held-out locales.
   */
  public static final List<String> MORE_DETECTION_LOCALES = List.of("ca.yml", "cs-CZ.yml", "sk.yml", "hr.yml",
      "sq.yml", "lv.yml", "et.yml", "id-ID.yml", "uz.yml", "ro-MD.yml", "en-IE.yml", "en-NEP.yml", "en-NZ.yml",
      "en-PAK.yml", "en-PH.yml", "en-SG.yml", "en-UG.yml", "en-ZA.yml", "es-AR.yml", "es-MX.yml", "no-NO.yml");
  /** Cyrillic and Greek locales, written in Latin letters through {@link Transliteration}. */
  public static final List<String> TRANSLITERATED_LOCALES = List.of("ru.yml", "uk.yml", "be.yml", "bg.yml",
      "mk.yml", "el-GR.yml");

  private DatafakerNames() {}

  /**
   * Given names (lower case) of every detection locale, each with how many locale lists hold it.
   *
   * @param family family names and patronymics instead of given names
   */
  public static TreeMap<String, Integer> detectionNames(boolean family) {
    TreeMap<String, Integer> out = new TreeMap<>();
    List<String> latin = new ArrayList<>(DETECTION_LOCALES);
    latin.addAll(MORE_DETECTION_LOCALES);
    for (String file : latin) {
      Map<String, List<String>> lists = namesOf(file);
      (family ? lastNames(lists) : firstNames(lists)).forEach(n -> out.merge(n.toLowerCase(Locale.ROOT), 1,
          Integer::sum));
    }
    for (String file : TRANSLITERATED_LOCALES) {
      Map<String, List<String>> lists = namesOf(file);
      (family ? lastNames(lists) : firstNames(lists)).stream().flatMap(n -> Transliteration.latin(n).stream())
          .distinct().forEach(n -> out.merge(n, 1, Integer::sum));
    }
    return out;
  }

  /** Given names of one locale file: every first-name list (plain, male, female). */
  public static List<String> firstNames(Map<String, List<String>> lists) {
    return lists.entrySet().stream().filter(e -> e.getKey().endsWith("first_name")).flatMap(e -> e.getValue()
        .stream()).distinct().toList();
  }

  /** Family names of one locale file: every last-name list (plain, male, female) and patronymics. */
  public static List<String> lastNames(Map<String, List<String>> lists) {
    return lists.entrySet().stream().filter(e -> e.getKey().endsWith("last_name")
        || e.getKey().endsWith("middle_name")).flatMap(e -> e.getValue().stream()).distinct().toList();
  }

  /** The name lists of one datafaker locale file: key → plain names (templates such as "#{...}" dropped). */
  @SuppressWarnings("unchecked")
  public static Map<String, List<String>> namesOf(String resource) {
    Map<String, List<String>> out = new HashMap<>();
    try (InputStream in = DatafakerNames.class.getResourceAsStream("/" + resource)) {
      if (in == null) {
        throw new IllegalStateException("name list " + resource + " is missing from the classpath (datafaker jar)");
      }
      Map<String, Object> root = new Yaml().load(in);
      Object locale = root.values().iterator().next();
      Object faker = ((Map<String, Object>) locale).get("faker");
      Object name = ((Map<String, Object>) faker).get("name");
      if (name instanceof Map<?, ?> lists) {
        lists.forEach((k, v) -> {
          if (v instanceof List<?> items) {
            out.put(String.valueOf(k), items.stream().filter(i -> i instanceof String).map(String.class::cast)
                .filter(s -> !s.contains("#") && !s.isBlank()).map(String::strip).toList());
          }
        });
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read name list " + resource, e);
    }
    return out;
  }
}
