package org.phigate.deid.eval;

import java.io.PrintStream;
import java.util.Map;
import java.util.TreeSet;

/** Prints several corpora's scores side by side: full-coverage recall and precision per category, then retention. */
public final class SideBySide {
  private SideBySide() {}

  public static void print(Map<String, Scorer> corpora, PrintStream out) {
    TreeSet<String> categories = new TreeSet<>();
    corpora.values().forEach(s -> categories.addAll(s.rows().keySet()));
    categories.remove(Scorer.ALL);
    categories.remove(Scorer.PATIENT_RELATIVE);
    categories.add("~" + Scorer.PATIENT_RELATIVE);
    categories.add("~~" + Scorer.ALL);
    out.println("== side by side: recall-full / precision (gold spans)");
    StringBuilder head = new StringBuilder(String.format("%-18s", "category"));
    corpora.keySet().forEach(c -> head.append(String.format(" %22s", c)));
    out.println(head);
    for (String key : categories) {
      String category = key.replace("~", "");
      StringBuilder line = new StringBuilder(String.format("%-18s", category));
      for (Scorer s : corpora.values()) {
        Scorer.Row r = s.rows().get(category);
        line.append(r == null ? String.format(" %22s", "-") : String.format(" %7s / %5s (%5d)",
            ScoreTable.fmt(Scorer.recallFull(r)), ScoreTable.fmt(Scorer.precision(r)), Scorer.gold(r)));
      }
      out.println(line);
    }
    StringBuilder retention = new StringBuilder(String.format("%-18s", "retention"));
    corpora.values().forEach(s -> retention.append(String.format(" %22s", ScoreTable.fmt(s.retention()))));
    out.println(retention);
    out.println();
  }
}
