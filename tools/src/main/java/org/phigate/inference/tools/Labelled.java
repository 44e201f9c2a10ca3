package org.phigate.inference.tools;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.phigate.inference.cli.TriageRun;
import org.phigate.schema.Urgency;

/** A labelled portal message ({"id","text","category","urgency",...}), for fitting and evaluation. */
public record Labelled(String id, String text, String category, Urgency urgency, TriageRun.Item item) {

  /** Reads a labelled JSONL file; every line needs category and urgency. */
  public static List<Labelled> read(Path input) {
    return TriageRun.read(input).stream().map(i -> {
      String c = i.line().path("category").asText("");
      String u = i.line().path("urgency").asText("");
      if (c.isBlank() || u.isBlank()) {
        throw new IllegalArgumentException(input + ": item " + i.id() + " lacks category or urgency");
      }
      return new Labelled(i.id(), i.text(), c, Urgency.valueOf(u.toUpperCase(Locale.ROOT)), i);
    }).toList();
  }

  public boolean acute() {
    return urgency.ordinal() >= Urgency.URGENT.ordinal();
  }

  /** Style tags that mark a crisis line in sets that label crisis by style rather than by red flag. */
  static final java.util.Set<String> CRISIS_STYLES = java.util.Set.of("suicidality-direct", "suicidality-indirect",
      "overdose", "self-harm");

  /**
   * Whether the line is a crisis item: a suicidality, overdose or self-harm red flag in {@code redFlags}, or a
   * {@link #CRISIS_STYLES} tag in {@code styles}.
   */
  public boolean crisis() {
    for (var f : item.line().path("redFlags")) {
      String s = f.asText().toLowerCase(Locale.ROOT);
      if (s.contains("suicid") || s.contains("overdose") || s.contains("self-harm") || s.contains("self_harm")
          || s.startsWith("crisis")) {
        return true;
      }
    }
    for (var s : item.line().path("styles")) {
      if (CRISIS_STYLES.contains(s.asText().strip().toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }
}
