package org.phigate.deid.detect;

import java.util.ArrayList;
import java.util.List;
import org.phigate.gazetteer.Spotter;
import org.phigate.gazetteer.Words;
import org.phigate.schema.PhiCategory;

/** Persons, places and streets from the gazetteers ({@link Spotter}): NAME for persons, GEO for the rest. */
public final class GazetteerRecognizer implements Recognizer {
  private final Spotter spotter;

  public GazetteerRecognizer(Spotter spotter) {
    this.spotter = spotter;
  }

  @Override
  public List<Candidate> recognize(Words words) {
    List<Candidate> out = new ArrayList<>();
    for (Spotter.Spot s : spotter.spots(words)) {
      PhiCategory category = s.type() == Spotter.Type.PERSON ? PhiCategory.NAME : PhiCategory.GEO;
      out.add(new Candidate(category, s.first(), s.start(), s.end(), s.score(), s.cues(),
          "gazetteer:" + s.type().name().toLowerCase(java.util.Locale.ROOT)));
    }
    return out;
  }
}
