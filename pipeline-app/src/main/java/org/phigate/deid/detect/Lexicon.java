package org.phigate.deid.detect;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.yaml.snakeyaml.Yaml;

/**
 * Word lists for name detection, loaded once: first and last names from datafaker's locale files (the detection
 * locales, further Latin-script locales, and Cyrillic/Greek locales through {@link Transliteration}; the corpus
 * generator's held-out locales nl, fr, pt-BR, vi, tr, fi-FI, en-NG, hu are never added here) with a frequency proxy
 * (how many locale lists hold the name), English words (SCOWL, lower-case entries) and the clinical precision guard
 * (eponyms, drug names, clinical words). Names that are also English words stay weak in {@link NameTokens}.
 */
public final class Lexicon {
  /** The datafaker locale files whose names are detection dictionaries. */
  public static final List<String> DETECTION_LOCALES = List.of("en/name.yml", "en-AU.yml", "de.yml", "es.yml",
      "it.yml", "pl.yml", "sv.yml", "en-IN.yml", "da-DK.yml", "nb-NO.yml");
  /**
   * Further Latin-script datafaker locales whose names detection also loads (a hospital sees patients of every
   * origin). French (fr-CA, fr-CH) and Portuguese (pt) stay out: they would empty the corpus's held-out locales.
   */
  public static final List<String> MORE_DETECTION_LOCALES = List.of("ca.yml", "cs-CZ.yml", "sk.yml", "hr.yml",
      "sq.yml", "lv.yml", "et.yml", "id-ID.yml", "uz.yml", "ro-MD.yml", "en-IE.yml", "en-NEP.yml", "en-NZ.yml",
      "en-PAK.yml", "en-PH.yml", "en-SG.yml", "en-UG.yml", "en-ZA.yml", "es-AR.yml", "es-MX.yml", "no-NO.yml");
  /** Cyrillic and Greek locales, loaded through {@link Transliteration} ("Ефремова" → "Efremova", "Yefremova"). */
  public static final List<String> TRANSLITERATED_LOCALES = List.of("ru.yml", "uk.yml", "be.yml", "bg.yml",
      "mk.yml", "el-GR.yml");
  private static final Lexicon INSTANCE = load();

  private final Map<String, Integer> firstNames;
  private final Map<String, Integer> lastNames;
  private final Set<String> englishWords;
  private final Set<String> clinicalTerms;
  private final Set<String> eponyms;

  private Lexicon(Map<String, Integer> firstNames, Map<String, Integer> lastNames, Set<String> englishWords,
      Set<String> clinicalTerms, Set<String> eponyms) {
    this.firstNames = firstNames;
    this.lastNames = lastNames;
    this.englishWords = englishWords;
    this.clinicalTerms = clinicalTerms;
    this.eponyms = eponyms;
  }

  public static Lexicon get() {
    return INSTANCE;
  }

  /** How many detection lists hold {@code word} as a first or last name (0 when none). */
  public int nameFrequency(String word) {
    String w = lower(word);
    return firstNames.getOrDefault(w, 0) + lastNames.getOrDefault(w, 0);
  }

  public boolean isFirstName(String word) {
    return firstNames.containsKey(lower(word));
  }

  public boolean isLastName(String word) {
    return lastNames.containsKey(lower(word));
  }

  public boolean isName(String word) {
    return nameFrequency(word) > 0;
  }

  /** An ordinary English word (lower-case dictionary entry), e.g. "brown", "will", "chest". */
  public boolean isEnglishWord(String word) {
    return englishWords.contains(lower(word));
  }

  /** A clinical word the precision guard keeps: eponym, drug, clinical vocabulary, month, weekday. */
  public boolean isClinicalTerm(String word) {
    return clinicalTerms.contains(lower(word));
  }

  /** An eponym of the clinical guard ("graves", "wilson"): a person's name unless used as a disease or sign. */
  public boolean isEponym(String word) {
    return eponyms.contains(lower(word));
  }

  /** Every first and last name of the detection dictionaries (lower case). */
  public Set<String> allNames() {
    Set<String> all = new HashSet<>(firstNames.keySet());
    all.addAll(lastNames.keySet());
    return all;
  }

  /** The English word list (lower case), read-only; training data of {@link NameShapeModel}. */
  Set<String> englishWords() {
    return java.util.Collections.unmodifiableSet(englishWords);
  }

  /** The clinical precision guard (lower case), read-only; training data of {@link NameShapeModel}. */
  Set<String> clinicalTerms() {
    return java.util.Collections.unmodifiableSet(clinicalTerms);
  }

  static String lower(String word) {
    return word.toLowerCase(Locale.ROOT);
  }

  private static Lexicon load() {
    Map<String, Integer> first = new HashMap<>();
    Map<String, Integer> last = new HashMap<>();
    List<String> latin = new java.util.ArrayList<>(DETECTION_LOCALES);
    latin.addAll(MORE_DETECTION_LOCALES);
    for (String file : latin) {
      Map<String, List<String>> lists = namesOf(file);
      firstNames(lists).forEach(n -> first.merge(lower(n), 1, Integer::sum));
      lastNames(lists).forEach(n -> last.merge(lower(n), 1, Integer::sum));
    }
    for (String file : TRANSLITERATED_LOCALES) {
      Map<String, List<String>> lists = namesOf(file);
      firstNames(lists).stream().flatMap(n -> Transliteration.latin(n).stream()).distinct()
          .forEach(n -> first.merge(n, 1, Integer::sum));
      lastNames(lists).stream().flatMap(n -> Transliteration.latin(n).stream()).distinct()
          .forEach(n -> last.merge(n, 1, Integer::sum));
    }
    return new Lexicon(first, last, words("/deid/english-words.txt.gz", true), words("/deid/clinical-terms.txt", false),
        eponymSection());
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
    try (InputStream in = Lexicon.class.getResourceAsStream("/" + resource)) {
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

  /** The first section of clinical-terms.txt ("# eponyms and named signs, ..."), up to the next comment line. */
  private static Set<String> eponymSection() {
    Set<String> out = new HashSet<>();
    try (InputStream in = Lexicon.class.getResourceAsStream("/deid/clinical-terms.txt")) {
      if (in == null) {
        throw new IllegalStateException("word list /deid/clinical-terms.txt is missing from the classpath");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      boolean inside = false;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.startsWith("#")) {
          if (inside) {
            break;
          }
          inside = line.startsWith("# eponyms");
        } else if (inside) {
          for (String w : line.strip().split("\\s+")) {
            if (!w.isEmpty()) {
              out.add(lower(w));
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read word list /deid/clinical-terms.txt", e);
    }
    return out;
  }

  private static Set<String> words(String resource, boolean gzip) {
    Set<String> out = new HashSet<>();
    try (InputStream raw = Lexicon.class.getResourceAsStream(resource)) {
      if (raw == null) {
        throw new IllegalStateException("word list " + resource + " is missing from the classpath");
      }
      InputStream in = gzip ? new GZIPInputStream(raw) : raw;
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.startsWith("#")) {
          for (String w : line.strip().split("\\s+")) {
            if (!w.isEmpty()) {
              out.add(lower(w));
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read word list " + resource, e);
    }
    return out;
  }
}
