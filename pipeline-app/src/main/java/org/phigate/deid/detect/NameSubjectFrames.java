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
  private static final Pattern PERSON_VERB = Pattern.compile("[ \\t]+(?:began|told|tells|reports|reported|states"
      + "|stated|says|said|explains|explained|was[ \\t]+born|spent|cried|laughed|smiled|complains|complained"
      + "|agreed|asked|wants|wanted|feels|felt|thinks|thought|works|worked|married|moved|graduated|is[ \\t]+very"
      + "|was[ \\t]+very|has[ \\t]+been|had[ \\t]+been|will[ \\t]+be)\\b(?![ \\t]+(?:started|restarted|increased"
      + "|decreased|titrated|held|given|discontinued|stopped|continued|changed|switched|tapered|resumed|adjusted"
      + "|prescribed|administered|dosed|refilled|weaned|effective|ineffective|helpful|tolerated|well|working|to"
      + "[ \\t]+work|covered|available|approved|needed|ordered|expensive|approved|used|added|recommended)\\b)");
  private static final Pattern WEAK_VERB = Pattern.compile("[ \\t]+(?:began|told|says|said|explained|was[ \\t]+born"
      + "|cried|laughed|smiled|married|graduated|wrote)[ \\t]+(?!by\\b)");
  private static final Pattern FAMILY = Pattern.compile("\\bthe[ \\t]+$");
  private static final Pattern FAMILY_AFTER = Pattern.compile("[ \\t]+family\\b");
  /** Drug- and disease-shaped endings: never a person subject. */
  private static final Pattern THING_END = Pattern.compile("(?i).*(?:" + Lexicon.Cues.alternation("name-subject-frames.thing-end")
      + ")$");
  private static final String S = "[ \\t]+";
  private static final String ADV = "(?:" + S + "(?:not|never|still|also|usually|often|always|really|even|just|so"
      + "|very|too|more|less|quite|ever|sometimes|now|already))";
  private static final String CHORE = "(?:the|her|his|their)" + S + "(?:\\p{Ll}+ing|laundry|dishes|errands"
      + "|groceries|chores|housework|yard(?:work)?|meals|cooking)\\b";
  private static final String ANSWER_OBJ = "(?:(?:the|her|his|my|their|our)" + S + ")?(?:phone|door|calls?"
      + "|messages?|texts?|pages?|voicemails?)\\b";
  /** Where a person stays: "stay overnight", "stays with her" (a dose "stays the same"). */
  private static final String STAY = S + "(?:overnight|over|with|the" + S + "night|at" + S + "(?:her|his|their|the)"
      + S + "(?:house|home|place|bedside|hospital))\\b";
  /** Base forms after a modal or auxiliary, or after a plural subject: "could stay", "does not answer". */
  private static final String BASE = "(?:check" + S + "on|look" + S + "after|care" + S + "for|take" + S + "care" + S
      + "of|visit|stay" + STAY + "|sleep|accompany|do" + S + CHORE + "|answer"
      + S + ANSWER_OBJ + "|wonder|worry|cry|attend|talk" + S + "(?:to|with|about)|speak|babysit|hug|kiss|live"
      + S + "(?:with|alone|nearby|next" + S + "door)|come" + S + "(?:over|by|to" + S + "visit)|be" + S
      + "present|ask" + S + "(?:about|whether|if|for|to|me|us|her|him))\\b";
  /** Present participles: "is not answering", "has been sleeping better". */
  private static final String ING = "(?:checking" + S + "on|looking" + S + "after|caring" + S + "for|taking" + S
      + "care" + S + "of|visiting|staying" + STAY + "|sleeping|accompanying|doing" + S + CHORE
      + "|answering|wondering|worrying|crying|attending|talking" + S
      + "(?:to|with|about)|speaking|babysitting|living" + S + "(?:with|alone|nearby)|coming" + S
      + "(?:over|by|to" + S + "visit)|asking" + S + "(?:about|whether|if|for|to|me|us|her|him))\\b";
  /** Third person and past forms with no auxiliary: "checks on", "did the shopping", "slept over". */
  private static final String FINITE = "(?:check(?:s|ed)" + S + "on|look(?:s|ed)" + S + "after|car(?:es|ed)" + S + "for"
      + "|(?:takes|took)" + S + "care" + S + "of|visit(?:s|ed)|stay(?:s|ed)" + STAY + "|sleeps|slept"
      + "|accompan(?:ies|ied)|(?:does|did)" + S + CHORE
      + "|answer(?:s|ed)" + S + ANSWER_OBJ + "|wonder(?:s|ed)|worri(?:es|ed)|cri(?:es|ed)|attend(?:s|ed)"
      + "|talk(?:s|ed)" + S + "(?:to|with|about)|speaks|spoke|babysits|babysat|comes" + S + "(?:over|by|to" + S
      + "visit)|came" + S + "(?:over|by|to" + S + "visit)|ask(?:s|ed)" + S + "(?:about|whether|if|for|to|me|us"
      + "|her|him))\\b";
  /** Adjectives of mood and manner that describe a person only: "Why is Glyceria so impulsive?". */
  private static final String ADJ = "(?:" + Lexicon.Cues.alternation("name-subject-frames.adj")
      + ")\\b";
  private static final String AUX = "(?:is|was|are|were|will|would|could|can|may|might|should|must|does|did|do"
      + "|has|have|had)(?:n['’]t)?(?:" + ADV + "?" + S + "(?:been|be))?";
  private static final String LINK = "(?:is|was|are|were|seems|seemed|feels|felt|looks|looked|became|becomes|gets"
      + "|got|has" + S + "been|had" + S + "been)";
  /** Present for an occasion, not for a time span: "were present for the meeting", not "present for 3 days". */
  private static final String PRESENT = "present" + S + "(?:for|during)" + S + "(?:the" + S
      + "(?!past|last|first|next|entire|whole|duration|remainder)|her|his|their|our|this|today['’]?s|rounds"
      + "|discussions?)\\b";
  /** What follows a singular subject. */
  static final Pattern SINGLE = Pattern.compile(ADV + "{0,2}" + S + "(?:" + FINITE + "|" + AUX + ADV
      + "{0,2}" + S + "(?:" + BASE + "|" + ING + "|" + PRESENT + ")|" + LINK + ADV + "{0,2}" + S + ADJ + ")");
  /** What follows a plural subject ("X and Y"): the same, or a base form with no auxiliary ("visit daily"). */
  private static final Pattern PLURAL = Pattern.compile(ADV + "{0,2}" + S + "(?:" + BASE + "|" + AUX + ADV
      + "{0,2}" + S + "(?:" + BASE + "|" + ING + "|" + PRESENT + ")|" + LINK + ADV + "{0,2}" + S + ADJ + ")");
  /** What follows the subject of a question whose auxiliary came first: "Why is X not answering", "is X so sad". */
  private static final Pattern INVERTED = Pattern.compile(ADV + "{0,2}" + S + "(?:" + BASE + "|" + ING + "|"
      + PRESENT + "|" + ADJ + ")");
  private static final Set<String> QUESTION_AUX = Lexicon.Cues.set("name-subject-frames.question-aux");
  private static final Set<String> WH = Lexicon.Cues.set("name-subject-frames.wh");
  /** Modal verbs and other words that spell a name and start a clause: "Will visit tomorrow". */
  private static final Set<String> NOT_SUBJECTS = Lexicon.Cues.set("name-subject-frames.not-subjects");

  /** A giving or telling verb before an indirect object: "had given Belle his address", "told Dupont her results". */
  private static final Pattern RECIPIENT_BEFORE = Pattern.compile("\\b(?:give|gives|gave|given|giving|tell|tells"
      + "|told|telling|show|shows|showed|shown|hand|hands|handed|offer|offers|offered|lend|lends|lent|owe|owes|owed"
      + "|teach|teaches|taught)" + S + "$");
  /** A possessive pronoun after the indirect object: what is given belongs to someone. */
  private static final Pattern RECIPIENT_AFTER = Pattern.compile(S + "(?:his|her|their|my|our|your)\\b");
  /** Words after which a clause (and its subject) starts: "Today Voorn and Mol visited", "but Csete does". */
  private static final Set<String> CLAUSE_OPENERS = Lexicon.Cues.set("name-subject-frames.clause-openers");

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
    List<Tok> toks = nt.tokens();
    if (i + 2 >= toks.size()) {
      return false;
    }
    Tok a = toks.get(i);
    Tok and = toks.get(i + 1);
    Tok b = toks.get(i + 2);
    String text = nt.text();
    if (and.end() - and.start() != 3 || !text.startsWith("and", and.start()) || !nt.adjacent(a, and)
        || !nt.adjacent(and, b) || !conjunct(nt, i, model, true) || !conjunct(nt, i + 2, model, false)
        || !PLURAL.matcher(text).region(b.end(), text.length()).lookingAt()) {
      return false;
    }
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
    int k = t.start() - 1;
    while (k >= 0 && (text.charAt(k) == ' ' || text.charAt(k) == '\t')) {
      k--;
    }
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
