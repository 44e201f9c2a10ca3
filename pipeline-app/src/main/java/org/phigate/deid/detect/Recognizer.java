package org.phigate.deid.detect;

import java.util.List;
import org.phigate.gazetteer.Words;
import org.phigate.schema.PhiCategory;

/**
 * One recognizer, registered like Presidio's: it proposes scored candidates in a text already cut into words, each
 * naming the cue set that raises it; the {@link RecognizerRegistry} applies context enhancement and the threshold
 * once for all recognizers. A new list of places or names is a data file, not a recognizer.
 */
public interface Recognizer {

  /** One candidate before context: words {@code first..last}, offsets, a score in [0, 1] and its cue set. */
  record Candidate(PhiCategory category, int first, int start, int end, double score, String cues, String detector) {}

  /** Candidates in the text; never null. */
  List<Candidate> recognize(Words words);
}
