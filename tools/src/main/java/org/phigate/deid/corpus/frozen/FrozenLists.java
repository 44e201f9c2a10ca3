package org.phigate.deid.corpus.frozen;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.phigate.deid.corpus.CorpusResources;
import org.phigate.deid.corpus.NamePools;
import org.phigate.gazetteer.Gazetteer;
import org.phigate.gazetteer.Lexicon;

/**
 * The frozen corpus's own value lists ({@code /deid/frozen/*.txt} in the tools jar), with every entry a detector list
 * (gazetteers, name dictionaries, English words) or the development corpus holds removed, so the frozen corpus
 * measures what the detector does with names and places it has never seen. {@link #dropped()} counts what was removed.
 */
public final class FrozenLists {
  /** A town and its state. */
  public record Town(String name, String state) {}

  private static final Gazetteer.Kind[] LISTED = {Gazetteer.Kind.FIRST_NAME, Gazetteer.Kind.SURNAME,
      Gazetteer.Kind.PLACE, Gazetteer.Kind.COUNTY, Gazetteer.Kind.WORLD_CITY, Gazetteer.Kind.COMMON_WORD,
      Gazetteer.Kind.CLINICAL, Gazetteer.Kind.COUNTRY};
  final List<String> given = new ArrayList<>();
  final List<String> family = new ArrayList<>();
  final List<String> wordNames = new ArrayList<>();
  final List<Town> towns = new ArrayList<>();
  final List<Town> knownCities = new ArrayList<>();
  final List<String> streets = new ArrayList<>();
  private final Gazetteer gazetteer;
  private final Lexicon lexicon;
  private final Set<String> devNames;
  private int dropped;

  private FrozenLists(Gazetteer gazetteer, Lexicon lexicon, Set<String> devNames) {
    this.gazetteer = gazetteer;
    this.lexicon = lexicon;
    this.devNames = devNames;
  }

  /** The lists, filtered against the shipped gazetteers, the name dictionaries and the development corpus. */
  public static FrozenLists load() {
    Set<String> dev = new HashSet<>();
    NamePools.get().heldOutNames().forEach(n -> dev.add(n.toLowerCase(Locale.ROOT)));
    FrozenLists l = new FrozenLists(Gazetteer.shipped(), Lexicon.get(), dev);
    for (String line : lines("given-names.txt")) {
      for (String n : line.split("\\s+")) {
        l.keepName(n, l.given);
      }
    }
    for (String line : lines("family-names.txt")) {
      for (String n : line.split("\\|")) {
        l.keepName(n.strip(), l.family);
      }
    }
    for (String line : lines("word-names.txt")) {
      l.wordNames.addAll(List.of(line.split("\\s+")));
    }
    for (String line : lines("towns.txt")) {
      String[] f = line.split("\t");
      if (l.unlistedPlace(f[0])) {
        l.towns.add(new Town(f[0], f[1]));
      } else {
        l.dropped++;
        if (System.getenv("PHIGATE_FROZEN_DEBUG") != null) {
          System.err.println("dropped town " + f[0]);
        }
      }
    }
    for (String line : lines("known-cities.txt")) {
      String[] f = line.split("\t");
      l.knownCities.add(new Town(f[0], f[1]));
    }
    l.streets.addAll(lines("streets.txt"));
    return l;
  }

  /** How many list entries were removed because a detector list or the development corpus holds them. */
  public int dropped() {
    return dropped;
  }

  /** Pool sizes after filtering, for the corpus README and the generator's report. */
  public String describe() {
    return String.format("given %d, family %d, word-names %d, towns %d, known cities %d, streets %d; %d entries "
        + "dropped as listed", given.size(), family.size(), wordNames.size(), towns.size(), knownCities.size(),
        streets.size(), dropped);
  }

  private void keepName(String name, List<String> to) {
    if (name.isBlank()) {
      return;
    }
    if (unlistedName(name)) {
      to.add(name);
    } else {
      dropped++;
    }
  }

  /** No word of three or more letters in the name is a listed name, place or word, nor a development corpus name. */
  boolean unlistedName(String name) {
    if (devNames.contains(name.toLowerCase(Locale.ROOT))) {
      return false;
    }
    for (String part : name.split("[\\s\\-']+")) {
      String p = part.toLowerCase(Locale.ROOT);
      if (p.length() < 3) {
        continue;
      }
      if (listed(part) || lexicon.isName(p) || lexicon.isEnglishWord(p) || devNames.contains(p)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The whole place is not listed, nor is its head word (the first word after a prefix such as North or Little): a
   * generic word later in the name ("Springs", "Bend") may be listed on its own without naming this place.
   */
  boolean unlistedPlace(String place) {
    if (listed(place)) {
      return false;
    }
    String[] parts = place.split("[\\s\\-']+");
    int head = 0;
    while (head < parts.length - 1 && PREFIXES.contains(parts[head].toLowerCase(Locale.ROOT))) {
      head++;
    }
    int[] w = gazetteer.lookup(parts[head]);
    return w[Gazetteer.Kind.PLACE.ordinal()] == 0 && w[Gazetteer.Kind.WORLD_CITY.ordinal()] == 0
        && w[Gazetteer.Kind.COUNTY.ordinal()] == 0;
  }

  private static final Set<String> PREFIXES = Set.of("north", "south", "east", "west", "upper", "lower", "little",
      "nether", "saint", "lesser", "great", "new", "old");

  private boolean listed(String entry) {
    int[] w = gazetteer.lookup(entry);
    for (Gazetteer.Kind k : LISTED) {
      if (w[k.ordinal()] > 0) {
        return true;
      }
    }
    return false;
  }

  static List<String> lines(String file) {
    return CorpusResources.listLines("/deid/frozen/" + file, "frozen corpus list");
  }
}
