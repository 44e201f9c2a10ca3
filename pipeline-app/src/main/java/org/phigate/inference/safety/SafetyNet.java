package org.phigate.inference.safety;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import org.phigate.inference.safety.PhraseIndex.Span;
import org.phigate.inference.safety.RedFlagLexicon.Context;
import org.phigate.schema.Urgency;

/**
 * The clinical red-flag safety net: finds emergency and same-day presentations in a (de-identified) message in one
 * pass, skips those that are negated ("no chest pain", "denies"), historical ("history of", "in 2015", "results
 * show") or another person's past ("my father had a stroke"), and reports the urgency they imply; then its
 * {@link SemanticRedFlags} detectors (the shipped net: the embedding crisis detector) add the flags they find by
 * meaning, for phrasings no word list holds. It runs after every model and can only raise urgency
 * ({@link #raise}). Thread-safe; build once per JVM.
 */
public final class SafetyNet {
  /** Words a negation reaches forward, and back for trailing triggers (NegEx uses 5 and a few). */
  static final int NEG_PRE_WINDOW = 5;
  static final int NEG_POST_WINDOW = 3;

  /** Why a matched red flag did not fire. */
  public enum Suppression { NEGATED, HISTORICAL, OTHER_PERSON_PAST, EXCLUDED }

  /** A red flag that matched and fired, or was suppressed (then {@code suppression} is set). */
  public record Finding(RedFlag flag, Suppression suppression) {}

  /**
   * What the net found in one message.
   *
   * @param fired red flags that fired, in lexicon order
   * @param suppressed red flags that matched but were negated, historical or another person's past
   * @param byMeaning ids of fired flags that only a {@link SemanticRedFlags} detector found
   */
  public record Verdict(List<RedFlag> fired, List<Finding> suppressed, List<String> byMeaning) {
    /** The highest urgency a fired flag implies, or null when none fired. */
    public Urgency urgency() {
      Urgency max = null;
      for (RedFlag f : fired) {
        max = SafetyNet.max(max, f.urgency());
      }
      return max;
    }

    /** Whether a suicidality, overdose, self-harm or harm-to-others flag fired. */
    public boolean crisis() {
      return fired.stream().anyMatch(RedFlag::crisis);
    }

    public List<String> ids() {
      return fired.stream().map(RedFlag::id).toList();
    }
  }

  private record Ref(int flag, int pattern) {}

  private final RedFlagLexicon lexicon;
  private final PhraseIndex index;
  private final Map<String, List<Ref>> firstParts = new java.util.HashMap<>();
  private final Map<Context, Set<String>> contexts = new EnumMap<>(Context.class);
  private final Set<String> flagPhrases = new HashSet<>();
  private final List<SemanticRedFlags> detectors;
  private final String version;

  /** A net over {@code lexicon} alone. */
  public SafetyNet(RedFlagLexicon lexicon) {
    this(lexicon, List.of());
  }

  /** A net over {@code lexicon} plus {@code detectors}, whose ids must be the lexicon's. */
  public SafetyNet(RedFlagLexicon lexicon, List<SemanticRedFlags> detectors) {
    this.lexicon = lexicon;
    this.detectors = List.copyOf(detectors);
    StringBuilder v = new StringBuilder(lexicon.sha256());
    this.detectors.forEach(d -> v.append('+').append(d.version()));
    this.version = this.detectors.isEmpty() ? lexiconVersion()
        : Hashes.sha256(v.toString()).substring(0, 12);
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

  /** The net over the shipped lexicon and the {@link SemanticRedFlags} detectors on the classpath. */
  public static SafetyNet shipped() {
    return Holder.SHIPPED;
  }

  private static final class Holder {
    static final SafetyNet SHIPPED = new SafetyNet(RedFlagLexicon.load(),
        ServiceLoader.load(SemanticRedFlags.class, SafetyNet.class.getClassLoader()).stream()
            .map(ServiceLoader.Provider::get).toList());
  }

  /**
   * First 12 hex digits of the SHA-256 of the lexicon files (and, with detectors, of their versions): changes
   * whenever a word, a statement or a threshold changes.
   */
  public String version() {
    return version;
  }

  /**
   * The version of the lexicon alone (first 12 hex digits of its files' SHA-256): what a result records when the
   * detectors did not read its workflow. Equals {@link #version()} for a net without detectors.
   */
  public String lexiconVersion() {
    return lexicon.sha256().substring(0, 12);
  }

  public List<SemanticRedFlags> detectors() {
    return detectors;
  }

  public RedFlagLexicon lexicon() {
    return lexicon;
  }

  /** Scans one message. */
  public Verdict check(String text) {
    return checkAll(List.of(text)).get(0);
  }

  /**
   * Scans messages, in order; the detectors see them as one batch. A message the lexicon already holds for a crisis
   * is not sent to the detectors: its urgency and escalation cannot rise further, and the detectors' sentence
   * embeddings are the costliest part of the net.
   */
  public List<Verdict> checkAll(List<String> texts) {
    return withMeaning(texts, texts.stream().map(this::lexicon).toList());
  }

  /**
   * The lexicon's verdict on one message, without the detectors: what a caller keeps when a detector fails, so a
   * failure can never leave a message below what the word list alone gives.
   */
  public Verdict lexicon(String text) {
    return lexical(text);
  }

  /**
   * Adds what the detectors find by meaning to the lexicon's verdicts ({@link #lexicon}) of the same messages, in
   * order; {@code checkAll(texts)} is {@code withMeaning(texts, lexicon of each)}.
   */
  public List<Verdict> withMeaning(List<String> texts, List<Verdict> lexical) {
    if (lexical.size() != texts.size()) {
      throw new IllegalArgumentException("one lexicon verdict per text");
    }
    List<Integer> open = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      if (!lexical.get(i).crisis()) {
        open.add(i);
      }
    }
    List<String> toDetect = open.stream().map(texts::get).toList();
    List<List<Set<String>>> semantic = toDetect.isEmpty() ? List.of()
        : detectors.stream().map(d -> d.detect(toDetect)).toList();
    List<Verdict> out = new ArrayList<>(texts.size());
    for (int i = 0, k = 0; i < texts.size(); i++) {
      Set<String> found = new HashSet<>();
      if (k < open.size() && open.get(k) == i) {
        for (List<Set<String>> d : semantic) {
          found.addAll(d.get(k));
        }
        k++;
      }
      for (String id : found) {
        if (lexicon.flags().stream().noneMatch(f -> f.id().equals(id))) {
          throw new IllegalStateException("a semantic red-flag detector reported '" + id
              + "', which red-flags.tsv does not define");
        }
      }
      out.add(withMeaning(lexical.get(i), found));
    }
    return out;
  }

