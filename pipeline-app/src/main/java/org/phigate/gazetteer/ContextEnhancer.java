package org.phigate.gazetteer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Context enhancement done once for every recognizer (after Presidio's ContextAwareEnhancer): a cue word of the
 * candidate's cue set up to {@link #WINDOW} words before it, on the same line and in the same sentence (a period
 * right after a short cue word, "Dr.", "Mrs.", does not end it), raises its score by {@link #BOOST}.
 * Cue sets are data: {@code deid/gazetteer/context-words.tsv}.
 */
public final class ContextEnhancer {
  public static final int WINDOW = 3;
  public static final double BOOST = 0.35;
  private static final ContextEnhancer SHIPPED = new ContextEnhancer(load("/deid/gazetteer/context-words.tsv"));
  private final Map<String, Set<String>> sets;

  public ContextEnhancer(Map<String, Set<String>> sets) {
    this.sets = Map.copyOf(sets);
  }

  public static ContextEnhancer shipped() {
    return SHIPPED;
  }

  /** The words of one cue set (empty when unknown). */
  public Set<String> cues(String set) {
    return sets.getOrDefault(set, Set.of());
  }

  /** Whether a cue of {@code set} stands in the window before word {@code first}. */
  public boolean cued(Words w, int first, String set) {
    Set<String> cues = cues(set);
    for (int k = first - 1; k >= 0 && k >= first - WINDOW; k--) {
      String gap = w.text().substring(w.end(k), w.start(k + 1));
      boolean cue = cues.contains(w.lower(k)) || k > 0 && cues.contains(w.lower(k - 1) + "_" + w.lower(k));
      if (gap.indexOf('\n') >= 0 || gap.indexOf(';') >= 0 || gap.indexOf('!') >= 0 || gap.indexOf('?') >= 0
          || gap.indexOf('.') >= 0 && !(cue && w.end(k) - w.start(k) <= 4)) {
        return false;
      }
      if (cue) {
        return true;
      }
    }
    return false;
  }

  /** {@code score}, raised by {@link #BOOST} (at most to 0.95) when a cue of {@code set} precedes word {@code first}. */
  public double enhance(Words w, int first, String set, double score) {
    return cued(w, first, set) ? Math.min(0.95, score + BOOST) : score;
  }

  private static Map<String, Set<String>> load(String resource) {
    Map<String, Set<String>> out = new HashMap<>();
    try (InputStream in = ContextEnhancer.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("cue list " + resource + " is missing from the classpath");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.isBlank() && !line.startsWith("#")) {
          String[] f = line.split("\t", 2);
          out.put(f[0], Set.of(f[1].strip().split("\\s+")));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read cue list " + resource, e);
    }
    return out;
  }
}
