package org.phigate.deid.detect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.phigate.deid.detect.NameTokens.Kind;
import org.phigate.deid.detect.NameTokens.Tok;
import org.phigate.gazetteer.Lexicon;
import org.phigate.schema.PhiCategory;
import org.phigate.schema.PhiFinding;

/**
 * Carries the names the detectors found in one text part to the rest of it, as Philter and physionet deid do:
 * other members of a comma/"and" list ("Monjeau, Graves and Reed"), other mentions of each name word ("Mrs. Okafor
 * ... Okafor reports", "eric samoylova ... samoylova"), and a generational suffix ("Kevin Veitonen II"). Only a
 * name word that no English or clinical list holds is matched in any case; an English word or eponym only in
 * title case, mid-sentence, and never as "Graves' disease" or "Wilson disease". Detector names:
 * {@code ctx:name-list}, {@code ctx:name-repeat}, {@code ctx:name-suffix}.
 */
final class NameContext {
  /** Seeds below this confidence (shape-only pairs) are not carried over; the name-shape model's always are. */
  private static final double MIN_SEED = 0.65;
  private static final Pattern LIST_AFTER = DetectWords.pattern("context.list-after");
  private static final Pattern LIST_BEFORE = DetectWords.pattern("context.list-before");
  private static final Pattern SUFFIX = Pattern.compile(",?[ \\t]+(?:Jr|Sr|II|III|IV|jr|sr)\\b\\.?");
  /** Generic drug-name endings: a list member shaped like a drug never joins a list of names. */
  static final Pattern DRUG = DetectWords.pattern("context.drug");
  private static final int MAX_LIST = 12;
  private static final Set<String> SUBJECT_VERBS = DetectWords.set("name-context.subject-verbs");

  private final Lexicon lexicon;

  NameContext(Lexicon lexicon) {
    this.lexicon = lexicon;
  }

  /** Extra NAME findings for one text part, given every finding the detectors made in it. */
  List<PhiFinding> extend(String path, String text, List<PhiFinding> found) {
    List<int[]> seeds = new ArrayList<>();
    for (PhiFinding f : found) {
      if (f.getCategory() == PhiCategory.NAME && f.getStart() != null && (f.getConfidence() >= MIN_SEED
          || String.valueOf(f.getDetector()).startsWith("model:"))
          && path.equals(f.getPath())) {
        seeds.add(new int[] {f.getStart(), f.getEnd()});
      }
    }
    if (seeds.isEmpty()) {
      return List.of();
    }
    NameTokens nt = NameTokens.of(text, lexicon);
    List<PhiFinding> out = new ArrayList<>();
    List<int[]> names = new ArrayList<>(seeds);
    java.util.Set<Integer> seedStarts = new java.util.HashSet<>();
    java.util.Set<Integer> seedEnds = new java.util.HashSet<>();
    seeds.forEach(sp -> {
      seedStarts.add(sp[0]);
      seedEnds.add(sp[1]);
    });
    for (int[] seed : seeds) {
      listMembers(nt, seed, names, path, out, seedStarts, seedEnds);
      Matcher m = SUFFIX.matcher(text);
      if (at(m, seed[1])) {
        out.add(Findings.span(PhiCategory.NAME, path, seed[0], m.end(), "ctx:name-suffix", 0.8));
      }
    }
    repeats(nt, names, path, out);
    return out;
  }

  /** Walks the list both ways from one seed, stopping at the next seed (which walks on by itself). */
  private void listMembers(NameTokens nt, int[] seed, List<int[]> names, String path, List<PhiFinding> out,
      java.util.Set<Integer> seedStarts, java.util.Set<Integer> seedEnds) {
    String text = nt.text();
    List<Tok> toks = nt.tokens();
    int end = seed[1];
    Matcher m = LIST_AFTER.matcher(text);
    for (int n = 0; n < MAX_LIST && at(m, end); n++) {
      int i = nt.indexAt(m.end());
      if (i >= toks.size() || toks.get(i).start() != m.end()) {
        break;
      }
      int[] span;
      if (member(nt, i)) {
        span = nt.forward(i);
      } else if (nt.capitalizedWord(toks.get(i), i) && (!lexicon.isClinicalTerm(toks.get(i).base())
          || lexicon.isEponym(toks.get(i).base())) && nameFollows(nt, toks.get(i).end())) {
        // "Morrison, Rogers and Torres", "Monjeau, Graves and Reed": an English-word or eponym surname between two
        // list names
        span = new int[] {toks.get(i).start(), toks.get(i).end()};
      } else {
        break;
      }
      if (seedStarts.contains(span[0])) {
        break;
      }
      names.add(span);
      out.add(Findings.span(PhiCategory.NAME, path, span[0], span[1], "ctx:name-list", 0.7));
      end = span[1];
    }
    int start = seed[0];
    for (int n = 0; n < MAX_LIST; n++) {
      Matcher b = LIST_BEFORE.matcher(text.substring(Math.max(0, start - 12), start));
      if (!b.find()) {
        break;
      }
      int gap = Math.max(0, start - 12) + b.start();
      int i = nt.indexAt(gap) - 1;
      int[] span = i >= 0 && toks.get(i).end() == gap && member(nt, i) ? nt.backward(gap) : null;
      if (span == null || seedEnds.contains(span[1])) {
        break;
      }
      names.add(span);
      out.add(Findings.span(PhiCategory.NAME, path, span[0], span[1], "ctx:name-list", 0.7));
      start = span[0];
    }
  }

