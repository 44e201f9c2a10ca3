package org.phigate.deid.ner;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import opennlp.tools.namefind.TokenNameFinderModel;
import opennlp.tools.util.Span;
import org.phigate.deid.detect.NerModel;

/**
 * PHIGate's own person and place name finder: an OpenNLP maximum-entropy name finder trained by
 * {@code phigate deid ner-train} on a generated corpus and shipped as {@link #RESOURCE}. Labels PERSON and LOCATION.
 * Decoded by {@link NameDecoder} (OpenNLP's beam search, each token's features weighed once). Thread-safe: the model
 * is shared and read-only, each thread gets its own decoder (which is not). Never logs or keeps the text.
 */
public final class OpenNlpNerModel implements NerModel {
  /** The shipped model on the classpath. */
  public static final String RESOURCE = "/deid/ner/phigate-ner.bin";
  private static volatile TokenNameFinderModel shipped;
  private final ThreadLocal<NameDecoder> decoders;
  private final NerPrecisionGuard guard = NerPrecisionGuard.shipped();

  /** The shipped model (loaded once per JVM). */
  public OpenNlpNerModel() {
    this(shipped());
  }

  public OpenNlpNerModel(TokenNameFinderModel model) {
    FeatureWeights weights = FeatureWeights.of(model);
    this.decoders = ThreadLocal.withInitial(() -> new NameDecoder(model, weights));
  }

  /** Loads a model from a stream (a file written by {@code deid ner-train}). */
  public static TokenNameFinderModel read(InputStream in) throws IOException {
    return new TokenNameFinderModel(in);
  }

  static TokenNameFinderModel shipped() {
    TokenNameFinderModel m = shipped;
    if (m == null) {
      synchronized (OpenNlpNerModel.class) {
        m = shipped;
        if (m == null) {
          try (InputStream in = OpenNlpNerModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
              throw new IllegalStateException("the NER model " + RESOURCE + " is not on the classpath");
            }
            m = read(in);
          } catch (IOException e) {
            throw new UncheckedIOException("cannot read the NER model " + RESOURCE, e);
          }
          shipped = m;
        }
      }
    }
    return m;
  }

  /**
   * Adds the entity without punctuation at its edges ("PACU ," is "PACU"); none when nothing with a letter is left or
   * when the {@link NerPrecisionGuard} vetoes it (ordinary or clinical words: "Vital Signs", "Parkinson").
   */
  private void entity(NerSequences.Sequence s, Span f, double prob, List<Entity> out) {
    int first = f.getStart();
    int last = f.getEnd() - 1;
    while (first <= last && !hasLetter(s.tokens()[first])) {
      first++;
    }
    while (last >= first && !hasLetter(s.tokens()[last])) {
      last--;
    }
    if (first > last || !guard.keeps(List.of(s.tokens()).subList(first, last + 1), f.getType())) {
      return;
    }
    out.add(new Entity(s.offsets()[first].getStart(), s.offsets()[last].getEnd(), f.getType(), prob));
  }

  private static boolean hasLetter(String token) {
    return token.chars().anyMatch(Character::isLetter);
  }

  @Override
  public String name() {
    return "opennlp";
  }

  @Override
  public List<Entity> recognize(String text) {
    NameDecoder decoder = decoders.get();
    List<Entity> out = new ArrayList<>();
    try {
      for (NerSequences.Sequence s : NerSequences.of(text)) {
        if (s.tokens().length == 0) {
          continue;
        }
        NameDecoder.Result found = decoder.find(s.tokens());
        for (int i = 0; i < found.spans().length; i++) {
          entity(s, found.spans()[i], found.probs()[i], out);
        }
      }
    } finally {
      decoder.clearAdaptiveData();
    }
    return out;
  }
}
