package org.phigate.deid.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.phigate.deid.notes.Note;

/**
 * Fills a note template: {@code {key}} placeholders are replaced by generated values; a value with a category becomes
 * a gold span at the exact offsets it lands on, a value without one (a clinical distractor) stays plain text.
 */
final class Template {
  private static final Pattern SLOT = Pattern.compile("\\{([A-Za-z0-9_]+)\\}");

  /** A generated value: its text, its Safe Harbor category (null for plain text) and whose it is. */
  record Val(String text, String category, String party) {
    static Val plain(String text) {
      return new Val(text, null, "");
    }
  }

  private Template() {}

  static Note fill(String id, String kind, String template, Map<String, Val> values) {
    StringBuilder text = new StringBuilder();
    List<Note.Span> spans = new ArrayList<>();
    Matcher m = SLOT.matcher(template);
    int last = 0;
    while (m.find()) {
      text.append(template, last, m.start());
      Val v = values.get(m.group(1));
      if (v == null) {
        throw new IllegalStateException("template slot {" + m.group(1) + "} has no value");
      }
      int start = text.length();
      text.append(v.text());
      if (v.category() != null) {
        spans.add(new Note.Span(start, text.length(), v.category(), v.party()));
      }
      last = m.end();
    }
    text.append(template.substring(last));
    return new Note(id, kind, text.toString(), spans, List.of());
  }
}