  /** A match starting exactly at {@code offset}, tried there only (find(offset) would scan the rest of the text). */
  private static boolean at(Matcher m, int offset) {
    m.region(offset, m.regionEnd());
    return m.lookingAt();
  }

  /** True when a list separator and then a name-like list member follow {@code offset}. */
  private boolean nameFollows(NameTokens nt, int offset) {
    Matcher m = LIST_AFTER.matcher(nt.text());
    if (!at(m, offset)) {
      return false;
    }
    int i = nt.indexAt(m.end());
    return i < nt.tokens().size() && nt.tokens().get(i).start() == m.end() && member(nt, i);
  }

  /** A list member: a capitalized name-like word that is not shaped like a drug and not followed by a dose. */
  private boolean member(NameTokens nt, int i) {
    Tok t = nt.tokens().get(i);
    if (!t.nameLike() || t.kind() != Kind.STRONG && DRUG.matcher(t.base()).matches()) {
      return false;
    }
    String rest = nt.text().substring(t.end(), Math.min(nt.text().length(), t.end() + 4)).stripLeading();
    return rest.isEmpty() || !Character.isDigit(rest.charAt(0));
  }

  /** Every other mention of a word of a found name: any case when the word is unambiguous, else title case. */
  private void repeats(NameTokens nt, List<int[]> names, String path, List<PhiFinding> out) {
    List<Tok> toks = nt.tokens();
    Map<String, Boolean> words = new HashMap<>();
    for (int[] span : names) {
      for (int i = nt.indexAt(span[0]); i < toks.size() && toks.get(i).start() < span[1]; i++) {
        Tok t = toks.get(i);
        String w = Lexicon.lower(t.base());
        if (w.length() >= 3 && (t.nameLike() || nt.lowerName(t) || nt.capitalizedWord(t, i))) {
          words.put(w, !lexicon.isEnglishWord(w) && !lexicon.isClinicalTerm(w));
        }
      }
    }
    if (words.isEmpty()) {
      return;
    }
    String text = nt.text();
    boolean[] covered = new boolean[toks.size()];
    for (int[] span : names) {
      for (int i = nt.indexAt(span[0]); i < toks.size() && toks.get(i).end() <= span[1]; i++) {
        covered[i] = true;
      }
    }
    for (int i = 0; i < toks.size(); i++) {
      Tok t = toks.get(i);
      Boolean safe = words.get(Lexicon.lower(t.base()));
      if (safe == null || covered[i] || eponymUse(nt, i) || t.base().length() <= 3
          && t.base().equals(t.base().toUpperCase(java.util.Locale.ROOT))) {
        continue; // "DOB" is not a mention of "Pilou Dob", "Tietze syndrome" none of "Dr. Tietze"
      }
      boolean titleCase = Character.isUpperCase(t.base().charAt(0));
      boolean midSentence = !NameForms.startsClause(text, t.start()) || subjectVerbAfter(nt, i);
      if (safe || titleCase && midSentence && (nt.capitalizedWord(t, i) || t.nameLike())) {
        int start = t.start();
        for (int k = i - 1; k >= 0 && i - k <= 3 && toks.get(k).kind() == Kind.PARTICLE
            && nt.adjacent(toks.get(k), toks.get(k + 1)); k--) {
          start = toks.get(k).start();
        }
        out.add(Findings.span(PhiCategory.NAME, path, start, t.end(), "ctx:name-repeat", 0.7));
      }
    }
  }

  /** "Tietze syndrome", "Graves' disease": a clinical word used as an eponym is no mention of "Dr. Tietze". */
  private static boolean eponymUse(NameTokens nt, int i) {
    List<Tok> toks = nt.tokens();
    Tok t = toks.get(i);
    return t.kind() == Kind.CLINICAL && (nt.possessive(t) || i + 1 < toks.size() && nt.adjacent(t, toks.get(i + 1))
        && NameTokens.isHead(Lexicon.lower(nt.text().substring(toks.get(i + 1).start(), toks.get(i + 1).end()))));
  }

  /** "Baker states": a sentence-initial English-word surname is still the person before a reporting verb. */
  private static boolean subjectVerbAfter(NameTokens nt, int i) {
    List<Tok> toks = nt.tokens();
    return i + 1 < toks.size() && nt.adjacent(toks.get(i), toks.get(i + 1))
        && SUBJECT_VERBS.contains(nt.text().substring(toks.get(i + 1).start(), toks.get(i + 1).end()));
  }
}
