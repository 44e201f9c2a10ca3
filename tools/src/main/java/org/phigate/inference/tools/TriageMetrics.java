package org.phigate.inference.tools;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.phigate.inference.drafts.DraftReplies;
import org.phigate.schema.Urgency;

/**
 * Triage scores against labels: confusion matrices (urgency, category), acute recall (gold urgent or emergency
 * predicted urgent or emergency), routine specificity (gold routine not predicted acute; also for all non-acute),
 * per-category accuracy, and how many crisis items (suicidality, overdose, self-harm: {@link Labelled#crisis()}) are
 * at emergency, with the ids of those that are not.
 */
public final class TriageMetrics {
  /** One scored item. */
  public record Scored(Labelled gold, String category, Urgency urgency) {}

  private final List<Scored> items = new ArrayList<>();

  public void add(Labelled gold, String category, Urgency urgency) {
    items.add(new Scored(gold, category, urgency));
  }

  public int size() {
    return items.size();
  }

  /** Share of gold urgent+emergency items predicted urgent or emergency. */
  public double acuteRecall() {
    return ratio(items.stream().filter(s -> s.gold().acute()).toList(), s -> acute(s.urgency()));
  }

  /** Share of gold routine items not predicted urgent or emergency. */
  public double routineSpecificity() {
    return ratio(items.stream().filter(s -> s.gold().urgency() == Urgency.ROUTINE).toList(), s -> !acute(s.urgency()));
  }

  /** Share of gold routine+soon items not predicted urgent or emergency. */
  public double nonAcuteSpecificity() {
    return ratio(items.stream().filter(s -> !s.gold().acute()).toList(), s -> !acute(s.urgency()));
  }

  public double categoryAccuracy() {
    return ratio(items, s -> s.gold().category().equals(s.category()));
  }

  public double urgencyAccuracy() {
    return ratio(items, s -> s.gold().urgency() == s.urgency());
  }

  /** Gold crisis items (suicidality, overdose, self-harm) whose prediction is not EMERGENCY. */
  public List<Scored> crisisMisses() {
    return items.stream().filter(s -> s.gold().crisis() && s.urgency() != Urgency.EMERGENCY).toList();
  }

  public void print(PrintStream out) {
    out.printf(Locale.ROOT, "items: %d%n%n", items.size());
    out.println("urgency confusion (rows gold, columns predicted):");
    List<String> urg = java.util.Arrays.stream(Urgency.values()).map(u -> u.name().toLowerCase(Locale.ROOT)).toList();
    matrix(out, urg, s -> s.gold().urgency().name().toLowerCase(Locale.ROOT),
        s -> s.urgency() == null ? "-" : s.urgency().name().toLowerCase(Locale.ROOT));
    out.println();
    out.println("category confusion (rows gold, columns predicted):");
    matrix(out, DraftReplies.CATEGORIES, s -> s.gold().category(), Scored::category);
    out.println();
    long acuteGold = items.stream().filter(s -> s.gold().acute()).count();
    long routineGold = items.stream().filter(s -> s.gold().urgency() == Urgency.ROUTINE).count();
    out.printf(Locale.ROOT, "acute recall (urgent+emergency):   %.3f  (%d items)%n", acuteRecall(), acuteGold);
    out.printf(Locale.ROOT, "routine specificity:               %.3f  (%d routine items not flagged acute)%n",
        routineSpecificity(), routineGold);
    out.printf(Locale.ROOT, "routine+soon specificity:          %.3f  (%d routine+soon items not flagged acute)%n",
        nonAcuteSpecificity(), items.stream().filter(s -> !s.gold().acute()).count());
    out.printf(Locale.ROOT, "urgency accuracy (exact):          %.3f%n", urgencyAccuracy());
    out.printf(Locale.ROOT, "category accuracy:                 %.3f%n", categoryAccuracy());
    out.println("per-category accuracy (gold category: correct/total):");
    Map<String, int[]> per = new LinkedHashMap<>();
    DraftReplies.CATEGORIES.forEach(c -> per.put(c, new int[2]));
    for (Scored s : items) {
      int[] c = per.computeIfAbsent(s.gold().category(), k -> new int[2]);
      c[1]++;
      c[0] += s.gold().category().equals(s.category()) ? 1 : 0;
    }
    per.forEach((c, v) -> out.printf(Locale.ROOT, "  %-12s %3d/%-3d %.3f%n", c, v[0], v[1],
        v[1] == 0 ? Double.NaN : (double) v[0] / v[1]));
    List<Scored> misses = crisisMisses();
    long crisis = items.stream().filter(s -> s.gold().crisis()).count();
    out.printf(Locale.ROOT, "%d of %d crisis items at emergency (suicidality, overdose, self-harm by red flag or "
        + "style)%n", crisis - misses.size(), crisis);
    if (!misses.isEmpty()) {
      out.println("  not at emergency: " + String.join(", ", misses.stream().map(s -> s.gold().id() + " -> "
          + (s.urgency() == null ? "-" : s.urgency().name().toLowerCase(Locale.ROOT))).toList()));
    }
  }

  /** Ids of acute items predicted non-acute, and routine items predicted acute. */
  public void misses(PrintStream out) {
    out.println("acute missed: " + items.stream().filter(s -> s.gold().acute() && !acute(s.urgency()))
        .map(s -> s.gold().id()).toList());
    out.println("routine flagged acute: " + items.stream()
        .filter(s -> s.gold().urgency() == Urgency.ROUTINE && acute(s.urgency())).map(s -> s.gold().id()).toList());
  }

  private void matrix(PrintStream out, List<String> labels, java.util.function.Function<Scored, String> gold,
      java.util.function.Function<Scored, String> pred) {
    out.printf(Locale.ROOT, "  %-12s", "");
    labels.forEach(l -> out.printf(Locale.ROOT, "%13s", l));
    out.println();
    for (String g : labels) {
      out.printf(Locale.ROOT, "  %-12s", g);
      for (String p : labels) {
        long n = items.stream().filter(s -> g.equals(gold.apply(s)) && p.equals(pred.apply(s))).count();
        out.printf(Locale.ROOT, "%13d", n);
      }
      out.println();
    }
  }

  private static boolean acute(Urgency u) {
    return u != null && u.ordinal() >= Urgency.URGENT.ordinal();
  }

  private static double ratio(List<Scored> of, java.util.function.Predicate<Scored> ok) {
    return of.isEmpty() ? Double.NaN : (double) of.stream().filter(ok).count() / of.size();
  }
}
