package org.phigate.deid.eval;

import java.io.PrintStream;
import java.util.Map;

/** Prints a {@link Scorer}'s result as a fixed-width table (one row per category, then ALL and patient+relative). */
public final class ScoreTable {
  private ScoreTable() {}

  public static void print(String title, Scorer scorer, PrintStream out) {
    out.println("== " + title + " (" + scorer.notes() + " notes)");
    out.printf("%-18s %7s %10s %11s %7s %9s %9s %6s%n", "category", "gold", "recall-any", "recall-full", "strict",
        "predicted", "precision", "F2");
    Map<String, Scorer.Row> rows = scorer.rows();
    rows.forEach((name, row) -> {
      if (!name.equals(Scorer.ALL) && !name.equals(Scorer.PATIENT_RELATIVE)) {
        line(out, name, row);
      }
    });
    for (String total : new String[] {Scorer.PATIENT_RELATIVE, Scorer.ALL}) {
      if (rows.containsKey(total)) {
        line(out, total, rows.get(total));
      }
    }
    out.printf("retention (non-PHI words left intact): %s of %d words%n", fmt(scorer.retention()),
        scorer.nonPhiWords());
    out.printf("character precision (redacted letters/digits inside gold spans): %s%n", fmt(scorer.charPrecision()));
    out.println("recall-full: every letter/digit of a gold span covered, except a title or credential at a name's "
        + "edge (Dr., MD) and a US state before a ZIP, which Safe Harbor and the policy keep; strict: every one");
    out.println();
  }

  private static void line(PrintStream out, String name, Scorer.Row row) {
    out.printf("%-18s %7d %10s %11s %7s %9d %9s %6s%n", name, Scorer.gold(row), fmt(Scorer.recallAny(row)),
        fmt(Scorer.recallFull(row)), fmt(Scorer.recallStrict(row)), Scorer.predicted(row), fmt(Scorer.precision(row)),
        fmt(Scorer.f2(row)));
  }

  public static String fmt(double v) {
    return Double.isNaN(v) ? "-" : String.format("%.3f", v);
  }
}
