package org.phigate.deid.corpus.frozen;

import java.util.List;
import java.util.Locale;

/** Read-only views of the frozen corpus's lists for checks from other packages (tests that keep data sets apart). */
public final class FrozenCorpusLists {
  private FrozenCorpusLists() {}

  /** The English-word given names (lower case): in the detector's lists on purpose, so also in training. */
  public static List<String> wordNames() {
    return FrozenLists.lines("word-names.txt").stream().flatMap(l -> java.util.Arrays.stream(l.split("\\s+")))
        .map(w -> w.toLowerCase(Locale.ROOT)).toList();
  }
}
