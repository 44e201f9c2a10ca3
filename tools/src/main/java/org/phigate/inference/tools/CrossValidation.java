package org.phigate.inference.tools;

import java.util.List;
import org.phigate.inference.drafts.DraftReplies;
import org.phigate.inference.safety.SafetyNet;
import org.phigate.schema.Urgency;

/** Scores out-of-fold predictions the way the production path combines them (acute threshold, safety net). */
final class CrossValidation {
  private CrossValidation() {}

  static TriageMetrics metrics(List<Labelled> items, List<TriageFit.Oof> oof, double threshold) {
    List<SafetyNet.Verdict> verdicts = SafetyNet.shipped().checkAll(items.stream().map(Labelled::text).toList());
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

  private static int argmax(double[] p) {
    int best = 0;
    for (int i = 1; i < p.length; i++) {
      best = p[i] > p[best] ? i : best;
    }
    return best;
  }
}
