package org.phigate.gazetteer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Word lists for name detection, loaded once: given and family names with a frequency proxy (how many of
 * datafaker's detection-locale lists hold the name; generated at build time into {@code deid/gazetteer/given-names.tsv.gz}
 * and {@code surnames.tsv.gz}, Cyrillic and Greek names in Latin spellings; the corpus generator's held-out locales
 * nl, fr, pt-BR, vi, tr, fi-FI, en-NG, hu are never in them), English words (SCOWL, lower-case entries) and the
 * clinical precision guard (eponyms, drug names, clinical words). Names that are also English words stay weak in
 * the name tokens of {@code org.phigate.deid.detect}.
 */
public final class Lexicon {
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
    Entry e = entry(word);
    return e.first + e.last;
  }

  public boolean isFirstName(String word) {
    return (entry(word).flags & FIRST) != 0;
  }

  public boolean isLastName(String word) {
    return (entry(word).flags & LAST) != 0;
  }

  public boolean isName(String word) {
    return nameFrequency(word) > 0;
  }

  /** An ordinary English word (lower-case dictionary entry), e.g. "brown", "will", "chest". */
  public boolean isEnglishWord(String word) {
    return (entry(word).flags & ENGLISH) != 0;
  }

  /** A clinical word the precision guard keeps: eponym, drug, clinical vocabulary, month, weekday. */
  public boolean isClinicalTerm(String word) {
    return (entry(word).flags & CLINICAL) != 0;
  }

  /** An eponym of the clinical guard ("graves", "wilson"): a person's name unless used as a disease or sign. */
  public boolean isEponym(String word) {
    return (entry(word).flags & EPONYM) != 0;
  }

  private static final int ENGLISH = 1;
  private static final int CLINICAL = 2;
  private static final int EPONYM = 4;
  private static final int FIRST = 8;
  private static final int LAST = 16;
  private static final int RECENT = 1 << 16;

  /** What the lists say about one word as written (a name's counts are 0 when no list holds it). */
  private record Entry(String word, int first, int last, int flags) {}

  /**
   * The last words looked up, one per hash slot: a text asks about the same word many times (each detector, each
   * frame), and each answer would otherwise lower-case it and probe up to five large tables. Slots are replaced
   * whole (immutable entries), so threads sharing the lexicon see either entry, both right.
   */
  private final Entry[] recent = new Entry[RECENT];

  private Entry entry(String word) {
    int slot = word.hashCode() & (RECENT - 1);
    Entry e = recent[slot];
    if (e != null && e.word.equals(word)) {
      return e;
    }
    String w = lower(word);
    Integer first = firstNames.get(w);
    Integer last = lastNames.get(w);
    e = new Entry(word, first == null ? 0 : first, last == null ? 0 : last,
        (englishWords.contains(w) ? ENGLISH : 0) | (clinicalTerms.contains(w) ? CLINICAL : 0)
        | (eponyms.contains(w) ? EPONYM : 0) | (first != null ? FIRST : 0) | (last != null ? LAST : 0));
    recent[slot] = e;
    return e;
  }

  /** Every first and last name of the detection dictionaries (lower case). */
  public Set<String> allNames() {
    Set<String> all = new HashSet<>(firstNames.keySet());
    all.addAll(lastNames.keySet());
    return all;
  }

  /** The English word list (lower case), read-only; training data of the name-shape model of {@code org.phigate.deid.detect}. */
  public Set<String> englishWords() {
    return java.util.Collections.unmodifiableSet(englishWords);
  }

  /** The clinical precision guard (lower case), read-only; training data of the name-shape model of {@code org.phigate.deid.detect}. */
  public Set<String> clinicalTerms() {
    return java.util.Collections.unmodifiableSet(clinicalTerms);
  }

  public static String lower(String word) {
    return word.toLowerCase(Locale.ROOT);
  }

  private static Lexicon load() {
    return new Lexicon(counts("/deid/gazetteer/given-names.tsv.gz"), counts("/deid/gazetteer/surnames.tsv.gz"),
        words("/deid/english-words.txt.gz", true), words("/deid/clinical-terms.txt", false), eponymSection());
  }

  /** {@code name TAB count} lines of a generated list. */
  private static Map<String, Integer> counts(String resource) {
    Map<String, Integer> out = new HashMap<>();
    try (InputStream raw = Lexicon.class.getResourceAsStream(resource)) {
      if (raw == null) {
        throw new IllegalStateException("name list " + resource + " is missing from the classpath");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw),
          StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.startsWith("#")) {
          String[] f = line.split("\t");
          out.put(f[0], Integer.parseInt(f[1]));
        }
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
