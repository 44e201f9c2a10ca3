package org.phigate.deid.detect;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.phigate.deid.detect.NameTokens.Kind;
import org.phigate.deid.detect.NameTokens.Tok;
import org.phigate.gazetteer.Lexicon;
import org.phigate.schema.PhiCategory;
import org.phigate.schema.PhiFinding;

/**
 * Single capitalized words no list knows, scored by {@link NameShapeModel} and read in context: mid-sentence, not a
 * drug, device or organism by its neighbours ("on Zolvexa", "Zolvexa 20 mg", "the Dexmoor pump", "Klebsiella
 * pneumoniae"), not in a list with a clinical word. Also a coordinated subject of two capitalized words before a
 * verb ("Usamov and Bowers were"), one of them a name by list or model. Run by {@link NameCueDetector}; lower-case
 * shadow text never feeds it ({@link LowerCaseText#keeps}). Detector names: {@code model:name-shape},
 * {@code model:name-coordination}; confidence is the model score.
 */
final class NameShapeFrames {
  /** Model score from which a cue-less unknown word is taken as a name. */
  static final double THRESHOLD = 0.5;
  /** Model score needed after a determiner, where makers and products are common: "the Ronner household". */
  static final double DETERMINER_THRESHOLD = 0.85;
  /** Words before a drug, device or organism, not a person: "on Zolvexa", "take Trelvanor", "history of". */
  private static final Set<String> THING_BEFORE = DetectWords.set("name-shape-frames.thing-before");
  /** Two words before: "switched to Trelvanor", "changed over to". */
  private static final Pattern THING_BEFORE_TO = DetectWords.pattern("shape.thing-before-to");
  /** Nouns after a drug, device, company or organism: "the Dexmoor pump", "Zolvexa tablets". */
  private static final Set<String> THING_AFTER = DetectWords.set("name-shape-frames.thing-after");
  /** Disease-word endings after an eponym: "Takayasu arteritis", "Kikuchi lymphadenopathy". */
  private static final Pattern DISEASE_AFTER = DetectWords.pattern("shape.disease-after");
  /** A drug or payer as the subject: "Zolvexa was titrated", "Zolvexa causes dizziness", "Humana denied". */
  private static final Pattern THING_VERB = DetectWords.pattern("shape.thing-verb");
  /** A medication sig after the word: "Xyz as needed", "Xyz prn", "Xyz daily". */
  private static final Pattern SIG_AFTER = DetectWords.pattern("shape.sig-after");
  /** A dose just before the conjunction: "Noravant 10 mg daily and Xyz" makes Xyz a second drug. */
  private static final Pattern DOSE_BEFORE = DetectWords.pattern("shape.dose-before");
  private static final Set<String> DETERMINERS = DetectWords.set("name-shape-frames.determiners");
  private static final Set<String> CONJUNCTIONS = Set.of("and", "or", "&", "nor");
  /** Verbs after a coordinated subject: "Usamov and Bowers were", unless a drug verb follows ("were started"). */
  private static final Pattern PLURAL_VERB = DetectWords.pattern("shape.plural-verb");
  /**
   * Drug-shaped, organism-shaped and medical-term endings a name rarely has, and Greek/Latin medical prefixes
   * ("Osteopenia", "Karyotype", "Thrombocytosis").
   */
  private static final Pattern THING_SHAPE = DetectWords.pattern("shape.thing-shape");

  private NameShapeFrames() {}

  static void find(NameTokens nt, String path, List<PhiFinding> out) {
    List<Tok> toks = nt.tokens();
    String text = nt.text();
    NameShapeModel model = NameShapeModel.get();
    List<PhiFinding> found = new ArrayList<>();
    Set<String> things = new HashSet<>();
    for (int i = 0; i < toks.size(); i++) {
      if (coordinated(nt, i, model, path, found)) {
        i += 2;
        continue;
      }
      Tok t = toks.get(i);
      if (!candidate(nt, t, i)) {
        continue;
      }
      if (thing(nt, i)) {
        things.add(Lexicon.lower(t.base()));
        continue;
      }
      if (NameForms.startsClause(text, t.start()) || !context(nt, i)) {
        continue;
      }
      double score = model.score(t.base());
      if (score >= (afterDeterminer(nt, i) ? DETERMINER_THRESHOLD : THRESHOLD)) {
        found.add(Findings.span(PhiCategory.NAME, path, t.start(), t.end(), "model:name-shape", score));
      }
    }
    // one sense per text: a word used as a drug, device or payer anywhere in it is no name elsewhere in it
    withoutThings(found, things, text, out);
  }

  /** An UNKNOWN title-case word, letters only, three or more, alone (no name word or particle right next to it). */
  static boolean candidate(NameTokens nt, Tok t, int i) {
    return t.kind() == Kind.UNKNOWN && t.base().length() >= 3 && alone(nt, i) && titleCase(nt, t)
        && !NameContext.DRUG.matcher(t.base()).matches() && !THING_SHAPE.matcher(t.base()).matches();
  }

