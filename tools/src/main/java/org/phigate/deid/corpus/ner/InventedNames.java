package org.phigate.deid.corpus.ner;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Names no list holds, for the NER training corpus: a character trigram chain trained on the gazetteer's own name or
 * place lists writes new words of the same look ("Dorvenka", "Maltreth"), and any word that is already in a list
 * (or fails {@code allowed}) is drawn again. Taught on them, the model has to read a name from its context and shape,
 * since it cannot have seen the word.
 */
final class InventedNames {
  private static final char START = '^';
  private static final char END = '$';
  private final Map<String, List<Character>> next = new HashMap<>();
  private final Set<String> known;
  private final Predicate<String> allowed;

  InventedNames(List<String> from, Predicate<String> allowed) {
    this.allowed = allowed;
    this.known = new HashSet<>();
    for (String word : from) {
      String w = word.toLowerCase(Locale.ROOT);
      if (!w.chars().allMatch(Character::isLetter) || w.length() < 3) {
        continue;
      }
      known.add(w);
      String padded = "" + START + START + w + END;
      for (int i = 2; i < padded.length(); i++) {
        next.computeIfAbsent(padded.substring(i - 2, i), k -> new ArrayList<>()).add(padded.charAt(i));
      }
    }
  }

  /** A new title-case word of 4 to 11 letters. */
  String next(Random rnd) {
    for (int attempt = 0; attempt < 200; attempt++) {
      StringBuilder w = new StringBuilder();
      String state = "" + START + START;
      while (w.length() < 12) {
        List<Character> options = next.get(state);
        char c = options.get(rnd.nextInt(options.size()));
        if (c == END) {
          break;
        }
        w.append(c);
        state = state.substring(1) + c;
      }
      String word = w.toString();
      if (word.length() >= 4 && word.length() <= 11 && !known.contains(word) && allowed.test(word)) {
        return GazetteerPools.title(word);
      }
    }
    throw new IllegalStateException("the name chain wrote no new word in 200 attempts");
  }
}
