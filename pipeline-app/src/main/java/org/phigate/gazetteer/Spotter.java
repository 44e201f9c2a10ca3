package org.phigate.gazetteer;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.phigate.gazetteer.Gazetteer.Kind;
import org.phigate.gazetteer.Gazetteer.Match;

/**
 * Turns gazetteer matches into scored person and place candidates, deciding ambiguity by frequency and word lists
 * (before any context is read):
 * <ul>
 *   <li>a county ("Ada County") is a place; a US place named by several ZIP codes ("Boise") that is no common word
 *       or name is a place on its own; a place that is also a common word, a name or clinical vocabulary ("Mobile",
 *       "Jackson", "Bell"), a small place or a world city needs a place cue ("moved to ..."), or a state after it;
 *   <li>a given name followed by a capitalized family name or unknown word is a person ("Hazel Okafor"); a given name
 *       alone is one when it is no common word; one that is ("Hazel", "Summer", "Hunter") needs a person cue;
 *   <li>a street type after capitalized words ("Larkin Way", "Oak Pl") is a street; without a house number it needs
 *       a street cue ("the one on ...");
 *   <li>a country ("India", "Georgia") is not PHI: never a place, and a person only with a family name after it.
 * </ul>
 * Case: entries match whatever their case; a candidate in mixed-case text must be capitalized, and in text typed all
 * in lower case every candidate needs a cue.
 */
public final class Spotter {
  /** What a candidate names. */
  public enum Type { PERSON, PLACE, STREET }

  /** One candidate: words {@code first..last}, offsets, base score, and the cue set that would raise it. */
  public record Spot(Type type, int first, int last, int start, int end, double score, String cues) {}

  /** Score at and above which a candidate is PHI. */
  public static final double THRESHOLD = 0.5;
  static final double BARE = 0.7;
  static final double NEEDS_CUE = 0.3;
  /** ZIP codes a US place needs to count as well known (Boise 28, Reading PA 12; most villages 1). */
  static final int WELL_KNOWN_ZIPS = 5;
  private static final int MIN_GIVEN_NAME_BIRTHS = 1000;
  private static final Set<String> STATES = Set.of("al", "ak", "az", "ar", "ca", "co", "ct", "de", "dc", "fl", "ga",
      "hi", "id", "il", "in", "ia", "ks", "ky", "la", "me", "md", "ma", "mi", "mn", "ms", "mo", "mt", "ne", "nv", "nh",
      "nj", "nm", "ny", "nc", "nd", "oh", "ok", "or", "pa", "ri", "sc", "sd", "tn", "tx", "ut", "vt", "va", "wa", "wv",
      "wi", "wy", "pr");
  private static final Set<String> PARTICLES = Set.of("de", "del", "la", "le", "van", "von", "der", "den", "da", "di",
      "du", "of", "the");
  private static final Set<String> FUNCTION_WORDS = Set.of("the", "a", "an", "my", "our", "your", "his", "her",
      "their", "its", "this", "that", "these", "those", "every", "each", "any", "some", "no", "one", "all", "new", "old");
  private final Gazetteer gazetteer;

  public Spotter(Gazetteer gazetteer) {
    this.gazetteer = gazetteer;
  }

  public Gazetteer gazetteer() {
    return gazetteer;
  }

  /** Every candidate in the text, longest entry first where entries nest. */
  public List<Spot> spots(Words w) {
    List<Match> matches = gazetteer.scan(w);
    Match[] longest = new Match[w.size()];
    for (Match m : matches) {
      if (longest[m.first()] == null || m.last() > longest[m.first()].last()) {
        longest[m.first()] = m;
      }
    }
    List<Spot> out = new ArrayList<>();
    int covered = -1;
    for (int i = 0; i < w.size(); i++) {
      Match m = longest[i];
      if (m == null || m.last() <= covered) {
        continue;
      }
      int before = out.size();
      place(w, m, out);
      if (m.first() == m.last()) {
        person(w, m, longest, out);
        street(w, m, longest, out);
      }
      if (out.size() > before) {
        covered = out.get(out.size() - 1).last();
      }
    }
    // "Larkin Way": the words of a street are not a person as well
    List<Spot> streets = out.stream().filter(s -> s.type() == Type.STREET).toList();
    out.removeIf(s -> s.type() == Type.PERSON && streets.stream().anyMatch(t -> t.start() <= s.start()
        && s.end() <= t.end()));
    return out;
  }

