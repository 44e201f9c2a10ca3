package org.phigate.deid.ner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import opennlp.tools.namefind.BioCodec;
import opennlp.tools.namefind.NameFinderME;
import opennlp.tools.namefind.NameSample;
import opennlp.tools.namefind.TokenNameFinderFactory;
import opennlp.tools.namefind.TokenNameFinderModel;
import opennlp.tools.util.ObjectStreamUtils;
import opennlp.tools.util.SequenceValidator;
import opennlp.tools.util.Span;
import opennlp.tools.util.TrainingParameters;
import org.junit.jupiter.api.Test;
import org.phigate.deid.testdata.AnnotatedNote;
import org.phigate.deid.testdata.SyntheticNotes;
import org.phigate.schema.PhiCategory;

class NameDecoderTest {
  private static final TokenNameFinderModel MODEL = OpenNlpNerModel.shipped();

  /** Every line's spans, types and probabilities, one text after the other (adaptive data carried as in use). */
  private static List<String> openNlp(List<String> texts) {
    return openNlp(MODEL, texts);
  }

  private static List<String> openNlp(TokenNameFinderModel model, List<String> texts) {
    NameFinderME finder = new NameFinderME(model);
    List<String> out = new ArrayList<>();
    for (String text : texts) {
      for (NerSequences.Sequence s : NerSequences.of(text)) {
        Span[] spans = finder.find(s.tokens());
        double[] probs = finder.probs(spans);
        for (int i = 0; i < spans.length; i++) {
          out.add(spans[i] + " " + probs[i]);
        }
      }
      finder.clearAdaptiveData();
    }
    return out;
  }

  private static List<String> decoded(List<String> texts) {
    return decoded(new NameDecoder(MODEL, FeatureWeights.of(MODEL)), texts);
  }

  private static List<String> decoded(NameDecoder decoder, List<String> texts) {
    List<String> out = new ArrayList<>();
    for (String text : texts) {
      for (NerSequences.Sequence s : NerSequences.of(text)) {
        NameDecoder.Result r = decoder.find(s.tokens());
        for (int i = 0; i < r.spans().length; i++) {
          out.add(r.spans()[i] + " " + r.probs()[i]);
        }
      }
      decoder.clearAdaptiveData();
    }
    return out;
  }

  /** The synthetic notes, then each with characters inserted, deleted and repeated at random places. */
  static List<String> texts() {
    List<String> notes = new ArrayList<>(SyntheticNotes.notes().stream().map(AnnotatedNote::text).toList());
    notes.add("Attending: Quorvath Zellibrand, MD\nHis wife, Ysmerelda Zellibrand, will drive him home.");
    notes.add("Moved to Threlkeldon in 2019.\nHome: 41 Oakhurst Rd, Threlkeldon, VT 05602\npt seen w/ daughter hazel");
    Random rnd = new Random(5);
    String alphabet = "aZ09 .,:;/-'()\n\tDr.Mr.MRN: Smith Boise";
    List<String> out = new ArrayList<>(notes);
    for (int i = 0; i < 300; i++) {
      StringBuilder sb = new StringBuilder(notes.get(rnd.nextInt(notes.size())));
      for (int k = rnd.nextInt(20); k >= 0; k--) {
        int at = rnd.nextInt(sb.length() + 1);
        switch (rnd.nextInt(3)) {
          case 0 -> sb.insert(at, alphabet.charAt(rnd.nextInt(alphabet.length())));
          case 1 -> sb.delete(at, Math.min(sb.length(), at + rnd.nextInt(5)));
          default -> {
            int from = rnd.nextInt(Math.max(1, sb.length() / 2));
            sb.insert(at, sb.substring(from, Math.min(sb.length(), from + rnd.nextInt(60))));
          }
        }
      }
      out.add(sb.toString());
    }
    return out;
  }

  @Test
  void shouldFindExactlyWhatOpenNlpsNameFinderFindsWithTheSameProbabilities() {
    List<String> texts = texts();

    List<String> expected = openNlp(texts);

    assertThat(expected).hasSizeGreaterThan(200);
    assertThat(decoded(texts)).containsExactlyElementsOf(expected);
  }

