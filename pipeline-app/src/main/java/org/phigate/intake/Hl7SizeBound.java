package org.phigate.intake;

import java.util.HashMap;
import java.util.Map;
import org.phigate.intake.rules.Hl7Rule;
import org.phigate.intake.rules.StructuredRules;

/**
 * An upper bound, from one pass over an ER7 text, of the size measure {@link IntakeStage} gives the PHI that
 * {@link Hl7v2Normalizer}'s walk extracts from it (every string at 5 + 3 bytes a character, 16 bytes an item), so an
 * edge can prove a message meets the size contract without walking it. Loose by design: it only has to be small
 * enough for ordinary messages; a message it cannot prove small is walked as before.
 *
 * <p>Why it holds (see {@code Hl7SizeBoundTest}, which checks it against the walk):
 * <ul>
 *   <li>Every field and text part the walk emits comes from one field repetition (rules and datatype rules), from one
 *   field (TEXT and OBX-5 rules join the repetitions) or from one Z/unknown segment (flattened), and is emitted only
 *   when non-blank. A segment's repetitions number at most its field and repetition separators plus one, so the
 *   items are at most {@code maxRules} per unit (a separator or a segment) plus one per segment.</li>
 *   <li>A value never takes more than 3 characters per character of the text it comes from: escapes expand at most
 *   20 for 7 ({@code \.sk20\}), joins put at most 3 characters ({@code " | "}) where the text had at least one
 *   delimiter, trimming only shrinks. A character feeds at most {@code maxRules} rule values, the flattened segment
 *   and the patient key.</li>
 *   <li>A path is a segment name, an occurrence, a field and a repetition number (at most 10 digits each): a rule's
 *   segment or a HAPI class name (3 characters) plus 35, except a flattened segment's, bounded by its own text.</li>
 *   <li>Party and action come from the rules.</li>
 * </ul>
 */
final class Hl7SizeBound {
  /** Per-string overhead of the size measure, as IntakeStage counts it. */
  private static final int STRING = 5;
  /** Per-item overhead of the size measure (enum, union and array counts). */
  private static final int ITEM = 16;
  /** Characters of a path beyond its segment name: {@code [occurrence]-field(repetition)}, 10 digits each. */
  private static final int PATH_NUMBERS = 35;
  /** Characters of the patient key when no identifier is found: {@code unknown:sha256:} and 32 hex digits. */
  private static final int UNKNOWN_KEY = 47;

  private final long maxRules;
  private final long perItem;

  Hl7SizeBound(StructuredRules rules) {
    Map<String, Integer> perField = new HashMap<>();
    int segmentName = 3;
    int partyAction = 0;
    for (Hl7Rule r : rules.hl7Rules()) {
      perField.merge(r.segment() + "-" + r.field(), 1, Integer::sum);
      segmentName = Math.max(segmentName, r.segment().length());
      partyAction = Math.max(partyAction, length(r));
    }
    for (Hl7Rule t : rules.hl7Types()) {
      partyAction = Math.max(partyAction, length(t));
    }
    this.maxRules = Math.max(1, perField.values().stream().mapToInt(Integer::intValue).max().orElse(1));
    // an item: its overhead, four strings' overheads, its path and its party and action (values are counted apart)
    this.perItem = ITEM + 4L * STRING + 3L * (segmentName + PATH_NUMBERS + partyAction);
  }

  private static int length(Hl7Rule r) {
    int party = r.party() == null ? 0 : r.party().length();
    String action = r.method() == null ? null : r.method().action();
    return party + (action == null ? 0 : action.length());
  }

  /**
   * The bound for a normalized ER7 text (segments separated by CR) whose field separator is {@code fs} and
   * repetition separator {@code rep}.
   */
  long of(String text, char fs, char rep) {
    long n = text.length();
    long segments = 1;
    long separators = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\r') {
        segments++;
      } else if (c == fs || c == rep) {
        separators++;
      }
    }
    long items = maxRules * (separators + segments) + segments;
    long valueChars = 3 * (maxRules + 1) * n;
    long flattenedPaths = n + 12 * segments;
    long patientKey = STRING + 3 * Math.max(UNKNOWN_KEY, 3 * n);
    return patientKey + items * perItem + 3 * (valueChars + flattenedPaths);
  }
}
