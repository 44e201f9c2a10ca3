package org.phigate.deid.corpus.hard;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.phigate.deid.corpus.CorpusResources;
import org.phigate.deid.notes.Note;

/**
 * The hard development corpus ("dev-hard"): the forms the frozen corpus tests (bare and well-known cities, "moved to
 * X", streets without a house number, {@code Surname, J.} and {@code LAST, FIRST M} headers, providers with
 * credentials, lower-case names, English-word given names) written with its own templates and lists
 * ({@code /deid/devhard/}), names and towns held out of every detector list and of the NER training corpus. A fifth
 * of the notes are typed all in lower case. Deterministic for a seed; for driving work (read its misses), unlike the
 * frozen corpus.
 */
public final class DevHardCorpus {
  /** The seed `deid eval --corpus dev-hard` uses. */
  public static final long SEED = 7L;
  private static final Pattern SLOT = Pattern.compile("\\{\\{([a-z0-9]+\\.[a-z0-9]+)\\}\\}");

  private DevHardCorpus() {}

  /** {@code count} notes, templates drawn at random; ids {@code devhard-<n>}. */
  public static List<Note> generate(int count, long seed) {
    DevHardLists lists = DevHardLists.load();
    Map<String, String> templates = templates();
    List<String> names = new ArrayList<>(templates.keySet());
    Random rnd = new Random(seed);
    List<Note> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String name = names.get(rnd.nextInt(names.size()));
      Note note = fill(String.format("devhard-%04d", i), "dev-hard", templates.get(name),
          new DevHardValues(rnd, lists));
      out.add(rnd.nextInt(5) == 0 ? lowerCase(note) : note);
    }
    return out;
  }

  static Note fill(String id, String kind, String template, DevHardValues values) {
    StringBuilder text = new StringBuilder();
    List<Note.Span> spans = new ArrayList<>();
    Matcher m = SLOT.matcher(template);
    int last = 0;
    while (m.find()) {
      text.append(template, last, m.start());
      DevHardValues.Val v = values.get(m.group(1));
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

  private static Note lowerCase(Note note) {
    String lower = note.text().toLowerCase(Locale.ROOT);
    // a letter whose lower case is longer would move the spans: keep such a note as written
    return lower.length() == note.text().length()
        ? new Note(note.id(), note.kind(), lower, note.spans(), note.known()) : note;
  }

  private static Map<String, String> templates() {
    return CorpusResources.sections(DevHardLists.rawLines("templates.txt"));
  }
}
