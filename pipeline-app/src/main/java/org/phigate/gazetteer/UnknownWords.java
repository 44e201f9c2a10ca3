package org.phigate.gazetteer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.phigate.gazetteer.Gazetteer.Kind;
import org.phigate.gazetteer.Spotter.Spot;
import org.phigate.gazetteer.Spotter.Type;

/**
 * Person and place candidates from words no list knows: a word that is no English word, clinical term, listed name,
 * place, street type or country, written where proper nouns stand (capitalized inside a sentence, or any word of a
 * text typed in lower case), scored by its shape and by the words around it; a run of such words and listed names is
 * one candidate, and one followed by facility words ("Quimby Family Medicine") is a place. Weights and words are
 * data: {@code deid/gazetteer/unknown-words.tsv}.
 */
public final class UnknownWords {
  private static final String RESOURCE = "/deid/gazetteer/unknown-words.tsv";
  private static final int MAX_RUN = 4;
  /** No cue set: the registry's context enhancement adds nothing, the cues were read here. */
  private static final String NO_CUES = "UNKNOWN_WORDS";
  /** The datafaker lists of English medical vocabulary whose words are known words here. */
  private static final List<String> MEDICAL_LISTS = List.of("/en/medical.yml", "/en/medication.yml", "/en/disease.yml",
      "/en/nation.yml");
  /** Lists of those files left out: hospital names and capitals hold place and person names, codes no words. */
  private static final Set<String> NOT_VOCABULARY = Set.of("hospital_name", "diagnosis_code", "procedure_code",
      "capital_city", "flag");
  private static final Set<String> MEDICAL = medicalWords();
  private final Gazetteer gazetteer;
  private final Map<String, Double> weights;
  private final Map<String, Set<String>> words;

  public UnknownWords(Gazetteer gazetteer) {
    this.gazetteer = gazetteer;
    Map<String, Double> w = new HashMap<>();
    Map<String, Set<String>> s = new HashMap<>();
    load(w, s);
    this.weights = Map.copyOf(w);
    this.words = Map.copyOf(s);
  }

  /** Every candidate in the text, left to right, none overlapping. */
  public List<Spot> spots(Words w) {
    List<Spot> out = new ArrayList<>();
    int[][] kinds = new int[w.size()][];
    for (int i = 0; i < w.size(); i++) {
      if (!shaped(w, i)) {
        continue;
      }
      Spot street = cuedStreet(w, i, kinds);
      if (street != null) {
        out.add(street);
        i = street.last();
        continue;
      }
      int[] k = kinds(w, i, kinds);
      boolean unknown = unknown(w, i, k);
      if (!unknown && !(listedName(k) && !common(k))) {
        // "my daughter harmony": a given name that is also a word, right after a kinship word or title
        if (k[Kind.FIRST_NAME.ordinal()] > 0 && k[Kind.CLINICAL.ordinal()] == 0 && w.lower(i).length() >= 3
            && !set("not_given_after_cue").contains(w.lower(i)) && cued(w, i, "person_before")) {
          out.add(new Spot(Type.PERSON, i, i, w.start(i), w.end(i), weight("listed_given_cue"), NO_CUES));
        } else if (givenName(w, i, k) && personVerbAfter(w, i)) {
          // "Bliss asked about discharge": a given name that is also a word, right before a person verb
          out.add(new Spot(Type.PERSON, i, i, w.start(i), w.end(i), weight("listed_given_cue"), NO_CUES));
        } else if (place(k) && (w.capitalized(i) || w.lowerCaseText()) && listAfterInitial(w, i)) {
          // "PCP: Quorlaine, R., Bend": a listed place as the last item of a line, after an initial or a parenthesis
          out.add(new Spot(Type.PLACE, i, i, w.start(i), w.end(i), weight("listed_place_cue"), NO_CUES));
        } else if (place(k) && (w.capitalized(i) || k[Kind.COMMON_WORD.ordinal()] == 0) && placeCued(w, i)) {
          // "the mill in Bend", "in tulsa": a listed place that is also a word or a name, right after a place cue
          out.add(new Spot(Type.PLACE, i, i, w.start(i), w.end(i), weight("listed_place_cue"), NO_CUES));
        }
        continue;
      }
      Spot facility = facility(w, i, kinds);
      if (facility != null) {
        out.add(facility);
        i = facility.last();
        continue;
      }
      if (!unknown || species(w, i, kinds) || dose(w, i)) {
        continue;
      }
      int first = i;
      while (first - 1 >= 0 && i - first < MAX_RUN) {
        if (sameName(w, first - 1) && sameCase(w, first - 1, i) && runWord(w, first - 1, kinds)) {
          first--;
        } else if (particle(w, first - 1) && first - 2 >= 0 && sameName(w, first - 2) && sameCase(w, first - 2, i)
            && runWord(w, first - 2, kinds)) {
          // "Bleddyn ap Rhydderch": a family-name particle between two name words
          first -= 2;
        } else {
          break;
        }
      }
      if (first - 1 >= 0 && particle(w, first - 1) && (first - 2 < 0 || !w.joined(first - 2)
          || w.sentenceStart(first - 1) || cued(w, first - 1, "person_before"))) {
        // "Patient: ap Rhydderch, Loeiz", "Dr. Í Líðini": a particle opening the name
        first--;
      } else if (first - 1 >= 0 && !w.lowerCaseText() && w.capitalized(first - 1) && sameName(w, first - 1)
          && sameCase(w, first - 1, i) && givenName(w, first - 1, kinds(w, first - 1, kinds))) {
        // "Ranger Kilbracken slept": a capitalized given name that is also a word, right before a name no list knows
        // (in lower case, "see mychart", the given name is more often the word)
        first--;
      }
      int last = i;
      while (last + 1 < w.size() && last - first < MAX_RUN) {
        if (sameName(w, last) && sameCase(w, last + 1, i) && runWord(w, last + 1, kinds)) {
          last++;
        } else if (particle(w, last + 1) && last + 2 < w.size() && sameName(w, last) && sameName(w, last + 1)
            && sameCase(w, last + 2, i) && unknown(w, last + 2, kinds(w, last + 2, kinds))) {
          last += 2;
        } else {
          break;
        }
      }
      Spot spot = candidate(w, first, last, kinds);
      out.add(spot);
      i = spot.last();
    }
    return out;
  }

