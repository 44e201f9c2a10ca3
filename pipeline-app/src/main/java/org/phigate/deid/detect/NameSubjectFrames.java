package org.phigate.deid.detect;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.phigate.deid.detect.NameTokens.Kind;
import org.phigate.deid.detect.NameTokens.Tok;
import org.phigate.gazetteer.Lexicon;
import org.phigate.schema.PhiCategory;
import org.phigate.schema.PhiFinding;

/**
 * A single capitalized word as the subject of a verb or adjective only a person takes: "Dupont checks on her daily",
 * "Csete does the shopping", "whether Peperstraten could stay overnight", "Why is Lorkeers not answering the phone?",
 * "Why is Glyceria so impulsive?", coordinated ("Zoutenbier and Mol were present for the meeting"), and the
 * indirect object of a giving or telling verb before a possessive ("had given Belle his address"). No drug,
 * device or payer checks on anyone, so the frame is the evidence and the name-shape model only has to rule out
 * words that look nothing like a name ({@value #THRESHOLD}); the drug, device and list guards of
 * {@link NameShapeFrames} still apply. Run by {@link NameCueDetector}. Detector name: {@code frame:name-human}.
 */
final class NameSubjectFrames {
  /** Model score a word needs in a person-only frame: only words shaped like nothing a name is are left out. */
  static final double THRESHOLD = 0.02;
  private static final Pattern PERSON_VERB = DetectWords.pattern("subject.person-verb");
  private static final Pattern WEAK_VERB = DetectWords.pattern("subject.weak-verb");
  private static final Pattern FAMILY = Pattern.compile("\\bthe[ \\t]+$");
  private static final Pattern FAMILY_AFTER = Pattern.compile("[ \\t]+family\\b");
  /** Drug- and disease-shaped endings: never a person subject. */
  private static final Pattern THING_END = DetectWords.pattern("subject.thing-end");
  private static final String S = "[ \\t]+";
  /** What follows a singular subject. */
  static final Pattern SINGLE = DetectWords.pattern("subject.single");
  /** What follows a plural subject ("X and Y"): the same, or a base form with no auxiliary ("visit daily"). */
  private static final Pattern PLURAL = DetectWords.pattern("subject.plural");
  /** What follows the subject of a question whose auxiliary came first: "Why is X not answering", "is X so sad". */
  private static final Pattern INVERTED = DetectWords.pattern("subject.inverted");
  private static final Set<String> QUESTION_AUX = DetectWords.set("name-subject-frames.question-aux");
  private static final Set<String> WH = DetectWords.set("name-subject-frames.wh");
  /** Modal verbs and other words that spell a name and start a clause: "Will visit tomorrow". */
  private static final Set<String> NOT_SUBJECTS = DetectWords.set("name-subject-frames.not-subjects");

  /** A giving or telling verb before an indirect object: "had given Belle his address", "told Dupont her results". */
  private static final Pattern RECIPIENT_BEFORE = DetectWords.pattern("subject.recipient-before");
  /** A possessive pronoun after the indirect object: what is given belongs to someone. */
  private static final Pattern RECIPIENT_AFTER = Pattern.compile(S + "(?:his|her|their|my|our|your)\\b");
  /** Words after which a clause (and its subject) starts: "Today Voorn and Mol visited", "but Csete does". */
  private static final Set<String> CLAUSE_OPENERS = DetectWords.set("name-subject-frames.clause-openers");

  private NameSubjectFrames() {}

