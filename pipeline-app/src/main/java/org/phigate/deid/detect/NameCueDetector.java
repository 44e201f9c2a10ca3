package org.phigate.deid.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.phigate.schema.PhiCategory;
import org.phigate.schema.PhiFinding;

/**
 * Names introduced by a cue: a title (Mr., Mrs., Ms., Miss, Dr., Prof.) or "patient"/"pt" (optionally "name:")
 * followed by up to three capitalized words on the same line. Common capitalized non-name words and credentials are
 * trimmed, so "Dr. Fenwhistle MD" yields "Fenwhistle" and "Patient Denies" yields nothing.
 */
public final class NameCueDetector implements Detector {
  private static final String WORD = "[A-Z][a-zA-Z]*(?:['’-][A-Z][a-zA-Z]+)*";
  private static final Pattern TITLE = Pattern.compile(
      "\\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\\.?[ \\t]+(?<phi>" + WORD + "(?:[ \\t]+(?:[A-Z]\\.[ \\t]+)?" + WORD + "){0,2})");
  private static final Pattern PATIENT = Pattern.compile(
      "\\b(?:[Pp]atient|PATIENT|[Pp]t\\.?)(?:[ \\t]+(?:[Nn]ame|NAME))?[ \\t]*:?[ \\t]+(?<phi>" + WORD
          + "(?:[ \\t]+(?:[A-Z]\\.[ \\t]+)?" + WORD + "){0,2})");
  private static final Set<String> STOP = Set.of("The", "This", "That", "He", "She", "They", "It", "Is", "Was", "Has",
      "Had", "Will", "With", "And", "Or", "In", "On", "At", "To", "Of", "For", "Denies", "Reports", "States",
      "Presents", "Complains", "Name", "Information", "Education", "Instructions", "Portal", "Identification", "ID",
      "MD", "DO", "RN", "NP", "PA", "PhD", "DDS", "Plan", "Assessment", "History", "Exam", "Note", "Notes", "Today",
      "Here", "Seen", "Who", "Status", "Eval", "Evaluation", "Consult", "Care", "Summary", "Alert", "Oriented",
      "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Follow", "Return", "Called",
      "Also", "Declined", "Agrees", "Understands", "Tolerated", "Ambulating", "Afebrile", "Stable", "Doing");

  @Override
  public List<PhiFinding> find(String path, String text, KnownIdentifiers known) {
    List<PhiFinding> out = new ArrayList<>();
    collect(TITLE, "cue:name-title", 0.85, path, text, out);
    collect(PATIENT, "cue:name-patient", 0.8, path, text, out);
    return out;
  }

  private static void collect(Pattern pattern, String name, double confidence, String path, String text,
      List<PhiFinding> out) {
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      int start = m.start("phi");
      String[] words = m.group("phi").split("[ \\t]+");
      int keep = 0;
      while (keep < words.length && !STOP.contains(words[keep])) {
        keep++;
      }
      if (keep == 0) {
        continue;
      }
      int end = start;
      for (int i = 0; i < keep; i++) {
        end = text.indexOf(words[i], end) + words[i].length();
      }
      if (end - start >= 2) {
        out.add(Findings.span(PhiCategory.NAME, path, start, end, name, confidence));
      }
    }
  }
}
