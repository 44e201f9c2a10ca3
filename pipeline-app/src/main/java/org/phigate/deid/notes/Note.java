package org.phigate.deid.notes;

import java.util.List;

/**
 * One line of a JSONL corpus: {@code {"id", "text"}} plus, in gold files, {@code "spans"} and optionally
 * {@code "kind"} (note type) and {@code "known"} (structured identifiers of the same record, for propagation).
 */
public record Note(String id, String kind, String text, List<Span> spans, List<Known> known) {

  /** A gold span: 0-based end-exclusive offsets, a category (Safe Harbor name, or anything else to ignore), party. */
  public record Span(int start, int end, String category, String party) {}

  /** A structured identifier of the record the text belongs to. */
  public record Known(String category, String value) {}

  public Note {
    spans = spans == null ? List.of() : List.copyOf(spans);
    known = known == null ? List.of() : List.copyOf(known);
    kind = kind == null ? "" : kind;
  }
}
