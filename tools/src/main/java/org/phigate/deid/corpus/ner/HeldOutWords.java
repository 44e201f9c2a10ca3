package org.phigate.deid.corpus.ner;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.phigate.deid.corpus.CorpusResources;

/**
 * The words the evaluation corpora hold out (the frozen and dev-hard corpora's given names, family names, towns and
 * streets, less English words and listed names such as a town's "Mills"; not their English-word given names or
 * well-known cities, which are in the detector's lists on purpose):
 * a training value holding one of them, by chance of the letter chain or a diacritic, is drawn again.
 */
final class HeldOutWords {
  private static final List<String> FILES = List.of("/deid/frozen/given-names.txt", "/deid/frozen/family-names.txt",
      "/deid/frozen/towns.txt", "/deid/frozen/streets.txt", "/deid/devhard/given-names.txt",
      "/deid/devhard/family-names.txt", "/deid/devhard/towns.txt", "/deid/devhard/streets.txt");
  private final Set<String> words = new HashSet<>();

  HeldOutWords() {
    org.phigate.deid.detect.Lexicon lexicon = org.phigate.deid.detect.Lexicon.get();
    for (String file : FILES) {
      for (String line : CorpusResources.listLines(file, "held-out list")) {
        for (String w : line.split("[^\\p{L}]+")) {
          String lower = w.toLowerCase(Locale.ROOT);
          if (w.length() > 3 && !lexicon.isEnglishWord(lower) && !lexicon.isName(lower)) {
            words.add(lower);
          }
        }
      }
    }
  }

  /** Whether {@code value} holds a held-out word of four or more letters (any case). */
  boolean holds(String value) {
    for (String w : value.split("[^\\p{L}]+")) {
      if (w.length() > 3 && words.contains(w.toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }
}
