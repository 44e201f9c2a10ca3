package org.phigate.inference.tools;

import java.util.List;
import org.phigate.inference.drafts.DraftReplies;
import org.phigate.inference.safety.SafetyNet;
import org.phigate.schema.Urgency;

/** Scores out-of-fold predictions the way the production path combines them (acute threshold, safety net). */
final class CrossValidation {
  private CrossValidation() {}

  static TriageMetrics metrics(List<Labelled> items, List<TriageFit.Oof> oof, double threshold) {
    return metrics(items, oof, threshold, SafetyNet.shipped().checkAll(items.stream().map(Labelled::text).toList()));
  }

  /** As above with the safety net's verdicts already taken (one scan for a sweep over thresholds). */
  static TriageMetrics metrics(List<Labelled> items, List<TriageFit.Oof> oof, double threshold,
      List<SafetyNet.Verdict> verdicts) {
    TriageMetrics m = new TriageMetrics();
    for (int i = 0; i < items.size(); i++) {
      double[] c = oof.get(i).category();
      double[] u = oof.get(i).urgency();
      Urgency urgency = Urgency.values()[argmax(u)];
      if (u[Urgency.URGENT.ordinal()] + u[Urgency.EMERGENCY.ordinal()] >= threshold
          && urgency.ordinal() < Urgency.URGENT.ordinal()) {
        urgency = Urgency.URGENT;
      }
      urgency = SafetyNet.raise(urgency, verdicts.get(i));
      m.add(items.get(i), DraftReplies.CATEGORIES.get(argmax(c)), urgency);
    }
    return m;
  }

  /**
   * Acute recall, routine and routine+soon specificity and crisis items at emergency at each acute threshold from
   * 0.20 to 0.70, so a threshold can be chosen on a development set (never on the evaluation set).
   */
  static void sweep(List<Labelled> items, List<TriageFit.Oof> oof, java.io.PrintStream out) {
    List<SafetyNet.Verdict> verdicts = SafetyNet.shipped().checkAll(items.stream().map(Labelled::text).toList());
    long crisis = items.stream().filter(Labelled::crisis).count();
    out.println("  threshold  acute-recall  routine-spec  routine+soon-spec  crisis-at-emergency");
    for (int t = 20; t <= 70; t += 2) {
      TriageMetrics m = metrics(items, oof, t / 100.0, verdicts);
      out.printf(java.util.Locale.ROOT, "  %.2f       %.3f         %.3f         %.3f              %d/%d%n", t / 100.0,
          m.acuteRecall(), m.routineSpecificity(), m.nonAcuteSpecificity(), crisis - m.crisisMisses().size(), crisis);
    }
  }

  private static int argmax(double[] p) {
    int best = 0;
    for (int i = 1; i < p.length; i++) {
      best = p[i] > p[best] ? i : best;
    }
    return best;
  }
}
