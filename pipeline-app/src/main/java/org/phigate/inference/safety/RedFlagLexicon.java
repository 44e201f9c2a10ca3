package org.phigate.inference.safety;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.phigate.schema.Urgency;

/**
 * The curated red-flag lexicon ({@value #RED_FLAGS}) and its context triggers ({@value #CONTEXT}); sources in
 * {@code inference/safety/SOURCES.md}.
 */
public record RedFlagLexicon(List<RedFlag> flags, Map<Context, List<String>> triggers, String sha256) {
  public static final String RED_FLAGS = "inference/safety/red-flags.tsv";
  public static final String CONTEXT = "inference/safety/context-triggers.tsv";
  /** Named word classes a pattern may hold as {@code {name}} ("took all ... {overdose-medicine}"). */
  public static final String WORD_CLASSES = "inference/safety/word-classes.tsv";
  /** Most words allowed between two parts of a pattern ("pain ... chest"). */
  public static final int MAX_GAP = 4;

  /** Kinds of context phrase, see {@value #CONTEXT}. */
  public enum Context { NEG_PRE, NEG_POST, PSEUDO, TERMINATE, HISTORY, OTHER, PAST, RECENT, EXCLUDE }

  public RedFlagLexicon {
    flags = List.copyOf(flags);
    EnumMap<Context, List<String>> copy = new EnumMap<>(Context.class);
    triggers.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    triggers = copy;
  }

  /** The shipped lexicon. */
  public static RedFlagLexicon load() {
    return load(RED_FLAGS, CONTEXT);
  }

  public static RedFlagLexicon load(String redFlagsResource, String contextResource) {
    Map<String, List<String>> classes = new java.util.HashMap<>();
    for (String[] row : Resources.rows(WORD_CLASSES, 2)) {
      classes.computeIfAbsent("{" + row[0].strip() + "}", k -> new ArrayList<>()).addAll(Resources.alternatives(row[1]));
    }
    List<RedFlag> flags = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (String[] row : Resources.rows(redFlagsResource, 3)) {
      String id = row[0].strip();
      if (!ids.add(id)) {
        throw new IllegalStateException(redFlagsResource + ": duplicate red-flag id " + id);
      }
      Urgency urgency = Urgency.valueOf(row[1].strip());
      List<List<List<String>>> patterns = new ArrayList<>();
      for (String pattern : expand(Resources.alternatives(row[2]), classes, redFlagsResource)) {
        List<List<String>> conjuncts = new ArrayList<>();
        for (String conjunct : pattern.split("&&")) {
          List<String> parts = Arrays.stream(conjunct.split("\\.\\.\\.")).map(PatientText::phrase)
              .filter(p -> !p.isEmpty()).toList();
          if (!parts.isEmpty()) {
            conjuncts.add(parts);
          }
        }
        if (!conjuncts.isEmpty()) {
          patterns.add(conjuncts);
        }
      }
      flags.add(new RedFlag(id, urgency, patterns));
    }
    EnumMap<Context, List<String>> triggers = new EnumMap<>(Context.class);
    for (Context c : Context.values()) {
      triggers.put(c, new ArrayList<>());
    }
    for (String[] row : Resources.rows(contextResource, 2)) {
      List<String> into = triggers.get(Context.valueOf(row[0].strip()));
      expand(Resources.alternatives(row[1]), classes, contextResource).stream().map(PatientText::phrase)
          .filter(p -> !p.isEmpty()).forEach(into::add);
    }
    String sha = org.phigate.inference.safety.Hashes.sha256(Resources.text(redFlagsResource) + "\n\u0000\n"
        + Resources.text(contextResource) + "\n\u0000\n" + Resources.text(WORD_CLASSES));
    return new RedFlagLexicon(flags, triggers, sha);
  }

  /** Each pattern with its {@code {class}} placeholders replaced by every word of the class, one pattern per word. */
  static List<String> expand(List<String> patterns, Map<String, List<String>> classes, String resource) {
    List<String> out = new ArrayList<>();
    java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>(patterns);
    while (!todo.isEmpty()) {
      String p = todo.poll();
      int open = p.indexOf('{');
      if (open < 0) {
        out.add(p);
        continue;
      }
      String name = p.substring(open, p.indexOf('}', open) + 1);
      List<String> words = classes.get(name);
      if (words == null) {
        throw new IllegalStateException(resource + ": unknown word class " + name + " (" + WORD_CLASSES + ")");
      }
      words.forEach(w -> todo.add(p.replace(name, w)));
    }
    return out;
  }
}
