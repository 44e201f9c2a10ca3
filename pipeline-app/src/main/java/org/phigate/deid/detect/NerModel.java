package org.phigate.deid.detect;

import java.util.List;

/**
 * Extension point for a statistical named-entity model (a transformer or CRF de-identifier). Off by default
 * ({@code deid.ner.enabled=false}); when enabled, {@code deid.ner.model} names an implementing class with a public
 * no-argument constructor. Implementations must be thread-safe and must not log or keep the text.
 */
public interface NerModel {

  /** One entity: 0-based end-exclusive offsets, a label the model uses (mapped by {@link NerDetector}), a score. */
  record Entity(int start, int end, String label, double score) {}

  /** The model's name, recorded as {@code ner:<name>} on every finding. */
  String name();

  /** Entities in {@code text}; never null. */
  List<Entity> recognize(String text);
}