  private void place(Words w, Match m, List<Spot> out) {
    if (!(m.is(Kind.PLACE) || m.is(Kind.COUNTY) || m.is(Kind.WORLD_CITY)) || m.is(Kind.COUNTRY)
        || !shaped(w, m.first(), m.last())) {
      return;
    }
    if (m.is(Kind.COUNTY) && m.last() > m.first()) {
      out.add(spot(w, Type.PLACE, m.first(), m.last(), 0.85, "PLACE"));
      return;
    }
    boolean ambiguous = m.first() == m.last() && (m.is(Kind.COMMON_WORD) || m.is(Kind.CLINICAL)
        || m.is(Kind.FIRST_NAME) || m.is(Kind.SURNAME) || m.is(Kind.STREET_TYPE));
    if (ambiguous && w.lowerCaseText()) {
      return;
    }
    double score = !ambiguous && m.weight(Kind.PLACE) >= WELL_KNOWN_ZIPS ? BARE : NEEDS_CUE;
    if (stateAfter(w, m.last())) {
      score += 0.4;
    }
    out.add(spot(w, Type.PLACE, m.first(), m.last(), Math.min(0.95, score), ambiguous ? "PLACE_STRONG" : "PLACE"));
  }

  private void person(Words w, Match m, Match[] longest, List<Spot> out) {
    int i = m.first();
    boolean given = m.is(Kind.FIRST_NAME);
    if (!given && !m.is(Kind.SURNAME) || !shaped(w, i, i) || m.is(Kind.CLINICAL) || m.is(Kind.STREET_TYPE)) {
      return;
    }
    boolean common = m.is(Kind.COMMON_WORD);
    // typed in lower case, short names are too often abbreviations ("pt on asa 81 mg")
    if (w.lowerCaseText() && (common || w.lower(i).length() <= 3)) {
      return;
    }
    int next = i + 1;
    if (given && next < w.size() && w.joined(i) && w.capitalized(next) && !w.allCaps(next)
        && w.text().charAt(w.end(i)) == ' ') {
      Match after = longest[next];
      boolean surname = after != null && after.first() == after.last() && after.is(Kind.SURNAME);
      boolean plainWord = after != null && after.first() == after.last()
          && (after.is(Kind.COMMON_WORD) || after.is(Kind.CLINICAL) || after.is(Kind.STREET_TYPE));
      if (!plainWord || surname) {
        double score = common && (plainWord || after == null) ? 0.45 : common ? 0.6 : 0.75;
        out.add(spot(w, Type.PERSON, i, next, score, "PERSON"));
        return;
      }
    }
    // "from India", "travel to Kenya": a country alone is no person
    if (m.is(Kind.COUNTRY)) {
      return;
    }
    boolean frequent = m.weight(Kind.FIRST_NAME) >= MIN_GIVEN_NAME_BIRTHS;
    // an all-capital word alone is more often a code or heading ("GEO=1", "ASA") than a given name
    double score = !common && frequent && !w.sentenceStart(i) && !eponymUse(w, i) && !w.allCaps(i) ? 0.55
        : common ? 0.2 : NEEDS_CUE;
    out.add(spot(w, Type.PERSON, i, i, score, "PERSON"));
  }

