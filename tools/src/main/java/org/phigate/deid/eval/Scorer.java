package org.phigate.deid.eval;

import org.phigate.deid.notes.NoteDetection;
import org.phigate.deid.notes.Note;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.phigate.schema.PhiFinding;

/**
 * Scores predicted spans against gold spans. Recall per gold category: any-overlap (some character of the gold span
 * is covered by a prediction of any category) and full-coverage (every letter and digit of it is, see
 * {@link GoldCoverage} for the titles and credentials at a name's edges). Precision per
 * predicted category: a prediction is true when it overlaps a gold span; one that only overlaps a gold span whose
 * label is not a Safe Harbor category (an "ignore" region, e.g. ORGANIZATION in presidio) is not counted. Retention:
 * the share of non-PHI words (outside every gold span) that no prediction touches.
 */
public final class Scorer {
  /** Counts for one category. */
  public static final class Row {
    int gold;
    int anyOverlap;
    int fullCoverage;
    int strictCoverage;
    int predicted;
    int truePredicted;
  }

  public static final String ALL = "ALL";
  public static final String PATIENT_RELATIVE = "patient+relative";
  private final Map<String, Row> rows = new TreeMap<>();
  private long words;
  private long wordsKept;
  private long predictedChars;
  private long predictedCharsInGold;
  private int notes;

  public void add(Note note, List<PhiFinding> predictions) {
    notes++;
    String text = note.text();
    boolean[] covered = new boolean[text.length()];
    for (PhiFinding f : predictions) {
      for (int i = Math.max(0, f.getStart()); i < Math.min(text.length(), f.getEnd()); i++) {
        covered[i] = true;
      }
    }
    boolean[] inGold = new boolean[text.length()];
    for (Note.Span s : note.spans()) {
      int start = Math.max(0, s.start());
      int end = Math.min(text.length(), s.end());
      for (int i = start; i < end; i++) {
        inGold[i] = true;
      }
      if (NoteDetection.category(s.category()).isEmpty() || start >= end) {
        continue;
      }
      boolean any = false;
      for (int i = start; i < end; i++) {
        any |= covered[i];
      }
      boolean full = GoldCoverage.full(text, s, covered);
      boolean strict = GoldCoverage.strict(text, s, covered);
      count(s.category(), any, full, strict);
      count(ALL, any, full, strict);
      if (s.party().isEmpty() || s.party().equals("patient") || s.party().equals("relative")) {
        count(PATIENT_RELATIVE, any, full, strict);
      }
    }
    for (PhiFinding f : predictions) {
      boolean scored = false;
      boolean ignoredOnly = false;
      for (Note.Span s : note.spans()) {
        if (f.getStart() < s.end() && s.start() < f.getEnd()) {
          if (NoteDetection.category(s.category()).isPresent()) {
            scored = true;
          } else {
            ignoredOnly = true;
          }
        }
      }
      if (!scored && ignoredOnly) {
        continue;
      }
      for (String key : List.of(f.getCategory().name(), ALL)) {
        Row r = rows.computeIfAbsent(key, k -> new Row());
        r.predicted++;
        r.truePredicted += scored ? 1 : 0;
      }
    }
    for (int i = 0; i < text.length(); i++) {
      if (covered[i] && Character.isLetterOrDigit(text.charAt(i))) {
        predictedChars++;
        predictedCharsInGold += inGold[i] ? 1 : 0;
      }
    }
    java.util.regex.Matcher w = WORD.matcher(text);
    while (w.find()) {
      boolean phi = false;
      boolean touched = false;
      for (int i = w.start(); i < w.end(); i++) {
        phi |= inGold[i];
        touched |= covered[i];
      }
      if (!phi) {
        words++;
        wordsKept += touched ? 0 : 1;
      }
    }
  }

  private static final java.util.regex.Pattern WORD = java.util.regex.Pattern.compile("[\\p{L}\\p{N}]+");

  private void count(String key, boolean any, boolean full, boolean strict) {
    Row r = rows.computeIfAbsent(key, k -> new Row());
    r.gold++;
    r.anyOverlap += any ? 1 : 0;
    r.fullCoverage += full ? 1 : 0;
    r.strictCoverage += strict ? 1 : 0;
  }

  public int notes() {
    return notes;
  }

  public Map<String, Row> rows() {
    return rows;
  }

  public double retention() {
    return words == 0 ? 1.0 : (double) wordsKept / words;
  }

  /** Share of redacted letters and digits that lie inside gold spans (a stricter precision than overlap). */
  public double charPrecision() {
    return predictedChars == 0 ? Double.NaN : (double) predictedCharsInGold / predictedChars;
  }

  public long nonPhiWords() {
    return words;
  }

  public static double ratio(int num, int den) {
    return den == 0 ? Double.NaN : (double) num / den;
  }

  public static double recallAny(Row r) {
    return ratio(r.anyOverlap, r.gold);
  }

  public static double recallFull(Row r) {
    return ratio(r.fullCoverage, r.gold);
  }

  /** Full coverage counting every letter and digit, titles, credentials and states included. */
  public static double recallStrict(Row r) {
    return ratio(r.strictCoverage, r.gold);
  }

  public static double precision(Row r) {
    return ratio(r.truePredicted, r.predicted);
  }

  public static int gold(Row r) {
    return r.gold;
  }

  public static int predicted(Row r) {
    return r.predicted;
  }

  /** F2 from full-coverage recall and precision (recall weighted 4x). */
  public static double f2(Row r) {
    double p = precision(r);
    double rec = recallFull(r);
    if (Double.isNaN(p) || Double.isNaN(rec) || p + rec == 0) {
      return Double.NaN;
    }
    return 5 * p * rec / (4 * p + rec);
  }
}
