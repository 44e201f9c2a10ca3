package org.phigate.deid.detect;

import java.util.ArrayList;
import java.util.List;
import org.phigate.gazetteer.ContextEnhancer;
import org.phigate.gazetteer.Gazetteer;
import org.phigate.gazetteer.Spotter;
import org.phigate.gazetteer.Words;
import org.phigate.schema.PhiFinding;

/**
 * The registered {@link Recognizer}s as one {@link Detector}: the text is cut into words once, every recognizer
 * proposes candidates, context enhancement ({@link ContextEnhancer}) raises those with a cue before them, and
 * candidates at or above the threshold become findings.
 */
public final class RecognizerRegistry implements Detector {
  private final List<Recognizer> recognizers;
  private final ContextEnhancer context;
  private final double threshold;

  public RecognizerRegistry(List<Recognizer> recognizers, ContextEnhancer context, double threshold) {
    this.recognizers = List.copyOf(recognizers);
    this.context = context;
    this.threshold = threshold;
  }

  /** The gazetteer recognizer over the shipped lists plus a site's ({@code deid.gazetteer.files}). */
  public static RecognizerRegistry standard(List<Gazetteer.Source> siteLists) {
    return new RecognizerRegistry(List.of(new GazetteerRecognizer(new Spotter(Gazetteer.withSite(siteLists)))),
        ContextEnhancer.shipped(), Spotter.THRESHOLD);
  }

  @Override
  public List<PhiFinding> find(String path, String text, KnownIdentifiers known) {
    Words words = Words.of(text);
    List<PhiFinding> out = new ArrayList<>();
    for (Recognizer r : recognizers) {
      for (Recognizer.Candidate c : r.recognize(words)) {
        double score = context.enhance(words, c.first(), c.cues(), c.score());
        if (score >= threshold) {
          out.add(Findings.span(c.category(), path, c.start(), c.end(), c.detector(), score));
        }
      }
    }
    return out;
  }
}
