package org.phigate.deid.corpus.hard;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.phigate.deid.corpus.CorpusResources;
import org.phigate.gazetteer.Gazetteer;
import org.phigate.gazetteer.Lexicon;

/**
 * The dev-hard corpus's value lists ({@code /deid/devhard/*.txt}), with every given and family name that a detector
 * list holds (gazetteer, name dictionaries, English words) and every town that is, or has a word that is, a listed
 * place or name dropped, so recall on them measures context and the model, not the lists. The well-known cities and English-word given names are listed on purpose.
 */
final class DevHardLists {
  /** A place and its state. */
  record Town(String name, String state) {}

  private static final Gazetteer.Kind[] LISTED = {Gazetteer.Kind.FIRST_NAME, Gazetteer.Kind.SURNAME,
      Gazetteer.Kind.PLACE, Gazetteer.Kind.COUNTY, Gazetteer.Kind.WORLD_CITY, Gazetteer.Kind.COMMON_WORD,
      Gazetteer.Kind.CLINICAL, Gazetteer.Kind.COUNTRY};
  final List<String> given = new ArrayList<>();
  final List<String> family = new ArrayList<>();
  final List<String> wordNames = new ArrayList<>();
  final List<Town> towns = new ArrayList<>();
  final List<Town> cities = new ArrayList<>();
  final List<String> streets = new ArrayList<>();
  final List<String> streetTypes = new ArrayList<>();
  private final Gazetteer gazetteer = Gazetteer.shipped();
  private final Lexicon lexicon = Lexicon.get();

  private DevHardLists() {}

  static DevHardLists load() {
    DevHardLists l = new DevHardLists();
    lines("given-names.txt").forEach(line -> List.of(line.split("\\s+")).stream().filter(l::unlisted)
        .forEach(l.given::add));
    lines("family-names.txt").stream().filter(l::unlisted).forEach(l.family::add);
    lines("word-names.txt").forEach(line -> l.wordNames.addAll(List.of(line.split("\\s+"))));
    for (String line : lines("towns.txt")) {
      String[] f = line.split("\t");
      if (l.unlistedPlace(f[0])) {
        l.towns.add(new Town(f[0], f[1]));
      }
    }
    for (String line : lines("cities.txt")) {
      String[] f = line.split("\t");
      l.cities.add(new Town(f[0], f[1]));
    }
    l.streets.addAll(lines("streets.txt"));
    l.streetTypes.addAll(lines("street-types.txt"));
    return l;
  }

  /** No word of three or more letters is a listed name, place or word. */
  boolean unlisted(String entry) {
    for (String part : entry.split("[\\s\\-'’]+")) {
      String p = part.toLowerCase(Locale.ROOT);
      if (p.length() < 3) {
        continue;
      }
      if (lexicon.isName(p) || lexicon.isEnglishWord(p) || lexicon.isClinicalTerm(p)) {
        return false;
      }
      int[] w = gazetteer.lookup(part);
      for (Gazetteer.Kind k : LISTED) {
        if (w[k.ordinal()] > 0) {
          return false;
        }
      }
    }
    return true;
  }

  /** Neither the town nor any word of it is a listed place (street names may be English words, as streets are). */
  boolean unlistedPlace(String town) {
    for (String part : (town + " " + town.replace(' ', '\u0000')).split(" ")) {
      int[] w = gazetteer.lookup(part.replace('\u0000', ' '));
      if (part.length() >= 3 && (w[Gazetteer.Kind.PLACE.ordinal()] > 0 || w[Gazetteer.Kind.WORLD_CITY.ordinal()] > 0
          || w[Gazetteer.Kind.COUNTY.ordinal()] > 0 || lexicon.isName(part.toLowerCase(Locale.ROOT)))) {
        return false;
      }
    }
    return true;
  }

  static List<String> lines(String file) {
    return CorpusResources.listLines("/deid/devhard/" + file, "dev-hard corpus file");
  }

  static List<String> rawLines(String file) {
    return CorpusResources.rawLines("/deid/devhard/" + file, "dev-hard corpus file");
  }
}
