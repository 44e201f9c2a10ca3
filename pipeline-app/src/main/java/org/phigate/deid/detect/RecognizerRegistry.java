package org.phigate.deid.detect;

import java.util.ArrayList;
import java.util.List;
import org.phigate.gazetteer.ContextEnhancer;
import org.phigate.gazetteer.Gazetteer;
import org.phigate.gazetteer.Spotter;
import org.phigate.gazetteer.UnknownWords;
import org.phigate.gazetteer.Words;
import org.phigate.schema.PhiCategory;
import org.phigate.schema.PhiFinding;

/**
 * The registered {@link Recognizer}s as one {@link Detector}: the text is cut into words once, every recognizer
 * proposes candidates, context enhancement ({@link ContextEnhancer}) raises those with a cue before them, and
 * candidates at or above the threshold become findings.
 */
public final class RecognizerRegistry implements Detector {
  /**
   * One recognizer, registered like Presidio's: it proposes scored candidates in a text already cut into words, each
   * naming the cue set that raises it; the registry applies context enhancement and the threshold once for all
   * recognizers. A new list of places or names is a data file, not a recognizer.
   */
  public interface Recognizer {
    /** Candidates in the text; never null. */
    List<Candidate> recognize(Words words);
  }

  /** One candidate before context: words {@code first..last}, offsets, a score in [0, 1] and its cue set. */
  public record Candidate(PhiCategory category, int first, int start, int end, double score, String cues,
                          String detector) {}

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
    Gazetteer lists = Gazetteer.withSite(siteLists);
    return new RecognizerRegistry(List.of(gazetteer(new Spotter(lists)),
        unknownWords(new UnknownWords(lists))), ContextEnhancer.shipped(), Spotter.THRESHOLD);
  }

  /** Persons, places and streets from the gazetteers ({@link Spotter}): NAME for persons, GEO for the rest. */
  public static Recognizer gazetteer(Spotter spotter) {
    return words -> spotter.spots(words).stream().map(s -> new Candidate(
        s.type() == Spotter.Type.PERSON ? PhiCategory.NAME : PhiCategory.GEO, s.first(), s.start(), s.end(), s.score(),
        s.cues(), "gazetteer:" + s.type().name().toLowerCase(java.util.Locale.ROOT))).toList();
  }

  /** Persons and places from words no list knows ({@link UnknownWords}): NAME for persons, GEO for places. */
  public static Recognizer unknownWords(UnknownWords unknown) {
    return words -> unknown.spots(words).stream().map(s -> new Candidate(
        s.type() == Spotter.Type.PERSON ? PhiCategory.NAME : PhiCategory.GEO, s.first(), s.start(), s.end(), s.score(),
        s.cues(), "unknown:" + s.type().name().toLowerCase(java.util.Locale.ROOT))).toList();
  }

  @Override
  public List<PhiFinding> find(String path, String text, KnownIdentifiers known) {
    Words words = Words.of(text);
    List<PhiFinding> out = new ArrayList<>();
    for (Recognizer r : recognizers) {
      for (Candidate c : r.recognize(words)) {
        double score = context.enhance(words, c.first(), c.cues(), c.score());
        if (score >= threshold) {
          out.add(Findings.span(c.category(), path, c.start(), c.end(), c.detector(), score));
        }
      }
    }
    return out;
  }
}
