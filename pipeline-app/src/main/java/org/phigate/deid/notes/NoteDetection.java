package org.phigate.deid.notes;

import java.util.ArrayList;
import java.util.List;
import org.phigate.deid.detect.PhiDetector;
import org.phigate.schema.PhiCategory;
import org.phigate.schema.PhiContent;
import org.phigate.schema.PhiFinding;
import org.phigate.schema.StructuredField;
import org.phigate.schema.TextPart;

/** Runs a {@link PhiDetector} on one JSONL note: its text as one text part, its "known" values as structured fields. */
public final class NoteDetection {
  public static final String TEXT_PATH = "text";
  private final PhiDetector detector;

  public NoteDetection(PhiDetector detector) {
    this.detector = detector;
  }

  /** The note as a record: text part {@value #TEXT_PATH}, known values as fields {@code known/<i>}. */
  public static PhiContent content(Note note) {
    List<StructuredField> fields = new ArrayList<>();
    for (int i = 0; i < note.known().size(); i++) {
      Note.Known k = note.known().get(i);
      category(k.category()).ifPresent(c -> fields.add(new StructuredField("known/" + fields.size(), c, k.value(),
          "patient", null)));
    }
    return new PhiContent("note:" + note.id(), fields, List.of(new TextPart(TEXT_PATH, note.text())));
  }

  /** Span findings in the note's text (structured whole-field findings left out). */
  public List<PhiFinding> detect(Note note) {
    List<PhiFinding> out = new ArrayList<>();
    for (PhiFinding f : detector.detect(content(note))) {
      if (f.getStart() != null && TEXT_PATH.equals(f.getPath())) {
        out.add(f);
      }
    }
    return out;
  }

  /** The Safe Harbor category of a label, if it is one. */
  public static java.util.Optional<PhiCategory> category(String label) {
    try {
      return java.util.Optional.of(PhiCategory.valueOf(label));
    } catch (IllegalArgumentException | NullPointerException e) {
      return java.util.Optional.empty();
    }
  }
}