  private Spot candidate(Words w, int first, int last, int[][] kinds) {
    double score = w.lowerCaseText() ? weight("lower_text") : !w.capitalized(first) ? weight("lower_word")
        : w.sentenceStart(first) && !titled(w, first) ? weight("sentence_start") : weight("capitalized");
    // "(son), Odderby" at a line's end: the last item of a comma-separated line
    if (first > 0 && w.text().substring(w.end(first - 1), w.start(first)).strip().equals(",")
        && (last + 1 == w.size() || w.text().substring(w.end(last), w.start(last + 1)).strip().isEmpty()
        && w.text().substring(w.end(last), w.start(last + 1)).indexOf('\n') >= 0)) {
      score += weight("line_end_list");
    }
    boolean listPlace = first == last && listAfterInitial(w, first);
    if (listPlace) {
      score += weight("list_place");
    }
    int next = last + 1;
    if (next < w.size() && w.joined(last) && set("person_after").contains(w.lower(next))) {
      score += weight("person_after");
    }
    if (next < w.size() && w.text().substring(w.end(last), w.start(next)).strip().equals(",")
        && set("credential_after").contains(w.lower(next))) {
      score += weight("credential_after");
    }
    if (last > first) {
      score += weight("run");
    }
    // "near harrowgate sq": an unknown name before a street type is a street
    if (next < w.size() && sameName(w, last) && sameCase(w, next, last)
        && kinds(w, next, kinds)[Kind.STREET_TYPE.ordinal()] >= 2 && !set("not_street_types").contains(w.lower(next))
        && !(next + 1 < w.size() && sameName(w, next) && w.capitalized(next + 1))) {
      return new Spot(Type.STREET, first, next, w.start(first), w.end(next),
          Math.min(0.95, score + weight("street_after")), NO_CUES);
    }
    boolean person = cued(w, first, "person_before") || titled(w, first);
    // "a call from Shafira Krukowski": two or more names after "from" are a person more often than a town
    boolean place = !person && listPlace || !person && placeCued(w, first)
        && !(last > first && set("person_run_after").contains(w.lower(first - 1)));
    if (person || place) {
      score += weight("cue");
    }
    return new Spot(place ? Type.PLACE : Type.PERSON, first, last, w.start(first), w.end(last), Math.min(0.95, score),
        NO_CUES);
  }