  /** The token as written is one capital and then lower-case letters only ("Usamov", not "USAMOV" or "McX"). */
  static boolean titleCase(NameTokens nt, Tok t) {
    String word = nt.text().substring(t.start(), t.end());
    return word.equals(t.base()) && word.chars().allMatch(Character::isLetter)
        && Character.isUpperCase(word.charAt(0)) && !word.equals(word.toUpperCase(Locale.ROOT))
        && word.substring(1).equals(word.substring(1).toLowerCase(Locale.ROOT));
  }

  /** No name word, particle or initial right next to the token: a longer name is left to the other rules. */
  static boolean alone(NameTokens nt, int i) {
    List<Tok> toks = nt.tokens();
    Tok t = toks.get(i);
    Tok prev = i == 0 ? null : toks.get(i - 1);
    Tok next = i + 1 < toks.size() ? toks.get(i + 1) : null;
    return (prev == null || !((prev.nameLike() || prev.joiner()) && nt.adjacent(prev, t)))
        && (next == null || !((next.nameLike() || next.joiner()) && nt.adjacent(t, next)));
  }

  /** One sense per text: keeps the findings whose word is not among {@code things} (used as a drug, device, payer). */
  static void withoutThings(List<PhiFinding> found, Set<String> things, String text, List<PhiFinding> out) {
    for (PhiFinding f : found) {
      if (!things.contains(Lexicon.lower(text.substring(f.getStart(), f.getEnd())))) {
        out.add(f);
      }
    }
  }

  /** The neighbours say person, not thing: see the class comment. */
  private static boolean context(NameTokens nt, int i) {
    Tok t = nt.tokens().get(i);
    char before = t.start() > 0 ? nt.text().charAt(t.start() - 1) : ' ';
    if ("(/+-[".indexOf(before) >= 0 || thing(nt, i)) {
      return false;
    }
    // "the Dexmoor rep", "a Zolvexa coupon": after a determiner only before an ordinary noun, with a higher score
    Tok next = i + 1 < nt.tokens().size() && nt.adjacent(t, nt.tokens().get(i + 1)) ? nt.tokens().get(i + 1) : null;
    String nextWord = next == null ? null : nt.text().substring(next.start(), next.end());
    return !afterDeterminer(nt, i) || nextWord != null && Character.isLowerCase(nextWord.charAt(0))
        && nt.lexicon().isEnglishWord(nextWord) && !nt.lexicon().isClinicalTerm(nextWord);
  }

  /** The neighbours of token {@code i} make it a drug, device, payer or organism (see the class comment). */
  static boolean thing(NameTokens nt, int i) {
    List<Tok> toks = nt.tokens();
    String text = nt.text();
    Tok t = toks.get(i);
    String prev = word(nt, i - 1, t);
    String prev2 = prev == null ? null : word(nt, i - 2, toks.get(i - 1));
    if (prev != null && (THING_BEFORE.contains(prev) || prev.equals("to") && prev2 != null
        && THING_BEFORE_TO.matcher(prev2).matches()) || inThingList(nt, i)) {
      return true;
    }
    // what follows: a dose, a drug suffix ("Zolvexa XR"), a thing noun, or a lower-case Latin species name
    int k = MatchStarts.skipBlanks(text, t.end());
    if (k < text.length() && Character.isDigit(text.charAt(k)) && k - t.end() <= 1
        || THING_VERB.matcher(text).region(t.end(), text.length()).lookingAt()
        || SIG_AFTER.matcher(text).region(t.end(), text.length()).lookingAt()
        || DOSE_BEFORE.matcher(text.substring(Math.max(0, t.start() - 48), t.start())).find()) {
      return true;
    }
    Tok next = i + 1 < toks.size() && nt.adjacent(t, toks.get(i + 1)) ? toks.get(i + 1) : null;
    if (next == null) {
      return false;
    }
    String nextWord = text.substring(next.start(), next.end());
    String lower = Lexicon.lower(nextWord);
    return THING_AFTER.contains(lower) || NameTokens.isHead(lower) || DISEASE_AFTER.matcher(lower).find()
        || nextWord.length() <= 4 && nextWord.length() >= 2 && nextWord.equals(nextWord.toUpperCase(Locale.ROOT))
        && Character.isLetter(nextWord.charAt(0))
        // "Klebsiella pneumoniae": a genus before a species
        || Character.isLowerCase(nextWord.charAt(0)) && nextWord.length() >= 5 && !nt.lexicon().isEnglishWord(lower);
  }

  static boolean afterDeterminer(NameTokens nt, int i) {
    String prev = word(nt, i - 1, nt.tokens().get(i));
    return prev != null && DETERMINERS.contains(prev);
  }

