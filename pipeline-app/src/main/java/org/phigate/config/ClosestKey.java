package org.phigate.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import org.apache.commons.text.similarity.LevenshteinDistance;

/** The known name closest to a misspelled one, for "did you mean ...?" hints. */
final class ClosestKey {
  private static final LevenshteinDistance DISTANCE = LevenshteinDistance.getDefaultInstance();

  private ClosestKey() {}

  /** The closest candidate within a third of the name's length (a typo, not a different key), if any. */
  static Optional<String> of(String name, Collection<String> candidates) {
    int limit = Math.max(2, name.length() / 3);
    return candidates.stream()
        .map(c -> new Scored(c, DISTANCE.apply(name, c)))
        .filter(s -> s.distance() <= limit)
        .min(Comparator.comparingInt(Scored::distance).thenComparing(Scored::candidate))
        .map(Scored::candidate);
  }

  private record Scored(String candidate, int distance) {}
}