  /**
   * Adds what the detectors found by meaning, except a flag the lexicon saw negated, historical or another
   * person's past ("I'm not suicidal", "my overdose at 17"): embeddings do not read those contexts, NegEx does.
   */
  private Verdict withMeaning(Verdict lexical, Set<String> found) {
    Set<String> ids = new HashSet<>(found);
    lexical.suppressed().forEach(s -> ids.remove(s.flag().id()));
    if (ids.isEmpty()) {
      return lexical;
    }
    List<RedFlag> fired = new ArrayList<>();
    List<String> byMeaning = new ArrayList<>();
    for (RedFlag f : lexicon.flags()) {
      boolean lex = lexical.fired().contains(f);
      if (lex || ids.contains(f.id())) {
        fired.add(f);
        if (!lex) {
          byMeaning.add(f.id());
        }
      }
    }
    List<Finding> suppressed = lexical.suppressed();
    return new Verdict(List.copyOf(fired), suppressed, List.copyOf(byMeaning));
  }

  private Verdict lexical(String text) {
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
      if (isYear(t.token(i))) {
        ctx.get(Context.HISTORY).add(new Span(i, i + 1, t.clause(i)));
      }
    }
    List<Span> flagSpans = new ArrayList<>();
    found.forEach((phrase, spans) -> {
      if (flagPhrases.contains(phrase)) {
        flagSpans.addAll(spans);
      }
    });

    Map<Integer, Suppression> best = new java.util.TreeMap<>();
    for (String phrase : found.keySet()) {
      for (Ref ref : firstParts.getOrDefault(phrase, List.of())) {
        Suppression why = NO_MATCH;
        boolean all = true;
        for (List<String> conjunct : lexicon.flags().get(ref.flag()).patterns().get(ref.pattern())) {
          Suppression c = conjunct(conjunct, found, ctx, flagSpans);
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

  /** Marks a conjunct that does not occur at all (distinct from null, which means it fires). */
  private static final Suppression NO_MATCH = Suppression.EXCLUDED;

  /**
   * NO_MATCH when the conjunct does not occur; null when an occurrence fires; else why its occurrences do not.
   * NO_MATCH reuses EXCLUDED: an excluded occurrence and no occurrence both mean "not this pattern".
   */
  private static Suppression conjunct(List<String> parts, Map<String, List<Span>> found, Map<Context, List<Span>> ctx,
      List<Span> flagSpans) {
    Suppression why = NO_MATCH;
    for (Span first : found.getOrDefault(parts.get(0), List.of())) {
      Span hit = extend(first, parts, found);
      if (hit == null) {
        continue;
      }
      Suppression s = suppression(hit, ctx, flagSpans);
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

  private static Suppression suppression(Span hit, Map<Context, List<Span>> ctx, List<Span> flagSpans) {
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
    boolean recent = ctx.get(Context.RECENT).stream().anyMatch(r -> r.clause() == hit.clause());
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

  private static boolean isYear(String token) {
    if (token.length() != 4 || !token.chars().allMatch(Character::isDigit)) {
      return false;
    }
    int y = Integer.parseInt(token);
    return y >= 1950 && y <= 2029;
  }

  /** The higher of two urgencies (null is lowest). */
  public static Urgency max(Urgency a, Urgency b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return a.ordinal() >= b.ordinal() ? a : b;
  }

  /** The urgency after the net: never lower than the model's. */
  public static Urgency raise(Urgency model, Verdict verdict) {
    return max(model, verdict.urgency());
  }
}