  /**
   * "near Osgood Trail", "on brackett ridge ct": a street cue, up to three name words (common words too) and a street
   * type ending the phrase; the type must name a street alone, or one of the words be no known word.
   */
  private Spot cuedStreet(Words w, int i, int[][] kinds) {
    // "to home at 7436 ingleby court": a house number is a cue too
    // (on one line, the number a word of its own: not "September 23, 2019\nDear Dr. Wijnne")
    boolean numbered = i > 0 && w.lower(i - 1).matches("\\d{1,6}")
        && w.text().substring(w.end(i - 1), w.start(i)).matches("[ \\t]+")
        && (w.start(i - 1) == 0 || Character.isWhitespace(w.text().charAt(w.start(i - 1) - 1)));
    if (!numbered && !cued(w, i, "street_before") || !w.lowerCaseText() && !w.capitalized(i)) {
      return null;
    }
    int from = numbered ? i - 1 : i;
    boolean drugCue = !numbered && set("drug_cues").contains(w.lower(i - 1));
    Spot found = null;
    boolean unknownWord = false;
    for (int t = i; t < w.size() && t - i <= 3 && sameCase(w, t, i); t++) {
      int[] k = kinds(w, t, kinds);
      String lower = w.lower(t);
      int type = k[Kind.STREET_TYPE.ordinal()];
      // "dr" is clinical vocabulary (doctor) and a street type; a capitalized clinical word is an eponym ("near Osgood
      // Trail") but a drug after "on" ("on Lasix Drive protocol")
      if (k[Kind.CLINICAL.ordinal()] > 0 && type == 0 && (w.lowerCaseText() || drugCue)
          || set("not_street_words").contains(lower)
          || lower.length() < 2 || !Character.isLetter(lower.charAt(0))) {
        break;
      }
      // the phrase ends: a break, a lower-case word in mixed-case text, a known word that is no street type in lower case
      boolean ends = t + 1 >= w.size() || !sameName(w, t) || (w.lowerCaseText()
          ? kinds(w, t + 1, kinds)[Kind.COMMON_WORD.ordinal()] > 0 && kinds(w, t + 1, kinds)[Kind.STREET_TYPE.ordinal()] == 0
          : !w.capitalized(t + 1));
      if (t > i && type > 0 && !set("not_street_types").contains(lower) && ends && (type >= 2 || unknownWord)
          && !set("not_streets").contains(joinedLower(w, i, t))) {
        found = new Spot(Type.STREET, from, t, w.start(from), w.end(t), weight("street_cue"), NO_CUES);
      }
      unknownWord |= unknown(w, t, k);
      if (t + 1 >= w.size() || !sameName(w, t)) {
        break;
      }
    }
    return found;
  }

  /** "Dr. Í Líðini": a title with its period right before word {@code i} (its period ends no sentence). */
  private boolean titled(Words w, int i) {
    return i > 0 && set("titles").contains(w.lower(i - 1))
        && w.text().substring(w.end(i - 1), w.start(i)).matches("\\.[ \\t]{1,2}");
  }

  /** Words {@code first..last} in lower case, joined by underscores ("wall_street"). */
  private static String joinedLower(Words w, int first, int last) {
    StringBuilder b = new StringBuilder(w.lower(first));
    for (int k = first + 1; k <= last; k++) {
      b.append('_').append(w.lower(k));
    }
    return b.toString();
  }

  /** A given name (also a word, no clinical term or verb) that a person cue or verb may make a person. */
  private boolean givenName(Words w, int i, int[] k) {
    return k[Kind.FIRST_NAME.ordinal()] > 0 && k[Kind.CLINICAL.ordinal()] == 0 && k[Kind.COUNTRY.ordinal()] == 0
        && w.lower(i).length() >= 3 && !set("not_given_after_cue").contains(w.lower(i))
        && !set("not_given_before_verb").contains(w.lower(i));
  }

  /** A person verb right after word {@code i} ("Bliss asked"), no capitalized word before it ("Princess Royal"). */
  private boolean personVerbAfter(Words w, int i) {
    return i + 1 < w.size() && spaces(w, i) && set("person_after").contains(w.lower(i + 1))
        && !(i > 0 && !w.lowerCaseText() && spaces(w, i - 1) && w.capitalized(i - 1));
  }

  /** A family-name particle ("ap", "te", "Í") between or before name words, in either case. */
  private boolean particle(Words w, int i) {
    return set("name_particles").contains(w.lower(i));
  }