  static void find(NameTokens nt, String path, List<PhiFinding> out) {
    List<Tok> toks = nt.tokens();
    String text = nt.text();
    NameShapeModel model = NameShapeModel.get();
    List<PhiFinding> found = new ArrayList<>();
    for (int i = 0; i < toks.size(); i++) {
      if (coordinated(nt, i, model, path, found)) {
        i += 2;
        continue;
      }
      Tok t = toks.get(i);
      if (t.kind() != Kind.UNKNOWN && t.kind() != Kind.WEAK || !NameShapeFrames.titleCase(nt, t)) {
        continue;
      }
      boolean recipient = recipient(text, t);
      boolean finite = !recipient && SINGLE.matcher(text).region(t.end(), text.length()).lookingAt();
      boolean inverted = !recipient && !finite && t.kind() == Kind.UNKNOWN && invertedQuestion(nt, i)
          && INVERTED.matcher(text).region(t.end(), text.length()).lookingAt();
      // the giving verb before a recipient is also a drug cue ("given Zolvexa"): the possessive after decides
      if ((finite || inverted || recipient) && word(nt, i, model) && (recipient || !NameShapeFrames.thing(nt, i))) {
        found.add(Findings.span(PhiCategory.NAME, path, t.start(), t.end(), "frame:name-human", 0.75));
      }
    }
    if (found.isEmpty()) {
      return;
    }
    // one sense per text: a word used as a drug, device or payer anywhere in it is no name elsewhere in it
    Set<String> words = new HashSet<>();
    Set<Integer> starts = new HashSet<>();
    for (PhiFinding f : found) {
      words.add(Lexicon.lower(text.substring(f.getStart(), f.getEnd())));
      starts.add(f.getStart());
    }
    Set<String> things = new HashSet<>();
    for (int j = 0; j < toks.size(); j++) {
      Tok t = toks.get(j);
      String lower = Lexicon.lower(t.base());
      if (t.kind() == Kind.UNKNOWN && words.contains(lower) && !starts.contains(t.start()) && !recipient(text, t)
          && NameShapeFrames.thing(nt, j)) {
        things.add(lower);
      }
    }
    NameShapeFrames.withoutThings(found, things, text, out);
  }

  /** The indirect object of a giving or telling verb, before a possessive: "had given Belle his address". */
  private static boolean recipient(String text, Tok t) {
    return RECIPIENT_AFTER.matcher(text).region(t.end(), text.length()).lookingAt()
        && RECIPIENT_BEFORE.matcher(text.substring(Math.max(0, t.start() - 12), t.start())).find();
  }

  /**
   * A capitalized single word that may be a person: an unknown word the model does not rule out, or a dictionary
   * name that is also an English word ("Grace", "Mark") when not a modal or time word; not after a determiner, not
   * possessive, not a compound of two English words ("Homecare", "Wellquest"). The thing guards of the neighbours
   * ({@link NameShapeFrames#thing}) are the caller's.
   */
  private static boolean word(NameTokens nt, int i, NameShapeModel model) {
    Tok t = nt.tokens().get(i);
    if (t.kind() == Kind.UNKNOWN) {
      // organism-shaped endings are left in: "Majella checks on her" (no organism checks on anyone)
      if (!NameShapeFrames.titleCase(nt, t) || !NameShapeFrames.alone(nt, i) || t.base().length() < 3
          || NameContext.DRUG.matcher(t.base()).matches()
          || THING_END.matcher(t.base()).matches() || model.score(t.base()) < THRESHOLD) {
        return false;
      }
    } else if (t.kind() != Kind.WEAK || !NameShapeFrames.titleCase(nt, t)
        || NOT_SUBJECTS.contains(Lexicon.lower(t.base())) || t.base().length() < 3 || !NameShapeFrames.alone(nt, i)) {
      return false;
    }
    return !nt.possessive(t) && !NameShapeFrames.afterDeterminer(nt, i) && !englishCompound(nt.lexicon(), t.base());
  }

  /** "Why is X", "Is X": the word before is an auxiliary that opens a question (clause start or a wh-word). */
  private static boolean invertedQuestion(NameTokens nt, int i) {
    List<Tok> toks = nt.tokens();
    if (i < 1 || !nt.adjacent(toks.get(i - 1), toks.get(i))) {
      return false;
    }
    Tok aux = toks.get(i - 1);
    String text = nt.text();
    if (!QUESTION_AUX.contains(Lexicon.lower(text.substring(aux.start(), aux.end())))) {
      return false;
    }
    if (NameForms.startsClause(text, aux.start())) {
      return true;
    }
    if (i < 2 || !nt.adjacent(toks.get(i - 2), aux)) {
      return false;
    }
    Tok wh = toks.get(i - 2);
    return WH.contains(Lexicon.lower(text.substring(wh.start(), wh.end())));
  }

