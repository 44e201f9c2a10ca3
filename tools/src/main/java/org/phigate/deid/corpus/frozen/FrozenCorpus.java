package org.phigate.deid.corpus.frozen;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.phigate.deid.corpus.CorpusResources;
import org.phigate.deid.notes.Note;

/**
 * The generator of the frozen evaluation corpus: its own templates ({@code /deid/frozen/templates-*.txt}) and value
 * lists ({@link FrozenLists}), nothing shared with the development corpus generator or the detector's lists. Set
 * "ordinary" holds conventional notes; set "hard" the styles the rules were not written for, a fifth of its notes
 * typed all in lower case and a third with OCR-like noise in the words around the PHI. Deterministic for a seed; run
 * once and committed ({@code /deid/frozen/frozen-eval.jsonl}); never regenerate it to choose rules.
 */
public final class FrozenCorpus {
  /** The seed the committed corpus was generated with. */
  public static final long SEED = 20261207L;
  /** The committed corpus on the tools classpath. */
  public static final String RESOURCE = "/deid/frozen/frozen-eval.jsonl";
  public static final List<String> SETS = List.of("ordinary", "hard");
  private static final Pattern SLOT = Pattern.compile("\\{\\{([A-Za-z0-9]+\\.[A-Za-z0-9]+)\\}\\}");

  private FrozenCorpus() {}

  /** {@code count} notes per set, alternating templates at random; ids {@code frozen-<set>-<n>}. */
  public static List<Note> generate(int countPerSet, long seed) {
    FrozenLists lists = FrozenLists.load();
    System.err.println("[deid] frozen corpus pools: " + lists.describe());
    Random rnd = new Random(seed);
    List<Note> out = new ArrayList<>();
    for (String set : SETS) {
      Map<String, String> templates = templates("templates-" + set + ".txt");
      List<String> names = new ArrayList<>(templates.keySet());
      for (int i = 0; i < countPerSet; i++) {
        String name = names.get(rnd.nextInt(names.size()));
        boolean hard = set.equals("hard");
        boolean noisy = hard && rnd.nextInt(3) == 0;
        boolean lower = hard && rnd.nextInt(5) == 0;
        Note note = fill(String.format("frozen-%s-%04d", set, i), "frozen-" + set, templates.get(name),
            new FrozenValues(rnd, lists), noisy ? rnd : null);
        out.add(lower ? lowerCase(note) : note);
      }
    }
    return out;
  }

  static Note fill(String id, String kind, String template, FrozenValues values, Random noise) {
    StringBuilder text = new StringBuilder();
    List<Note.Span> spans = new ArrayList<>();
    Matcher m = SLOT.matcher(template);
    int last = 0;
    while (m.find()) {
      text.append(noise == null ? template.substring(last, m.start()) : OcrNoise.apply(template.substring(last,
          m.start()), noise));
      FrozenValues.Val v = values.get(m.group(1));
      int start = text.length();
      text.append(v.text());
      if (v.category() != null) {
        spans.add(new Note.Span(start, text.length(), v.category(), v.party()));
      }
      last = m.end();
    }
    String tail = template.substring(last);
    text.append(noise == null ? tail : OcrNoise.apply(tail, noise));
    return new Note(id, kind, text.toString(), spans, List.of());
  }

  static Note lowerCase(Note note) {
    char[] text = note.text().toCharArray();
    for (int i = 0; i < text.length; i++) {
      text[i] = Character.toLowerCase(text[i]);
    }
    return new Note(note.id(), note.kind(), new String(text), note.spans(), note.known());
  }

  static Map<String, String> templates(String file) {
    return CorpusResources.sections(CorpusResources.rawLines("/deid/frozen/" + file, "frozen corpus templates"));
  }
}