  /**
   * "Kerloc'h, K., Anchorage", "(son), Odderby": word {@code i} alone is the last item of a line, after a comma that
   * follows an initial or a parenthesis (a name's initial or a role), so the item is a town.
   */
  private static boolean listAfterInitial(Words w, int i) {
    if (i == 0 || !w.text().substring(w.end(i - 1), w.start(i)).strip().matches("\\.?\\)?\\s*,")) {
      return false;
    }
    String before = w.text().substring(w.end(i - 1), w.start(i)).strip();
    boolean initial = before.startsWith(".") && w.end(i - 1) - w.start(i - 1) == 1;
    boolean paren = before.startsWith(")");
    String after = i + 1 < w.size() ? w.text().substring(w.end(i), w.start(i + 1)) : "\n";
    return (initial || paren) && (i + 1 == w.size() || after.strip().isEmpty() && after.indexOf('\n') >= 0);
  }

  /** A place cue right before word {@code i}, not an organization's ("rep from Medilux"). */
  private boolean placeCued(Words w, int i) {
    return cued(w, i, "place_before")
        && !(i >= 2 && spaces(w, i - 2) && set("not_place_after").contains(w.lower(i - 2)));
  }

  /** A word of {@code set} (or two, "moved_to") right before word {@code i}, with only spaces between. */
  private boolean cued(Words w, int i, String set) {
    if (i == 0 || !spaces(w, i - 1)) {
      return false;
    }
    Set<String> cues = set(set);
    return cues.contains(w.lower(i - 1)) || i >= 2 && spaces(w, i - 2)
        && cues.contains(w.lower(i - 2) + "_" + w.lower(i - 1));
  }

  /** Only spaces between words {@code i} and {@code i + 1}, at most one line break (prose wrapped mid-sentence). */
  private static boolean spaces(Words w, int i) {
    String gap = w.text().substring(w.end(i), w.start(i + 1));
    int br = gap.indexOf('\n');
    return !gap.isEmpty() && gap.isBlank() && (br < 0 || gap.indexOf('\n', br + 1) < 0);
  }

  /** "olmesartan medoxomil 20 mg": a number and a dose unit within the next three words. */
  private boolean dose(Words w, int i) {
    for (int k = i + 1; k + 1 < w.size() && k <= i + 2; k++) {
      if (Character.isDigit(w.text().charAt(w.start(k))) && set("dose_units").contains(w.lower(k + 1))) {
        return true;
      }
      if (!Character.isLetter(w.text().charAt(w.start(k)))) {
        return false;
      }
    }
    return false;
  }

  /** "Bartonella henselae": a capitalized unknown word before a lower-case unknown one is a species, not a name. */
  private boolean species(Words w, int i, int[][] kinds) {
    return !w.lowerCaseText() && i + 1 < w.size() && spaces(w, i) && !w.capitalized(i + 1)
        && unknown(w, i + 1, kinds(w, i + 1, kinds));
  }

  /** "Trevallan Rehab and Nursing": a name word, maybe one more capitalized word, facility parts ending in a head. */
  private Spot facility(Words w, int first, int[][] kinds) {
    int k = first + 1;
    if (k < w.size() && w.joined(first) && shaped(w, k) && !set("facility_part").contains(w.lower(k))
        && !set("facility_head").contains(w.lower(k))) {
      k++;
    }
    int head = -1;
    for (int j = k; j < w.size() && j - k < 4 && w.joined(j - 1); j++) {
      String lower = w.lower(j);
      boolean connector = lower.equals("and") || lower.equals("of");
      if (!connector && !shaped(w, j) || !set("facility_part").contains(lower) && !set("facility_head").contains(lower)) {
        break;
      }
      if (set("facility_head").contains(lower)) {
        head = j;
      }
    }
    if (head < 0) {
      return null;
    }
    return new Spot(Type.PLACE, first, head, w.start(first), w.end(head), weight("facility"), "PLACE");
  }

  /** A word that may continue a run: unknown, or a listed given or family name that is no common or clinical word. */
  private boolean runWord(Words w, int i, int[][] kinds) {
    int[] k = kinds(w, i, kinds);
    return unknown(w, i, k) || listedName(k) && !common(k) && k[Kind.STREET_TYPE.ordinal()] == 0;
  }

