package org.phigate.inference.safety;

import java.util.List;
import java.util.Map;
import org.phigate.inference.safety.PhraseIndex.Span;
import org.phigate.inference.safety.RedFlagLexicon.Context;
import org.phigate.inference.safety.SafetyNet.Suppression;

/**
 * NegEx/ConText-style scoping of one matched red-flag phrase: whether an exclusion, a negation, a history trigger or
 * another person's past reaches it ("no chest pain", "history of", "my father had a stroke"), and whether a "now",
 * "still", "today" word in its own sentence part keeps it current.
 */
final class ContextScope {
  /** Words a negation reaches forward, and back for trailing triggers (NegEx uses 5 and a few). */
  static final int NEG_PRE_WINDOW = 5;
  static final int NEG_POST_WINDOW = 3;

  private ContextScope() {}

  /** Why {@code hit} does not fire, or null when it fires. {@code flagSpans} are all red-flag phrase occurrences. */
  static Suppression suppression(Span hit, Map<Context, List<Span>> ctx, List<Span> flagSpans, PatientText words) {
    for (Span x : ctx.get(Context.EXCLUDE)) {
      if (x.overlaps(hit)) {
        return Suppression.EXCLUDED;
      }
    }
    List<Span> pseudo = ctx.get(Context.PSEUDO);
    List<Span> terminators = ctx.get(Context.TERMINATE);
    for (Span n : ctx.get(Context.NEG_PRE)) {
      if (n.clause() == hit.clause() && n.end() <= hit.start() && hit.start() - n.end() <= NEG_PRE_WINDOW
          && !inside(n, pseudo) && !inside(n, flagSpans) && !between(terminators, n.end(), hit.start())) {
        return Suppression.NEGATED;
      }
    }
    for (Span n : ctx.get(Context.NEG_POST)) {
      if (n.clause() == hit.clause() && n.start() >= hit.end() && n.start() - hit.end() <= NEG_POST_WINDOW
          && !inside(n, pseudo) && !between(terminators, hit.end(), n.start())) {
        return Suppression.NEGATED;
      }
    }
    boolean recent = ctx.get(Context.RECENT).stream().anyMatch(r -> keepsCurrent(r, hit, terminators, words));
    if (recent) {
      return null;
    }
    for (Span h : ctx.get(Context.HISTORY)) {
      if (h.clause() == hit.clause() && !h.overlaps(hit) && !between(terminators,
          Math.min(h.end(), hit.end()), Math.max(h.start(), hit.start()))) {
        return Suppression.HISTORICAL;
      }
    }
    for (Span o : ctx.get(Context.OTHER)) {
      if (o.clause() == hit.clause() && o.end() <= hit.start() && !between(terminators, o.end(), hit.start())
          && ctx.get(Context.PAST).stream().anyMatch(p -> p.clause() == hit.clause() && p.start() >= o.end()
              && p.end() <= hit.start())) {
        return Suppression.OTHER_PERSON_PAST;
      }
    }
    return null;
  }

  /**
   * Whether a "now", "still", "today" word {@code r} keeps {@code hit} current: in the same sentence and the same
   * part of it (no "and", "but", "because" between them), before the match, or in a later part of that sentence
   * that opens with it or goes on with the same subject ("... last week and now it's back", "... for 2 days and
   * fainted this morning"), but not a later part about something else ("used to self-harm in college and the scars
   * are still there"). Never across a sentence end: tokens carry their sentence's number.
   */
  private static boolean keepsCurrent(Span r, Span hit, List<Span> terminators, PatientText words) {
    if (r.clause() != hit.clause()) {
      return false;
    }
    if (r.overlaps(hit) || !between(terminators, Math.min(r.end(), hit.end()), Math.max(r.start(), hit.start()))) {
      return true;
    }
    if (r.start() < hit.start()) {
      return true; // "today ... and then I cut myself like I used to": a leading time word keeps its sentence current
    }
    int opens = hit.end(); // where r's part of the sentence starts: after the last terminator before r
    for (Span t : terminators) {
      if (t.clause() == r.clause() && t.start() >= hit.end() && t.end() <= r.start()) {
        opens = Math.max(opens, t.end());
      }
    }
    return opens == r.start() || !OTHER_SUBJECT.contains(words.token(opens));
  }

  /**
   * First words of a sentence part that names a new subject ("and the scars are still there", "but my son is fine
   * now"); a part that goes on with the same subject ("and fainted this morning", "and it's back today", "and I'm
   * still bleeding") keeps the match current.
   */
  private static final java.util.Set<String> OTHER_SUBJECT = java.util.Set.of("the", "my", "his", "her", "their",
      "our", "your");

  /** Whether {@code s} overlaps one of {@code spans} other than itself (a trigger word inside a longer phrase). */
  private static boolean inside(Span s, List<Span> spans) {
    for (Span o : spans) {
      if (o.overlaps(s) && (o.start() != s.start() || o.end() != s.end())) {
        return true;
      }
    }
    return false;
  }

  private static boolean between(List<Span> spans, int from, int to) {
    for (Span s : spans) {
      if (s.start() >= from && s.end() <= to) {
        return true;
      }
    }
    return false;
  }

  /** Whether a token is a year a patient would date a past event with (1950-2029). */
  static boolean isYear(String token) {
    if (token.length() != 4 || !token.chars().allMatch(Character::isDigit)) {
      return false;
    }
    int y = Integer.parseInt(token);
    return y >= 1950 && y <= 2029;
  }
}
