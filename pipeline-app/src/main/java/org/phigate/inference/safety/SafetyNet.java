package org.phigate.inference.safety;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
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

  private final RedFlagLexicon lexicon;
  private final LexicalScan scan;
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
    this.scan = new LexicalScan(lexicon);
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
    return scan.scan(text);
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
