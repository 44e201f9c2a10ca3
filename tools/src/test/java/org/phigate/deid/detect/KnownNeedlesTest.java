package org.phigate.deid.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.phigate.deid.corpus.CorpusGenerator;
import org.phigate.deid.notes.Note;
import org.phigate.deid.notes.NoteDetection;
import org.phigate.schema.PhiCategory;
import org.phigate.schema.PhiFinding;
import org.phigate.schema.StructuredField;

/** The needle prefilter must never change what the known-identifier patterns find; it only skips work. */
class KnownNeedlesTest {
  private final KnownIdentifierDetector filtered = new KnownIdentifierDetector();
  private final KnownIdentifierDetector reference = new KnownIdentifierDetector(false);

  @Test
  void shouldFindExactlyWhatTheUnfilteredPatternsFindOnTheCorpus() {
    List<Note> notes = CorpusGenerator.generate(List.of("all"), 150, 11);
    // every gold span of every note, as a known value of every note: own values and foreign ones (as remembered)
    List<StructuredField> all = new ArrayList<>();
    for (Note n : notes) {
      for (Note.Span s : n.spans()) {
        NoteDetection.category(s.category()).ifPresent(c -> all.add(new StructuredField("gold", c,
            n.text().substring(s.start(), s.end()), "patient", null)));
      }
    }
    int compared = 0;
    for (int i = 0; i < notes.size(); i++) {
      List<StructuredField> window = all.subList((i * 7) % Math.max(1, all.size() - 120),
          Math.min(all.size(), (i * 7) % Math.max(1, all.size() - 120) + 120));
      KnownIdentifiers known = KnownIdentifiers.from(ownFields(notes.get(i)), window);
      String text = notes.get(i).text();
      List<PhiFinding> expected = reference.find("t", text, known);
      assertThat(filtered.find("t", text, known)).as(notes.get(i).id()).isEqualTo(expected);
      compared += expected.size();
    }
    assertThat(compared).isGreaterThan(notes.size());
  }

  @Test
  void shouldMatchAcrossCaseFoldingSeparatorsAndRenderings() {
    String text = "ÖZTÜRK called from +1 (617) 555-0123; İlkay's ride on March 4, 1961. O'BRIEN-SMITH too.";
    KnownIdentifiers known = KnownIdentifiers.from(List.of(
        new StructuredField("a", PhiCategory.NAME, "Öztürk^İlkay", "patient", null),
        new StructuredField("b", PhiCategory.PHONE, "16175550123", "patient", null),
        new StructuredField("c", PhiCategory.DATE, "19610304", "patient", null),
        new StructuredField("d", PhiCategory.NAME, "O'Brien-Smith^Pat", "relative", null),
        new StructuredField("e", PhiCategory.NAME, "Zebulonia^Quixtrot", "relative", null)));
    List<PhiFinding> found = filtered.find("t", text, known);
    assertThat(found).isEqualTo(reference.find("t", text, known));
    assertThat(found).extracting(f -> text.substring(f.getStart(), f.getEnd()))
        .contains("ÖZTÜRK", "İlkay", "+1 (617) 555-0123", "March 4, 1961", "O'BRIEN-SMITH");
    assertThat(KnownIdentifierDetector.mayOccur(KnownIdentifierDetector.needlesFor(PhiCategory.NAME, "Zebulonia^Quixtrot"),
        KnownIdentifierDetector.project(text))).isFalse();
  }

  private static List<StructuredField> ownFields(Note note) {
    return note.spans().stream().limit(3).flatMap(s -> NoteDetection.category(s.category()).stream()
        .map(c -> new StructuredField("own", c, note.text().substring(s.start(), s.end()), "patient", null))).toList();
  }
}