  /**
   * "Zoutenbier and Mol were present", "Csete and Adrish visit daily": two single capitalized words joined by
   * "and" before a plural person frame; each a person word by {@link #word}. Takes both; true when it did.
   */
  private static boolean coordinated(NameTokens nt, int i, NameShapeModel model, String path, List<PhiFinding> out) {
    if (!nt.andPair(i) || !conjunct(nt, i, model, true) || !conjunct(nt, i + 2, model, false)
        || !PLURAL.matcher(nt.text()).region(nt.tokens().get(i + 2).end(), nt.text().length()).lookingAt()) {
      return false;
    }
    Tok a = nt.tokens().get(i);
    Tok b = nt.tokens().get(i + 2);
    out.add(Findings.span(PhiCategory.NAME, path, a.start(), a.end(), "frame:name-human", 0.75));
    out.add(Findings.span(PhiCategory.NAME, path, b.start(), b.end(), "frame:name-human", 0.75));
    return true;
  }

  /**
   * A conjunct of a coordinated subject: the list guard of {@link NameShapeFrames} would read the pair as a list of
   * things, so the first conjunct must open its clause instead ("...disease. Voorn and Karmella were").
   */
  private static boolean conjunct(NameTokens nt, int i, NameShapeModel model, boolean first) {
    Tok t = nt.tokens().get(i);
    boolean word = t.kind() == Kind.STRONG
        ? NameShapeFrames.titleCase(nt, t) && NameShapeFrames.alone(nt, i) && !nt.possessive(t) : word(nt, i, model);
    return word && (!first || opensClause(nt, i));
  }

  private static boolean opensClause(NameTokens nt, int i) {
    Tok t = nt.tokens().get(i);
    String text = nt.text();
    int k = MatchStarts.lastNonBlank(text, t.start());
    if (k < 0 || "\n\r.!?;:,(\"”".indexOf(text.charAt(k)) >= 0) {
      return true;
    }
    Tok prev = nt.tokens().get(i - 1);
    return nt.adjacent(prev, t) && CLAUSE_OPENERS.contains(Lexicon.lower(text.substring(prev.start(), prev.end())));
  }

  /** Two English words of four letters or more run together: "Homecare", "Brightwell", "Wellquest". */
  static boolean englishCompound(Lexicon lexicon, String word) {
    String lower = Lexicon.lower(word);
    for (int k = 4; k <= lower.length() - 4; k++) {
      if (lexicon.isEnglishWord(lower.substring(0, k)) && lexicon.isEnglishWord(lower.substring(k))) {
        return true;
      }
    }
    return false;
  }

  /**
   * A single capitalized word no dictionary, English or clinical list holds as the subject of a person verb
   * ("Usamov began", "Usamov was born"; "Walker said" for a dictionary name that is also an English word, before fewer
   * verbs) or in "the Usamov family"; verbs a drug takes ("Zolvexa was titrated") never count. Detector name:
   * {@code frame:name-subject}.
   */
  static void persons(NameTokens nt, String path, List<PhiFinding> out) {
    List<Tok> toks = nt.tokens();
    String text = nt.text();
    for (int i = 0; i < toks.size(); i++) {
      Tok t = toks.get(i);
      if (!personCandidate(nt, t, i)) {
        continue;
      }
      // a dictionary name that is also an English word ("Walker") only before a verb no thing takes
      Matcher verb = (t.kind() == Kind.WEAK ? WEAK_VERB : PERSON_VERB).matcher(text).region(t.end(), text.length());
      boolean subject = !nt.possessive(t) && verb.lookingAt();
      boolean family = FAMILY.matcher(text.substring(Math.max(0, t.start() - 8), t.start())).find()
          && FAMILY_AFTER.matcher(text).region(t.end(), text.length()).lookingAt();
      if (subject || family) {
        out.add(Findings.span(PhiCategory.NAME, path, t.start(), t.end(), "frame:name-subject", 0.7));
      }
    }
  }

  /** One UNKNOWN or WEAK title-case word, letters only, alone (no name word, particle or initial right before it). */
  private static boolean personCandidate(NameTokens nt, Tok t, int i) {
    if (t.kind() != Kind.UNKNOWN && t.kind() != Kind.WEAK || t.base().length() < 3
        || NameContext.DRUG.matcher(t.base()).matches()) {
      return false;
    }
    String word = nt.text().substring(t.start(), t.end());
    if (!word.equals(t.base()) || word.equals(word.toUpperCase(Locale.ROOT))
        || !word.chars().allMatch(Character::isLetter)) {
      return false;
    }
    // after a particle or another name word it is part of a longer name ("ter Horst"), left to the other rules
    Tok prev = i == 0 ? null : nt.tokens().get(i - 1);
    return prev == null || !((prev.nameLike() || prev.joiner()) && nt.adjacent(prev, t));
  }
}
