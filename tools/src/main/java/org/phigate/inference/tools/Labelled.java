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

  /** Whether the line is labelled with a suicidality, overdose or self-harm red flag (or says so in its styles). */
  public boolean crisis() {
    for (var f : item.line().path("redFlags")) {
      String s = f.asText().toLowerCase(Locale.ROOT);
      if (s.contains("suicid") || s.contains("overdose") || s.contains("self-harm") || s.contains("self_harm")
          || s.startsWith("crisis")) {
        return true;
      }
    }
    return false;
  }
}
