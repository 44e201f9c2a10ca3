package org.phigate.deid.detect;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The text part {@link PhiDetector} is scanning and what is computed once for it and shared by every detector (the
 * cue-word anchors, the name tokens), held for the current thread only while that part is scanned, so no text
 * outlives its scan. Outside a scan (a detector called on its own) everything is computed on each call.
 */
record TextScope(String[] texts, Map<Object, Object> computed) {
  private static final ThreadLocal<TextScope> CURRENT = new ThreadLocal<>();

  /** Starts the scan of a text part, as the detectors will see it (the same String instances). */
  static void open(String... texts) {
    CURRENT.set(new TextScope(texts, new HashMap<>()));
  }

  static void close() {
    CURRENT.remove();
  }

  /** The value of {@code key} for {@code text}, computed at most once per scan of that exact instance. */
  @SuppressWarnings("unchecked")
  static <T> T of(String text, Object key, Supplier<T> compute) {
    TextScope scope = CURRENT.get();
    for (int i = 0; scope != null && i < scope.texts.length; i++) {
      if (scope.texts[i] == text) {
        return (T) scope.computed.computeIfAbsent(Map.entry(i, key), k -> compute.get());
      }
    }
    return compute.get();
  }
}
