package org.phigate.deid.corpus;

import static org.phigate.deid.corpus.CorpusValues.pick;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.phigate.deid.corpus.NamePools.Person;
import org.phigate.deid.corpus.Template.Val;

/**
 * Name shapes beyond "First Last" for the corpus: lower-case names in portal messages, English-word family names
 * after a title and repeated bare ("Mrs. Baker ... Baker states"), lists of children's first names, a middle
 * initial without a dot, and generational suffixes. Values come from the generated (half held-out) people; the
 * English-word surnames are a hand list of real surnames that are also English words.
 */
final class NameVariety {
  /** Real family names that are also English words; the title cue and in-note propagation must carry them. */
  private static final List<String> ENGLISH_SURNAMES = List.of("Baker", "Spears", "Wells", "Key", "Snider", "Cook",
      "Rivers", "Hill", "Frost", "Bishop", "Marsh", "Fox", "Stone", "Knight", "Bush", "Sparks", "Lamb", "Bell",
      "Street", "Summers", "Mills", "Banks", "Rose", "Golden");
  private static final List<String> SUFFIXES = List.of("Jr.", "Sr.", "II", "III", "Jr");

  private NameVariety() {}

  static void add(Map<String, Val> v, Random rnd, NamePools names, Person patient, Person doctor) {
    String lowerFirst = patient.first().toLowerCase(Locale.ROOT);
    String lowerFull = patient.full().toLowerCase(Locale.ROOT);
    v.put("PLOW", new Val(patient.middle() != null && rnd.nextBoolean() ? lowerFirst + " "
        + patient.middle().toLowerCase(Locale.ROOT) + " " + patient.last().toLowerCase(Locale.ROOT) : lowerFull,
        "NAME", "patient"));
    v.put("PFLOW", new Val(lowerFirst, "NAME", "patient"));
    v.put("ES", new Val(pick(rnd, ENGLISH_SURNAMES), "NAME", "relative"));
    String initial = String.valueOf((char) ('A' + rnd.nextInt(26)));
    v.put("DRMI", new Val(doctor.first() + " " + initial + (rnd.nextBoolean() ? "" : ".") + " " + doctor.last(),
        "NAME", "provider"));
    v.put("PSUF", new Val(patient.full() + " " + pick(rnd, SUFFIXES), "NAME", "patient"));
    for (int i = 1; i <= 3; i++) {
      v.put("K" + i, new Val(names.person(rnd).first(), "NAME", "relative"));
    }
  }
}
