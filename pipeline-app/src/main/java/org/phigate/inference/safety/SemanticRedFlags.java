package org.phigate.inference.safety;

import java.util.List;
import java.util.Set;

/**
 * A red-flag detector that works by meaning rather than by listed words (for example sentence embeddings compared
 * with curated statements), run by the {@link SafetyNet} beside its lexicon. Implementations are found with
 * {@link java.util.ServiceLoader} by {@link SafetyNet#shipped()}, so the net needs no compile-time dependency on
 * the embedding model. Implementations must be thread-safe.
 */
public interface SemanticRedFlags {
  /** For each text, in order, the ids of the lexicon red flags ({@code red-flags.tsv}) it finds; empty when none. */
  List<Set<String>> detect(List<String> texts);

  /** A short fingerprint of the detector's data and settings; part of the safety net's version. */
  String version();
}