  private void street(Words w, Match m, Match[] longest, List<Spot> out) {
    int t = m.first();
    if (!m.is(Kind.STREET_TYPE) || !w.capitalized(t) || t == 0
        // "Dr. Adams", "St. Mary's", "Wall Street Journal", "Main Street Clinic": part of another name
        || t + 1 < w.size() && w.joined(t) && w.capitalized(t + 1)) {
      return;
    }
    int first = t;
    while (first - 1 >= 0 && t - first < 4 && w.joined(first - 1) && w.text().charAt(w.end(first - 1)) == ' '
        && (streetWord(w, first - 1) || PARTICLES.contains(w.lower(first - 1)) && first - 2 >= 0
        && streetWord(w, first - 2))) {
      first--;
    }
    if (first == t || !w.capitalized(first) && !Character.isDigit(w.text().charAt(w.start(first)))) {
      return;
    }
    boolean placeWord = false;
    for (int k = first; k < t; k++) {
      Match word = longest[k] != null && longest[k].last() == k ? longest[k] : null;
      if (word != null && (word.is(Kind.CLINICAL) || FUNCTION_WORDS.contains(w.lower(k)))) {
        return;
      }
      placeWord |= word == null || !word.is(Kind.COMMON_WORD) || word.is(Kind.FIRST_NAME) || word.is(Kind.SURNAME)
          || Character.isDigit(w.text().charAt(w.start(k)));
    }
    // "referred to Mary Lane": a given name before a street word that is also a name is a person
    Match before = longest[first];
    if (t - first == 1 && before != null && before.is(Kind.FIRST_NAME) && !before.is(Kind.COMMON_WORD)
        && (m.is(Kind.FIRST_NAME) || m.is(Kind.SURNAME))) {
      return;
    }
    boolean number = first > 0 && Character.isDigit(w.text().charAt(w.start(first - 1))) && w.joined(first - 1);
    if (!number && m.weight(Kind.STREET_TYPE) < 2) {
      return;
    }
    int end = w.end(t);
    // "Ane Flats Blvd. every Monday": the period of an abbreviation inside a sentence
    if (end + 2 < w.text().length() && w.text().charAt(end) == '.' && w.text().charAt(end + 1) == ' '
        && Character.isLowerCase(w.text().charAt(end + 2))) {
      end++;
    }
    int from = number ? first - 1 : first;
    out.add(new Spot(Type.STREET, from, t, w.start(from), end, number ? 0.8 : NEEDS_CUE,
        placeWord ? "STREET" : "STREET_STRONG"));
  }

  /** A capitalized word or an ordinal ("5th") that can name a street. */
  private static boolean streetWord(Words w, int k) {
    return w.capitalized(k) && !w.allCaps(k) || w.lower(k).matches("\\d{1,3}(?:st|nd|rd|th)");
  }

  /** "Ballard score", "Candida auris": a capitalized word right before a lower-case word of the same phrase. */
  private static boolean eponymUse(Words w, int i) {
    return i + 1 < w.size() && w.joined(i) && !w.capitalized(i + 1) && Character.isLetter(w.text().charAt(w.start(i + 1)));
  }

  /**
   * Capitalized (every word but particles; not a two-letter code such as "OH") in mixed-case text; anything in
   * lower-case text (then a cue decides).
   */
  private static boolean shaped(Words w, int first, int last) {
    if (w.lowerCaseText()) {
      return true;
    }
    for (int k = first; k <= last; k++) {
      if (!w.capitalized(k) && (k == first || w.lower(k).length() > 3)
          || w.allCaps(k) && w.lower(k).length() <= (first == last ? 4 : 2)) {
        return false;
      }
    }
    return true;
  }

  private static boolean stateAfter(Words w, int last) {
    int next = last + 1;
    return next < w.size() && w.text().substring(w.end(last), w.start(next)).matches(",\\s?")
        && (STATES.contains(w.lower(next)) && w.allCaps(next));
  }

  private Spot spot(Words w, Type type, int first, int last, double score, String cues) {
    double s = w.lowerCaseText() ? Math.min(score, NEEDS_CUE) : score;
    return new Spot(type, first, last, w.start(first), w.end(last), s, cues);
  }
}
