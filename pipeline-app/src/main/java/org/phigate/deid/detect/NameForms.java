package org.phigate.deid.detect;

import java.util.List;
import java.util.Set;
import org.phigate.deid.detect.NameTokens.Kind;
import org.phigate.deid.detect.NameTokens.Tok;
import org.phigate.gazetteer.Lexicon;

/**
 * Name shapes a strong cue admits beyond {@link NameTokens#forward}: a capitalized English word or eponym after a
 * title ("Mr. Spears", "Dr. Wells") and lower-case names in portal messages ("my name is lena andersson",
 * "follow up with benjamin a seiler", "eva kleist lives at"). Lower-case words must be unknown to the English and
 * clinical lists; single letters between them are middle initials.
 */
final class NameForms {
  /** Capitalized words that follow a title or a name cue without being a surname ("Dr. Office"). */
  private static final Set<String> NOT_SURNAMES = DetectWords.set("name-forms.not-surnames");
  private static final int MAX_LOWER = 4;

  private NameForms() {}

  /**
   * After a title: the regular forward read, else one capitalized English word or eponym (plus name words after it);
   * {@code lower} also admits a lower-case run. Returns {start, end} or null.
   */
  static int[] afterTitle(NameTokens nt, int i, boolean englishSurname, boolean lower, boolean needDictionary) {
    int[] span = nt.forward(i);
    if (span != null) {
      return span;
    }
    List<Tok> toks = nt.tokens();
    if (i >= toks.size()) {
      return null;
    }
    Tok t = toks.get(i);
    if (englishSurname && nt.capitalizedWord(t, i) && !NOT_SURNAMES.contains(Lexicon.lower(t.base()))) {
      int end = t.end();
      if (i + 1 < toks.size() && nt.adjacent(t, toks.get(i + 1)) && toks.get(i + 1).nameLike()) {
        end = nt.forward(i + 1)[1];
      }
      return new int[] {t.start(), end};
    }
    return lower ? lowerForward(nt, i, needDictionary) : null;
  }

  /** A lower-case name starting at token {@code i}: LOWER words and single-letter initials, ending on a word. */
  static int[] lowerForward(NameTokens nt, int i, boolean needDictionary) {
    List<Tok> toks = nt.tokens();
    if (i >= toks.size() || !(nt.lowerName(toks.get(i)) || i + 1 < toks.size()
        && nt.lowerName(toks.get(i + 1)) && near(nt, toks.get(i), toks.get(i + 1))
        && dictionaryWord(nt, toks.get(i), true))) {
      return null;
    }
    int last = i;
    int words = 1;
    for (int j = i + 1; j < toks.size() && words < MAX_LOWER; j++) {
      Tok t = toks.get(j);
      if (!near(nt, toks.get(j - 1), t)) {
        break;
      }
      if (nt.lowerName(t) || nt.lowerName(toks.get(j - 1)) && dictionaryWord(nt, t, false)) {
        last = j;
        words++;
      } else if (!((lowerInitial(nt, t) || t.kind() == Kind.PARTICLE) && j + 1 < toks.size()
          && (nt.lowerName(toks.get(j + 1)) || toks.get(j + 1).kind() == Kind.PARTICLE))) {
        break;
      }
    }
    return accept(nt, i, last, needDictionary);
  }

  /** A lower-case name ending right before {@code offset} (only spaces between), read backwards. */
  static int[] lowerBackward(NameTokens nt, int offset, boolean needDictionary) {
    List<Tok> toks = nt.tokens();
    int i = nt.indexAt(offset) - 1;
    if (i < 0 || !nt.lowerName(toks.get(i)) || !nt.text().substring(toks.get(i).end(), offset).isBlank()) {
      return null;
    }
    int first = i;
    int words = 1;
    for (int j = i - 1; j >= 0 && words < MAX_LOWER; j--) {
      Tok t = toks.get(j);
      if (!near(nt, t, toks.get(j + 1))) {
        break;
      }
      if (nt.lowerName(t)) {
        first = j;
        words++;
      } else if (!(lowerInitial(nt, t) && j > 0 && nt.lowerName(toks.get(j - 1)))) {
        break;
      }
    }
    return accept(nt, first, i, needDictionary);
  }

  private static int[] accept(NameTokens nt, int first, int last, boolean needDictionary) {
    List<Tok> toks = nt.tokens();
    if (needDictionary) {
      boolean known = false;
      for (int k = first; k <= last; k++) {
        known |= nt.lexicon().isName(toks.get(k).base()) && toks.get(k).end() - toks.get(k).start() > 1;
      }
      if (!known) {
        return null;
      }
    }
    return new int[] {toks.get(first).start(), toks.get(last).end()};
  }

  /** True when only spaces separate {@code start} from the text start, a line break, a sentence end or a quote. */
  static boolean startsClause(String text, int start) {
    int k = MatchStarts.lastNonBlank(text, start);
    return k < 0 || "\n\r.!?\"”>".indexOf(text.charAt(k)) >= 0;
  }

  /** Only spaces between, or the dot of a one-letter initial ("eric g. samoylova"). */
  private static boolean near(NameTokens nt, Tok a, Tok b) {
    if (nt.adjacent(a, b)) {
      return true;
    }
    String text = nt.text();
    return a.end() - a.start() == 1 && a.end() < text.length() && text.charAt(a.end()) == '.'
        && b.start() - a.end() <= 3 && text.substring(a.end() + 1, b.start()).isBlank()
        && text.substring(a.end() + 1, b.start()).indexOf('\n') < 0;
  }

  /**
   * A lower-case English word that a dictionary holds as a given name (before a LOWER word: "grace okafor") or as a
   * family name (after one: "lena brown"); never a clinical term or function word.
   */
  private static boolean dictionaryWord(NameTokens nt, Tok t, boolean given) {
    String word = nt.text().substring(t.start(), t.end());
    Lexicon lx = nt.lexicon();
    return (t.kind() == Kind.OTHER || t.kind() == Kind.LOWER) && word.length() > 2
        && word.chars().allMatch(Character::isLowerCase)
        && !lx.isClinicalTerm(word) && !NOT_SURNAMES.contains(word) && (given ? lx.isFirstName(word)
        : lx.isLastName(word));
  }

  /** "g." or "a" between two lower-case name words: a middle initial. */
  private static boolean lowerInitial(NameTokens nt, Tok t) {
    String word = nt.text().substring(t.start(), t.end());
    return word.length() == 1 && Character.isLowerCase(word.charAt(0));
  }
}
