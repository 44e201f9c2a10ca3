package org.phigate.inference.safety;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.phigate.inference.safety.PhraseIndex.Span;
import org.phigate.inference.safety.RedFlagLexicon.Context;
import org.phigate.inference.safety.SafetyNet.Finding;
import org.phigate.inference.safety.SafetyNet.Suppression;
import org.phigate.inference.safety.SafetyNet.Verdict;

/**
 * The lexicon's half of the net: scans a message once for every red-flag phrase and context trigger, assembles the
 * flags' patterns (gaps, conjuncts) and asks {@link ContextScope} whether each match fires.
 */
final class LexicalScan {
  private record Ref(int flag, int pattern) {}

  /** Marks a conjunct that does not occur at all (distinct from null, which means it fires). */
  private static final Suppression NO_MATCH = Suppression.EXCLUDED;

  private final RedFlagLexicon lexicon;
  private final PhraseIndex index;
  private final Map<String, List<Ref>> firstParts = new HashMap<>();
  private final Map<Context, Set<String>> contexts = new EnumMap<>(Context.class);
  private final Set<String> flagPhrases = new HashSet<>();

  LexicalScan(RedFlagLexicon lexicon) {
    this.lexicon = lexicon;
    Set<String> all = new LinkedHashSet<>();
    for (int f = 0; f < lexicon.flags().size(); f++) {
      List<List<List<String>>> patterns = lexicon.flags().get(f).patterns();
      for (int p = 0; p < patterns.size(); p++) {
        firstParts.computeIfAbsent(patterns.get(p).get(0).get(0), k -> new ArrayList<>()).add(new Ref(f, p));
        patterns.get(p).forEach(flagPhrases::addAll);
      }
    }
    all.addAll(flagPhrases);
    for (Context c : Context.values()) {
      Set<String> phrases = new HashSet<>(lexicon.triggers().getOrDefault(c, List.of()));
      contexts.put(c, phrases);
      all.addAll(phrases);
    }
    this.index = new PhraseIndex(all);
  }

  /** The lexicon's verdict on one message: flags that fired and those suppressed, in lexicon order. */
  Verdict scan(String text) {
    PatientText t = PatientText.of(text);
    Map<String, List<Span>> found = index.scan(t);
    Map<Context, List<Span>> ctx = new EnumMap<>(Context.class);
    for (Context c : Context.values()) {
      List<Span> spans = new ArrayList<>();
      for (String phrase : contexts.get(c)) {
        spans.addAll(found.getOrDefault(phrase, List.of()));
      }
      ctx.put(c, spans);
    }
    for (int i = 0; i < t.size(); i++) {
      if (ContextScope.isYear(t.token(i))) {
        ctx.get(Context.HISTORY).add(new Span(i, i + 1, t.clause(i)));
      }
    }
    List<Span> flagSpans = new ArrayList<>();
    found.forEach((phrase, spans) -> {
      if (flagPhrases.contains(phrase)) {
        flagSpans.addAll(spans);
      }
    });

    Map<Integer, Suppression> best = new TreeMap<>();
    for (String phrase : found.keySet()) {
      for (Ref ref : firstParts.getOrDefault(phrase, List.of())) {
        Suppression why = NO_MATCH;
        boolean all = true;
        for (List<String> conjunct : lexicon.flags().get(ref.flag()).patterns().get(ref.pattern())) {
          Suppression c = conjunct(conjunct, found, ctx, flagSpans, t);
          if (c == NO_MATCH) {
            all = false;
            break;
          }
          if (c != null && why == NO_MATCH) {
            why = c;
          }
        }
        if (!all) {
          continue;
        }
        Suppression result = why == NO_MATCH ? null : why;
        // a flag fires when any of its patterns fires
        if (!best.containsKey(ref.flag()) || (best.get(ref.flag()) != null && result == null)) {
          best.put(ref.flag(), result);
        }
      }
    }
    List<RedFlag> fired = new ArrayList<>();
    List<Finding> suppressed = new ArrayList<>();
    best.forEach((f, why) -> {
      RedFlag flag = lexicon.flags().get(f);
      if (why == null) {
        fired.add(flag);
      } else {
        suppressed.add(new Finding(flag, why));
      }
    });
    return new Verdict(List.copyOf(fired), List.copyOf(suppressed), List.of());
  }

  /**
   * NO_MATCH when the conjunct does not occur; null when an occurrence fires; else why its occurrences do not.
   * NO_MATCH reuses EXCLUDED: an excluded occurrence and no occurrence both mean "not this pattern".
   */
  private static Suppression conjunct(List<String> parts, Map<String, List<Span>> found, Map<Context, List<Span>> ctx,
      List<Span> flagSpans, PatientText text) {
    Suppression why = NO_MATCH;
    for (Span first : found.getOrDefault(parts.get(0), List.of())) {
      Span hit = extend(first, parts, found);
      if (hit == null) {
        continue;
      }
      Suppression s = ContextScope.suppression(hit, ctx, flagSpans, text);
      if (s == null) {
        return null;
      }
      if (why == NO_MATCH) {
        why = s;
      }
    }
    return why;
  }

  /** The whole pattern from its first part's occurrence, or null: later parts in order, same sentence, small gaps. */
  private static Span extend(Span first, List<String> parts, Map<String, List<Span>> found) {
    Span at = first;
    for (int i = 1; i < parts.size(); i++) {
      Span next = null;
      for (Span s : found.getOrDefault(parts.get(i), List.of())) {
        if (s.clause() == at.clause() && s.start() >= at.end() && s.start() - at.end() <= RedFlagLexicon.MAX_GAP
            && (next == null || s.start() < next.start())) {
          next = s;
        }
      }
      if (next == null) {
        return null;
      }
      at = new Span(first.start(), next.end(), first.clause());
    }
    return new Span(first.start(), at.end(), first.clause());
  }
}
