package org.phigate.deid.detect;

import java.util.ArrayList;
import java.util.List;
import org.phigate.deid.detect.NameTokens.Kind;
import org.phigate.deid.detect.NameTokens.Tok;
import org.phigate.gazetteer.Lexicon;
import org.phigate.schema.PhiCategory;
import org.phigate.schema.PhiFinding;

/**
 * Names found through the first/last name dictionaries ({@link Lexicon}), without a cue. A run of adjacent
 * capitalized name-like words on one line is a name when it holds a dictionary name that is not also an English word
 * ("Okonkwo", "Margaret"), or a dictionary name that is an English word next to an unknown capitalized word ("Grace
 * Oyelaran"), or a first-name word followed by a last-name word ("Will Brown"). The precision guard: clinical terms
 * (eponyms, drugs, months) never count, so "Parkinson's", "Graves' disease" and "Lasix" stay. Detector names:
 * {@code dict:name} and {@code dict:name-pair}.
 */
public final class NameDictionaryDetector implements Detector {
  private static final int MAX_RUN = 5;
  private final Lexicon lexicon;

  public NameDictionaryDetector() {
    this(Lexicon.get());
  }

  NameDictionaryDetector(Lexicon lexicon) {
    this.lexicon = lexicon;
  }

  @Override
  public List<PhiFinding> find(String path, String text, KnownIdentifiers known) {
    NameTokens nt = NameTokens.of(text, lexicon);
    List<Tok> toks = nt.tokens();
    List<PhiFinding> out = new ArrayList<>();
    int i = 0;
    while (i < toks.size()) {
      if (!toks.get(i).nameLike()) {
        i++;
        continue;
      }
      int j = i;
      int lastNameLike = i;
      while (j + 1 < toks.size() && nt.adjacent(toks.get(j), toks.get(j + 1))
          && (toks.get(j + 1).nameLike() || toks.get(j + 1).joiner())) {
        j++;
        if (toks.get(j).nameLike()) {
          lastNameLike = j;
        }
      }
      // a strong first name followed by a capitalized English word: the word is a surname ("James Sparks")
      int end = nt.initialSurname(lastNameLike);
      if (end + 1 < toks.size() && toks.get(end).kind() == Kind.STRONG && toks.get(end).firstName() && end == i
          && nt.adjacent(toks.get(end), toks.get(end + 1)) && surnameShaped(text, toks.get(end + 1))) {
        end++;
      }
      // "Willemine ten Pas": a lower-case particle between a name word and a capitalized word joins them
      boolean particle = end + 2 < toks.size() && toks.get(end).nameLike()
          && toks.get(end + 1).kind() == Kind.PARTICLE && Character.isLowerCase(toks.get(end + 1).base().charAt(0))
          && nt.adjacent(toks.get(end), toks.get(end + 1)) && nt.adjacent(toks.get(end + 1), toks.get(end + 2))
          && nt.capitalizedWord(toks.get(end + 2), end + 2) && !lexicon.isClinicalTerm(toks.get(end + 2).base());
      end += particle ? 2 : 0;
      emit(path, toks.subList(i, end + 1), out, particle);
      i = Math.max(j, end) + 1;
    }
    lowerPairs(nt, path, out);
    return out;
  }

  /**
   * A lower-case pair without a cue ("eva kleist lives", "naomi ryan sewer"): a dictionary first name no English or
   * clinical list holds, an optional initial, then a word no English or clinical list holds that is a dictionary
   * family name or at least four letters long.
   */
  private void lowerPairs(NameTokens nt, String path, List<PhiFinding> out) {
    List<Tok> toks = nt.tokens();
    for (int i = 0; i + 1 < toks.size(); i++) {
      Tok first = toks.get(i);
      if (!nt.lowerName(first) || first.base().length() < 3 || !lexicon.isFirstName(first.base())) {
        continue;
      }
      int j = i + 1;
      if (j + 1 < toks.size() && toks.get(j).end() - toks.get(j).start() == 1
          && Character.isLowerCase(nt.text().charAt(toks.get(j).start())) && near(nt, first, toks.get(j))) {
        j++;
      }
      Tok last = toks.get(j);
      if (near(nt, toks.get(j - 1), last) && nt.lowerName(last)
          && (lexicon.isLastName(last.base()) || last.base().length() >= 4)) {
        out.add(Findings.span(PhiCategory.NAME, path, first.start(), last.end(), "dict:name-lower-pair", 0.6));
        i = j;
      }
    }
  }

  private static boolean near(NameTokens nt, Tok a, Tok b) {
    String gap = nt.text().substring(a.end(), b.start());
    return gap.equals(" ") || gap.equals(". ");
  }

  private void emit(String path, List<Tok> run, List<PhiFinding> out, boolean particle) {
    int strong = 0;
    int weak = 0;
    int unknown = 0;
    int nameLike = 0;
    boolean allCaps = true;
    for (Tok t : run) {
      switch (t.kind()) {
        case STRONG -> strong++;
        case WEAK -> weak++;
        case UNKNOWN -> unknown++;
        default -> { }
      }
      if (t.nameLike()) {
        nameLike++;
        allCaps &= t.base().equals(t.base().toUpperCase(java.util.Locale.ROOT));
      }
    }
    if (nameLike > MAX_RUN || allCaps && nameLike < 2) {
      return;
    }
    Tok first = run.get(0);
    Tok last = run.get(run.size() - 1);
    String detector;
    double confidence;
    if (strong > 0) {
      detector = "dict:name";
      confidence = Math.min(0.9, 0.7 + 0.05 * lexicon.nameFrequency(strongest(run).base()));
    } else if (weak > 0 && unknown > 0 || weak >= 2 && first.firstName() && last.lastName() && first.kind() == Kind.WEAK) {
      detector = "dict:name-pair";
      confidence = 0.65;
    } else if (unknown >= 2 && !allCaps) {
      detector = "shape:name-pair";
      confidence = 0.55;
    } else if (particle) {
      detector = "shape:name-particle";
      confidence = 0.6;
    } else {
      return;
    }
    out.add(Findings.span(PhiCategory.NAME, path, first.start(), last.end(), detector, confidence));
  }

  private boolean surnameShaped(String text, Tok t) {
    String word = text.substring(t.start(), t.end());
    return t.kind() == Kind.OTHER && word.length() > 2 && Character.isUpperCase(word.charAt(0))
        && word.substring(1).chars().allMatch(Character::isLowerCase) && lexicon.isEnglishWord(word)
        && !lexicon.isClinicalTerm(word);
  }

  private static Tok strongest(List<Tok> run) {
    return run.stream().filter(t -> t.kind() == Kind.STRONG).findFirst().orElse(run.get(0));
  }
}
