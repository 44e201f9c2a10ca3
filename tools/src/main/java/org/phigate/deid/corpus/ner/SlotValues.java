package org.phigate.deid.corpus.ner;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Word lists of the NER training templates' generic slots ({@code /deid/ner/slot-values.tsv}): family-name
 * particles, facility forms, words of multi-word street names, letters with diacritics, the clinical words after an
 * eponym ("score", "sign") and Latin species endings (negatives).
 */
final class SlotValues {
  static final List<String> PARTICLES = column("particle");
  static final List<String> FACILITIES = column("facility");
  static final List<String> STREET_WORDS = column("street-word");
  static final List<String> EPONYM_HEADS = column("eponym-head");
  static final List<String> SPECIES_ENDINGS = column("species-ending");
  private static final List<String> ACCENTS = column("accent");

  private SlotValues() {}

  /** {@code word} with one or two of its vowels (or d, o, s, c) replaced by a letter with a diacritic. */
  static String accented(String word, Random rnd) {
    StringBuilder b = new StringBuilder(word);
    for (int k = 1 + rnd.nextInt(2); k > 0; k--) {
      int i = rnd.nextInt(b.length());
      for (String pair : ACCENTS) {
        if (pair.charAt(0) == b.charAt(i)) {
          String options = pair.substring(2);
          b.setCharAt(i, options.charAt(rnd.nextInt(options.length())));
          break;
        }
      }
    }
    return b.toString();
  }

  private static List<String> column(String kind) {
    try (InputStream in = SlotValues.class.getResourceAsStream("/deid/ner/slot-values.tsv")) {
      if (in == null) {
        throw new IllegalStateException("NER slot values missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(l -> l.startsWith(kind + "\t")).map(l -> l.substring(kind.length() + 1)).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the NER slot values", e);
    }
  }
}