  @Test
  void shouldDecodeTheSameWithTheGeneratorsTheModelNames() {
    List<String> texts = texts().subList(0, 120);
    FeatureWeights weights = FeatureWeights.of(MODEL);
    NameDecoder generic = new NameDecoder(MODEL, weights, NameDecoder.beamSize(MODEL),
        new GeneratorFeatures(NameDecoder.generators(MODEL.getFactory()), weights));

    assertThat(decoded(generic, texts)).containsExactlyElementsOf(openNlp(texts));
  }

  /** A small perceptron name finder trained on the synthetic notes' gold names and places (shipped features). */
  private static TokenNameFinderModel perceptron() throws IOException {
    List<NameSample> samples = new ArrayList<>();
    for (AnnotatedNote note : SyntheticNotes.notes()) {
      for (NerSequences.Sequence s : NerSequences.of(note.text())) {
        List<Span> names = new ArrayList<>();
        for (AnnotatedNote.Gold g : note.gold()) {
          String type = g.category() == PhiCategory.NAME ? "PERSON"
              : g.category() == PhiCategory.GEO ? "LOCATION" : null;
          int first = -1;
          int end = -1;
          for (int t = 0; t < s.offsets().length && type != null; t++) {
            if (s.offsets()[t].getStart() >= g.start() && s.offsets()[t].getEnd() <= g.end()) {
              first = first < 0 ? t : first;
              end = t + 1;
            }
          }
          if (first >= 0) {
            names.add(new Span(first, end, type));
          }
        }
        samples.add(new NameSample(s.tokens(), names.toArray(new Span[0]), false));
      }
    }
    TrainingParameters params = TrainingParameters.defaultParams();
    params.put(TrainingParameters.ALGORITHM_PARAM, "PERCEPTRON");
    params.put(TrainingParameters.ITERATIONS_PARAM, 30);
    params.put(TrainingParameters.CUTOFF_PARAM, 1);
    byte[] descriptor;
    try (InputStream in = NameDecoderTest.class.getResourceAsStream(NameFeatures.DESCRIPTOR)) {
      descriptor = in.readAllBytes();
    }
    return NameFinderME.train("en", null, ObjectStreamUtils.createObjectStream(samples), params,
        new TokenNameFinderFactory(descriptor, Map.of(), new BioCodec()));
  }

  @Test
  void shouldDecodeAPerceptronModelAsOpenNlpDoes() throws IOException {
    TokenNameFinderModel perceptron = perceptron();
    List<String> texts = texts().subList(0, 120);
    FeatureWeights weights = FeatureWeights.of(perceptron);
    NameDecoder generic = new NameDecoder(perceptron, weights, NameDecoder.beamSize(perceptron),
        new GeneratorFeatures(NameDecoder.generators(perceptron.getFactory()), weights));

    List<String> expected = openNlp(perceptron, texts);

    assertThat(expected).hasSizeGreaterThan(50);
    assertThat(decoded(new NameDecoder(perceptron, weights), texts)).containsExactlyElementsOf(expected);
    assertThat(decoded(generic, texts)).containsExactlyElementsOf(expected);
  }

  @Test
  void shouldAnswerAsTheValidatorForEveryHistory() {
    SequenceValidator<String> validator = MODEL.getFactory().createSequenceCodec().createSequenceValidator();
    String[] outcomes = FeatureWeights.of(MODEL).outcomes();
    boolean[][] valid = NameDecoder.validity(validator, outcomes);
    Random rnd = new Random(3);
    int invalid = 0;
    for (int n = 0; n < 2000; n++) {
      String[] history = new String[rnd.nextInt(6)];
      for (int i = 0; i < history.length; i++) {
        history[i] = outcomes[rnd.nextInt(outcomes.length)];
      }
      String[] tokens = new String[history.length + 1];
      Arrays.fill(tokens, "w");
      int last = history.length == 0 ? outcomes.length : Arrays.asList(outcomes).indexOf(history[history.length - 1]);
      for (int o = 0; o < outcomes.length; o++) {
        boolean expected = validator.validSequence(history.length, tokens, history, outcomes[o]);
        invalid += expected ? 0 : 1;
        assertThat(valid[last][o]).isEqualTo(expected);
      }
    }
    assertThat(invalid).isPositive();
  }

  @Test
  void shouldUseTheBeamSizeTheModelWasTrainedFor() {
    assertThat(NameDecoder.beamSize(MODEL)).isEqualTo(NameFinderME.DEFAULT_BEAM_SIZE);
    assertThatThrownBy(() -> new NameDecoder(MODEL, FeatureWeights.of(MODEL), 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
