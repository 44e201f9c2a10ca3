package org.phigate.inference.remote;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Cues of prompt injection in a de-identified document (instructions to ignore rules, to set the urgency, fake
 * system turns, JSON that imitates an answer), from {@code inference/remote/injection-cues.txt}. Immutable.
 */
public final class InjectionCues {
  /** The red flag a remote answer gets when its document matched a cue. */
  public static final String RED_FLAG = "prompt-injection-suspected";

  private record Cue(String id, Pattern pattern) {}

  private final List<Cue> cues;

  private InjectionCues(List<Cue> cues) {
    this.cues = List.copyOf(cues);
  }

  /** The shipped cue list. */
  public static InjectionCues shipped() {
    List<Cue> cues = new ArrayList<>();
    for (String line : RemotePromptTemplate.read("inference/remote/injection-cues.txt").split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int tab = line.indexOf('\t');
      if (tab < 1) {
        throw new IllegalStateException("injection-cues.txt: a line without 'id<TAB>pattern'");
      }
      cues.add(new Cue(line.substring(0, tab).strip(),
          Pattern.compile(line.substring(tab + 1).strip(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL)));
    }
    return new InjectionCues(cues);
  }

  /**
   * Ids of the cues found in {@code text}, in file order. The text is NFKC-normalized and stripped of invisible
   * format characters first, so zero-width spaces or full-width letters cannot hide a cue.
   */
  public List<String> find(String text) {
    String normalized = Normalizer.normalize(text, Normalizer.Form.NFKC).replaceAll("\\p{Cf}", "");
    return cues.stream().filter(c -> c.pattern().matcher(normalized).find()).map(Cue::id).toList();
  }
}