  /** Words {@code i} and {@code i + 1} are one name: a space or a hyphen between them, no period. */
  private static boolean sameName(Words w, int i) {
    return w.joined(i) && w.text().substring(w.end(i), w.start(i + 1)).indexOf('.') < 0;
  }

  private boolean unknown(Words w, int i, int[] k) {
    String lower = w.lower(i);
    int min = (int) weight(w.lowerCaseText() ? "length.lower" : "length.mixed");
    if (lower.length() < min || set("not_names").contains(lower) || MEDICAL.contains(lower)) {
      return false;
    }
    for (int c = 0; c < lower.length(); c++) {
      char ch = lower.charAt(c);
      if (!Character.isLetter(ch) && ch != '\'' && ch != '’') {
        return false;
      }
    }
    for (int v : k) {
      if (v > 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean place(int[] k) {
    return (k[Kind.PLACE.ordinal()] > 0 || k[Kind.COUNTY.ordinal()] > 0 || k[Kind.WORLD_CITY.ordinal()] > 0)
        && k[Kind.COUNTRY.ordinal()] == 0 && k[Kind.CLINICAL.ordinal()] == 0;
  }

  private static boolean listedName(int[] k) {
    return k[Kind.FIRST_NAME.ordinal()] > 0 || k[Kind.SURNAME.ordinal()] > 0;
  }

  private static boolean common(int[] k) {
    return k[Kind.COMMON_WORD.ordinal()] > 0 || k[Kind.CLINICAL.ordinal()] > 0 || k[Kind.COUNTRY.ordinal()] > 0;
  }

  private int[] kinds(Words w, int i, int[][] memo) {
    if (memo[i] == null) {
      int[] k = gazetteer.lookupWords(List.of(w.lower(i)));
      memo[i] = k == null ? new int[Kind.values().length] : k;
    }
    return memo[i];
  }

  private static boolean lowerCase(Words w, int i) {
    for (int c = w.start(i); c < w.end(i); c++) {
      if (!Character.isLowerCase(w.text().charAt(c)) && Character.isLetter(w.text().charAt(c))) {
        return false;
      }
    }
    return true;
  }

  /** Word {@code k} may join a run with word {@code i}: shaped, and in mixed-case text capitalized alike. */
  private static boolean sameCase(Words w, int k, int i) {
    return shaped(w, k) && (w.lowerCaseText() || w.capitalized(k) == w.capitalized(i));
  }

  /** Capitalized (not in capitals) or in lower case: names typed in lower case score lower, see candidate. */
  private static boolean shaped(Words w, int i) {
    return w.lowerCaseText() || !w.allCaps(i) && (w.capitalized(i) || lowerCase(w, i));
  }

  private double weight(String key) {
    Double v = weights.get(key);
    if (v == null) {
      throw new IllegalStateException(RESOURCE + " has no weight " + key);
    }
    return v;
  }

  private Set<String> set(String key) {
    return words.getOrDefault(key, Set.of());
  }

  /** Every word (3+ letters, lower case) of datafaker's medicine, drug, disease, symptom, profession, nationality and
   * language lists. */
  private static Set<String> medicalWords() {
    Set<String> out = new java.util.HashSet<>();
    for (String list : MEDICAL_LISTS) {
      try (InputStream in = UnknownWords.class.getResourceAsStream(list)) {
        if (in == null) {
          throw new IllegalStateException("datafaker's " + list + " is missing from the classpath");
        }
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String key = "";
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          String t = line.strip();
          if (t.endsWith(":") && !t.startsWith("-")) {
            key = t.substring(0, t.length() - 1);
          } else if (t.startsWith("- ") && !NOT_VOCABULARY.contains(key)) {
            for (String word : t.substring(2).toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}]+")) {
              if (word.length() >= 3) {
                out.add(word);
              }
            }
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read datafaker's " + list, e);
      }
    }
    return Set.copyOf(out);
  }

  private static void load(Map<String, Double> weights, Map<String, Set<String>> sets) {
    try (InputStream in = UnknownWords.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t");
        if (f[0].equals("weight")) {
          weights.put(f[1], Double.parseDouble(f[2]));
        } else if (f[0].equals("length")) {
          weights.put("length." + f[1], Double.parseDouble(f[2]));
        } else {
          sets.put(f[0], Set.copyOf(java.util.Arrays.asList(f[1].strip().split("\\s+"))));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }
}
