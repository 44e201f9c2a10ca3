package org.phigate.deid.ner;

import java.util.List;
import opennlp.tools.util.InvalidFormatException;
import opennlp.tools.util.featuregen.AdaptiveFeatureGenerator;
import opennlp.tools.util.featuregen.GeneratorFactory;
import org.phigate.gazetteer.Lexicon;

/**
 * NER features from the detector's word lists, for the token and its neighbours: listed first name, surname,
 * English word, clinical word, or none of them ("unknown", the class most unseen names fall in). Computed from the
 * same {@link Lexicon} in training and at run time; named in the model's feature descriptor
 * ({@code deid/ner/features.xml}) by {@link Factory}. Its {@code window} (default 1) adds the classes of the words
 * up to that many places away ({@code lx-2=}, {@code lx+2=}, ...); window 1 makes exactly the shipped model's features.
 */
public final class LexiconFeatures implements AdaptiveFeatureGenerator {
  private final Lexicon lexicon = Lexicon.get();
  // each token's class is asked for by itself and both neighbours: looked up once per sequence (OpenNLP passes the
  // same array for every token of a sequence, as CachedFeatureGenerator relies on too)
  private String[] classesOf;
  private String[] classes;
  private final int window;

  /** The token's class, its neighbours' and the pairs with them. */
  public LexiconFeatures() {
    this(1);
  }

  /** Also the classes of the words 2 to {@code window} places away. */
  public LexiconFeatures(int window) {
    if (window < 1) {
      throw new IllegalArgumentException("the word-list feature window must be at least 1");
    }
    this.window = window;
  }

  /** The factory OpenNLP's feature descriptor names: {@code <generator class="...LexiconFeatures$Factory"/>}. */
  public static final class Factory extends GeneratorFactory.AbstractXmlFeatureGeneratorFactory {
    @Override
    public AdaptiveFeatureGenerator create() throws InvalidFormatException {
      return new LexiconFeatures(getInt("window", 1));
    }
  }

  @Override
  public void createFeatures(List<String> features, String[] tokens, int index, String[] previousOutcomes) {
    if (tokens != classesOf) {
      classes = new String[tokens.length];
      for (int i = 0; i < tokens.length; i++) {
        classes[i] = classOf(tokens[i]);
      }
      classesOf = tokens;
    }
    String here = classes[index];
    features.add("lx=" + here);
    String before = index > 0 ? classes[index - 1] : "bos";
    String after = index + 1 < tokens.length ? classes[index + 1] : "eos";
    features.add("lx-1=" + before);
    features.add("lx+1=" + after);
    features.add("lx-1,0=" + before + "," + here);
    features.add("lx0,+1=" + here + "," + after);
    for (int k = 2; k <= window; k++) {
      features.add("lx-" + k + "=" + (index - k >= 0 ? classes[index - k] : "bos"));
      features.add("lx+" + k + "=" + (index + k < tokens.length ? classes[index + k] : "eos"));
    }
  }

  /** The word-list class of a token ("first", "last+eng", "clin", "unknown", ...). */
  String classOf(String token) {
    if (token.isEmpty() || !Character.isLetter(token.charAt(0))) {
      return "other";
    }
    boolean first = lexicon.isFirstName(token);
    boolean last = lexicon.isLastName(token);
    boolean english = lexicon.isEnglishWord(token);
    if (lexicon.isClinicalTerm(token)) {
      return "clin";
    }
    if (first || last) {
      return (first ? "first" : "") + (last ? "last" : "") + (english ? "+eng" : "");
    }
    return english ? "eng" : "unknown";
  }
}