  /** A member of a comma/"and" list whose neighbouring member is a clinical word or drug ("metformin and Xyz"). */
  private static boolean inThingList(NameTokens nt, int i) {
    List<Tok> toks = nt.tokens();
    String text = nt.text();
    Tok t = toks.get(i);
    for (int dir = -1; dir <= 1; dir += 2) {
      int j = i + dir;
      if (j < 0 || j >= toks.size()) {
        continue;
      }
      String gap = dir < 0 ? text.substring(toks.get(j).end(), t.start()) : text.substring(t.end(),
          toks.get(j).start());
      String gapWord = text.substring(toks.get(j).start(), toks.get(j).end());
      if (CONJUNCTIONS.contains(gapWord) && j + dir >= 0 && j + dir < toks.size()) {
        String gap2 = dir < 0 ? text.substring(toks.get(j + dir).end(), toks.get(j).start())
            : text.substring(toks.get(j).end(), toks.get(j + dir).start());
        gap = gap + gapWord + gap2;
        j += dir;
      }
      if (!gap.strip().isEmpty() && !gap.strip().equals(",") && !CONJUNCTIONS.contains(gap.strip())
          && !gap.strip().matches(",[ \\t]*(?:and|or|&)")) {
        continue;
      }
      if (gap.strip().isEmpty()) {
        continue;
      }
      Tok m = toks.get(j);
      boolean eponym = m.kind() == Kind.CLINICAL && nt.lexicon().isEponym(m.base()) && nt.capitalizedWord(m, j);
      boolean drugWord = m.kind() == Kind.LOWER && (nt.lexicon().isClinicalTerm(m.base())
          || !nt.lexicon().isEnglishWord(m.base()));
      if (m.kind() == Kind.CLINICAL && !eponym || drugWord || NameContext.DRUG.matcher(m.base()).matches()
          || THING_SHAPE.matcher(m.base()).matches() && m.kind() != Kind.STRONG) {
        return true;
      }
    }
    return false;
  }

  /**
   * "Usamov and Bowers were", "Dale and White were": two capitalized words joined by "and" before a verb, neither
   * clinical nor drug-shaped, with a name signal: one a dictionary name that is no English word or an unknown word
   * the model scores a name, or both dictionary names. Takes both; true when it did.
   */
  private static boolean coordinated(NameTokens nt, int i, NameShapeModel model, String path, List<PhiFinding> out) {
    if (!nt.andPair(i)) {
      return false;
    }
    List<Tok> toks = nt.tokens();
    Tok a = toks.get(i);
    Tok b = toks.get(i + 2);
    String text = nt.text();
    if (!conjunct(nt, a, i) || !conjunct(nt, b, i + 2)
        || i > 0 && nt.adjacent(toks.get(i - 1), a) && (toks.get(i - 1).nameLike() || toks.get(i - 1).joiner())
        || !PLURAL_VERB.matcher(text).region(b.end(), text.length()).lookingAt()) {
      return false;
    }
    double sa = signal(a, model);
    double sb = signal(b, model);
    if (Math.max(sa, sb) < THRESHOLD && !(a.kind() == Kind.WEAK && b.kind() == Kind.WEAK)) {
      return false;
    }
    out.add(Findings.span(PhiCategory.NAME, path, a.start(), a.end(), "model:name-coordination", Math.max(0.7, sa)));
    out.add(Findings.span(PhiCategory.NAME, path, b.start(), b.end(), "model:name-coordination", Math.max(0.7, sb)));
    return true;
  }

  /** A capitalized single word that may be a name in a coordination: no clinical word, drug or possessive. */
  private static boolean conjunct(NameTokens nt, Tok t, int i) {
    String word = nt.text().substring(t.start(), t.end());
    return (t.nameLike() || nt.capitalizedWord(t, i)) && t.kind() != Kind.CLINICAL && !nt.possessive(t)
        && word.length() >= 3 && Character.isUpperCase(word.charAt(0))
        && !word.equals(word.toUpperCase(Locale.ROOT)) && !NameContext.DRUG.matcher(t.base()).matches()
        && !THING_SHAPE.matcher(t.base()).matches();
  }

  /** How much a conjunct says "name": a dictionary name 1 (English-word names 0), an unknown word its score. */
  private static double signal(Tok t, NameShapeModel model) {
    return switch (t.kind()) {
      case STRONG -> 1;
      case UNKNOWN -> model.score(t.base());
      default -> 0;
    };
  }

  /** The lower-cased word of token {@code j} when only spaces separate it from {@code t}; else null. */
  private static String word(NameTokens nt, int j, Tok t) {
    if (j < 0 || !nt.adjacent(nt.tokens().get(j), t)) {
      return null;
    }
    Tok p = nt.tokens().get(j);
    return Lexicon.lower(nt.text().substring(p.start(), p.end()));
  }
}
