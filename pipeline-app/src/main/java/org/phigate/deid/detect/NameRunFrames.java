package org.phigate.deid.detect;

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
 * Names the token-by-token readers cut short. An all-caps run of two or three words in a patient frame, taken
 * whole even with a short or trailing word ("AN JUNGTON (MRN", "ICO HAMSTRA, 55 yo", "Pt TREASA DE seen and
 * examined", "WIAN KOSTERS returns for"). A particle surname ("van den Heuvel", "de los Reyes", "Du Cane") as the
 * subject of a person verb, after a speaker verb at a sentence end, in "the ... family", or before a credential
 * ("Adripathi De rosa-Cepeda, RN"). Run by {@link NameCueDetector}. Detector names: {@code frame:name-caps-run},
 * {@code frame:name-particle}.
 */
final class NameRunFrames {
  private static final String S = "[ \\t]+";
  private static final int MAX_RUN = 3;
  /** After an all-caps name: an MRN, DOB or age, or a verb a patient is the subject of in a note's opening. */
  private static final Pattern CAPS_AFTER = DetectWords.pattern("run.caps-after");
  /** Before an all-caps name: a patient label. */
  private static final Pattern CAPS_BEFORE = DetectWords.pattern("run.caps-before");
  /** Short words in capitals that never start or end a name in a header: function words, titles, labels. */
  private static final Set<String> CAPS_STOP = DetectWords.set("name-run-frames.caps-stop");
  /** Disease and drug endings: a word in capitals that ends so is no name ("TENOSYNOVITIS", "METFORMIN"). */
  private static final Pattern THING_END = DetectWords.pattern("run.thing-end");
  private static final Set<String> PARTICLES = DetectWords.set("name-run-frames.particles");
  /** Verbs a particle surname is the subject of ("Today de los Reyes reports"), besides the person-only frames. */
  private static final Pattern REPORT = DetectWords.pattern("run.report");
  private static final Pattern SPEAKER_BEFORE = DetectWords.pattern("run.speaker-before");
  private static final Pattern SENTENCE_END = Pattern.compile("[ \\t]*(?:[.,;!?\"”)]|\\r?\\n|$)");
  private static final Pattern FAMILY_BEFORE = Pattern.compile("\\b[Tt]he" + S + "$");
  private static final Pattern FAMILY_AFTER = Pattern.compile(S + "family\\b");
  private static final Pattern CREDENTIAL = DetectWords.pattern("run.credential");

  private NameRunFrames() {}

  static void find(NameTokens nt, String path, List<PhiFinding> out) {
    List<Tok> toks = nt.tokens();
    for (int i = 0; i < toks.size(); i++) {
      int end = capsRun(nt, i);
      if (end > i) {
        out.add(Findings.span(PhiCategory.NAME, path, toks.get(i).start(), toks.get(end).end(),
            "frame:name-caps-run", 0.8));
        i = end;
        continue;
      }
      int[] span = particleSurname(nt, i);
      if (span != null) {
        out.add(Findings.span(PhiCategory.NAME, path, span[0], span[1], "frame:name-particle", 0.8));
      }
    }
  }

  /**
   * The last token of an all-caps name of two or three words starting at token {@code i}, or -1: no English,
   * clinical or drug word among them, at least one longer name word, the run's first word starting it (nothing in
   * capitals right before), and a patient frame right after or a patient label right before.
   */
  private static int capsRun(NameTokens nt, int i) {
    List<Tok> toks = nt.tokens();
    String text = nt.text();
    if (!capsWord(nt, toks.get(i)) || i > 0 && nt.adjacent(toks.get(i - 1), toks.get(i))
        && allCaps(text.substring(toks.get(i - 1).start(), toks.get(i - 1).end()))) {
      return -1;
    }
    int j = i;
    while (j + 1 < toks.size() && j + 1 - i < MAX_RUN && nt.adjacent(toks.get(j), toks.get(j + 1))
        && capsWord(nt, toks.get(j + 1))) {
      j++;
    }
    if (j == i || j + 1 < toks.size() && nt.adjacent(toks.get(j), toks.get(j + 1))
        && allCaps(text.substring(toks.get(j + 1).start(), toks.get(j + 1).end()))) {
      return -1;
    }
    int names = 0;
    for (int k = i; k <= j; k++) {
      Tok t = toks.get(k);
      String word = text.substring(t.start(), t.end());
      if (word.length() >= 4 && (t.kind() == Kind.STRONG || t.kind() == Kind.UNKNOWN)) {
        names += 2;
      } else if (word.length() >= 4 && t.kind() == Kind.WEAK) {
        names++;
      }
    }
    String first = text.substring(toks.get(i).start(), toks.get(i).end());
    boolean article = first.equals("AN") && "AEIOU".indexOf(text.charAt(toks.get(i + 1).start())) >= 0;
    if (names < 2 || article || CAPS_STOP.contains(first)) {
      return -1;
    }
    boolean after = CAPS_AFTER.matcher(text).region(toks.get(j).end(), text.length()).lookingAt();
    boolean before = CAPS_BEFORE.matcher(text.substring(Math.max(0, toks.get(i).start() - 12),
        toks.get(i).start())).find();
    return after || before ? j : -1;
  }

  /** A word in capitals, letters only, that may be part of a name: no English, clinical or drug word. */
  private static boolean capsWord(NameTokens nt, Tok t) {
    String text = nt.text();
    if (t.end() - t.start() < 2 || !Character.isUpperCase(text.charAt(t.start()))
        || !Character.isUpperCase(text.charAt(t.start() + 1))) {
      return false;
    }
    String word = text.substring(t.start(), t.end());
    if (!allCaps(word) || !word.replace("-", "").chars().allMatch(Character::isLetter)
        || THING_END.matcher(word).matches()) {
      return false;
    }
    return switch (t.kind()) {
      case STRONG, WEAK, UNKNOWN, SHORT_CAPS, PARTICLE -> true;
      case OTHER -> word.length() <= 3 && !CAPS_STOP.contains(word) && !nt.lexicon().isClinicalTerm(word)
          && (!nt.lexicon().isEnglishWord(word) || word.equals("AN"));
      default -> false;
    };
  }

  private static boolean allCaps(String word) {
    return word.length() >= 2 && word.equals(word.toUpperCase(Locale.ROOT))
        && !word.equals(word.toLowerCase(Locale.ROOT));
  }

  /** A particle surname starting at token {@code i} in a person frame (see the class comment), or null. */
  private static int[] particleSurname(NameTokens nt, int i) {
    List<Tok> toks = nt.tokens();
    String text = nt.text();
    int j = i;
    while (j < toks.size() && j - i < 3 && particle(nt, toks.get(j)) && (j == i || nt.adjacent(toks.get(j - 1),
        toks.get(j)))) {
      j++;
    }
    if (j == i || j >= toks.size() || !nt.adjacent(toks.get(j - 1), toks.get(j))) {
      return null;
    }
    Tok head = toks.get(i);
    Tok sur = toks.get(j);
    int start = head.start();
    // a given name right before belongs to it: "Adripathi De rosa-Cepeda", "Maria de los Reyes"
    if (i > 0 && toks.get(i - 1).nameLike() && nt.adjacent(toks.get(i - 1), head)) {
      start = toks.get(i - 1).start();
    }
    String before = text.substring(Math.max(0, start - 40), start);
    if (CREDENTIAL.matcher(text).region(sur.end(), text.length()).lookingAt() && letters(nt, sur)) {
      return new int[] {start, sur.end()};
    }
    if (!surname(nt, sur, j)) {
      return null;
    }
    boolean subject = !nt.possessive(sur) && (REPORT.matcher(text).region(sur.end(), text.length()).lookingAt()
        || NameSubjectFrames.SINGLE.matcher(text).region(sur.end(), text.length()).lookingAt());
    boolean speaker = SPEAKER_BEFORE.matcher(before).find()
        && SENTENCE_END.matcher(text).region(sur.end(), text.length()).lookingAt();
    boolean family = FAMILY_BEFORE.matcher(before).find()
        && FAMILY_AFTER.matcher(text).region(sur.end(), text.length()).lookingAt();
    return subject || speaker || family ? new int[] {start, sur.end()} : null;
  }

  private static boolean particle(NameTokens nt, Tok t) {
    if (t.end() - t.start() > 5) {
      return false;
    }
    String word = nt.text().substring(t.start(), t.end());
    String lower = Lexicon.lower(word);
    return PARTICLES.contains(lower) && (word.equals(lower) || word.length() > 1
        && word.substring(1).equals(word.substring(1).toLowerCase(Locale.ROOT)));
  }

  /** A title-case word after particles that can end a surname: not clinical ("de Quervain"), not a function word. */
  private static boolean surname(NameTokens nt, Tok t, int j) {
    String word = nt.text().substring(t.start(), t.end());
    return word.length() >= 2 && Character.isUpperCase(word.charAt(0)) && !allCaps(word)
        && word.chars().allMatch(c -> Character.isLetter(c) || c == '-' || c == '\'' || c == '’')
        && (t.nameLike() || nt.capitalizedWord(t, j) && t.kind() != Kind.CLINICAL);
  }

  /** Letters and hyphens only, not a function word: "rosa-Cepeda" before ", RN". */
  private static boolean letters(NameTokens nt, Tok t) {
    String word = nt.text().substring(t.start(), t.end());
    return word.length() >= 2 && word.chars().allMatch(c -> Character.isLetter(c) || c == '-')
        && t.kind() != Kind.CLINICAL && !(t.kind() == Kind.OTHER && nt.lexicon().isEnglishWord(word));
  }
}
