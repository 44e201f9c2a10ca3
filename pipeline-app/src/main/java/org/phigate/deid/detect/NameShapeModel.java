package org.phigate.deid.detect;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.phigate.gazetteer.Lexicon;
import org.yaml.snakeyaml.Yaml;

/**
 * How much a single word looks like a person's name: a logistic regression over hashed character n-grams (1 to 4
 * letters, with word-boundary marks), trained once at first use from licensed lists only. Positives are the
 * detection first and last names {@link Lexicon} loads; negatives are the English word list, the clinical terms and
 * datafaker's medicine, drug brand and app names (drug- and product-shaped words). Words on both sides are dropped.
 * Training is deterministic (fixed order, fixed shuffle seed) and takes a fraction of a second.
 */
final class NameShapeModel {
  private static final int BITS = 18;
  private static final int MASK = (1 << BITS) - 1;
  private static final int MAX_GRAM = 4;
  private static final int EPOCHS = 4;
  private static final long SEED = 20261130L;
  private static final int THING_WEIGHT = 8;

  private final float[] weights;
  private final float bias;

  private NameShapeModel(float[] weights, float bias) {
    this.weights = weights;
    this.bias = bias;
  }

  private static final class Holder {
    private static final NameShapeModel INSTANCE = trainDefault();
  }

  /** The model trained on the detection lists, built on first use. */
  static NameShapeModel get() {
    return Holder.INSTANCE;
  }

  /** Probability (0..1) that {@code word} is a person's name by its letters alone. */
  double score(String word) {
    int[] f = features(word);
    if (f.length == 0) {
      return 0;
    }
    double z = bias;
    float scale = (float) (1 / Math.sqrt(f.length));
    for (int h : f) {
      z += weights[h] * scale;
    }
    return 1 / (1 + Math.exp(-z));
  }

  /**
   * The training sets of the default model, disjoint: name words (positives), other words (English and clinical) and
   * thing words (medicine, drug brand and app names; negatives weighted {@value #THING_WEIGHT} times).
   */
  static List<Set<String>> defaultTrainingSets() {
    Lexicon lx = Lexicon.get();
    Set<String> others = new TreeSet<>();
    for (String w : lx.englishWords()) {
      addWord(others, w);
    }
    for (String w : lx.clinicalTerms()) {
      addWord(others, w);
    }
    List<String> thingNames = new ArrayList<>(fakerList("en/medical.yml", "medical", "medicine_name"));
    thingNames.addAll(fakerList("en/medication.yml", "healthcare", "medication", "drug_name"));
    thingNames.addAll(fakerList("en/app.yml", "app", "name"));
    Set<String> things = new TreeSet<>();
    for (String thing : thingNames) {
      for (String w : thing.split("[^\\p{L}]+")) {
        addWord(things, w);
      }
    }
    things.removeAll(others);
    Set<String> names = new TreeSet<>();
    for (String n : lx.allNames()) {
      for (String w : n.split("[ \\-']+")) {
        String lw = Lexicon.lower(w);
        if (!others.contains(lw) && !things.contains(lw) && !lx.isEnglishWord(lw) && !lx.isClinicalTerm(lw)) {
          addWord(names, lw);
        }
      }
    }
    others.removeAll(names);
    things.removeAll(names);
    return List.of(names, others, things);
  }

  private static NameShapeModel trainDefault() {
    List<Set<String>> sets = defaultTrainingSets();
    return train(sets.get(0), sets.get(1), sets.get(2));
  }

  /**
   * Trains with class-balanced stochastic gradient descent: names against other words and thing words (the rarer,
   * name-like drug and product names weigh more); the same input always gives the same model (inputs are sorted,
   * the shuffle is seeded).
   */
  static NameShapeModel train(Collection<String> names, Collection<String> others, Collection<String> things) {
    List<String> pos = new ArrayList<>(new TreeSet<>(names));
    List<String> neg = new ArrayList<>(new TreeSet<>(others));
    List<String> thing = new ArrayList<>(new TreeSet<>(things));
    int n = pos.size() + neg.size() + thing.size();
    int[][] feats = new int[n][];
    float[] weight = new float[n];
    boolean[] label = new boolean[n];
    // each class weighs half of the loss, whatever the list sizes
    float negUnits = neg.size() + THING_WEIGHT * thing.size();
    float posWeight = n / (2f * Math.max(1, pos.size()));
    float negWeight = n / (2f * Math.max(1, negUnits));
    for (int i = 0; i < n; i++) {
      boolean p = i < pos.size();
      boolean isThing = i >= pos.size() + neg.size();
      feats[i] = features(p ? pos.get(i) : isThing ? thing.get(i - pos.size() - neg.size()) : neg.get(i - pos.size()));
      label[i] = p;
      weight[i] = p ? posWeight : isThing ? negWeight * THING_WEIGHT : negWeight;
    }
    List<Integer> order = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      order.add(i);
    }
    Random rnd = new Random(SEED);
    float[] w = new float[1 << BITS];
    float b = 0;
    for (int epoch = 0; epoch < EPOCHS; epoch++) {
      Collections.shuffle(order, rnd);
      float rate = 0.5f / (1 + epoch);
      for (int idx : order) {
        int[] f = feats[idx];
        if (f.length == 0) {
          continue;
        }
        float scale = (float) (1 / Math.sqrt(f.length));
        double z = b;
        for (int h : f) {
          z += w[h] * scale;
        }
        double p = 1 / (1 + Math.exp(-z));
        float g = (float) ((label[idx] ? 1 - p : -p) * weight[idx]) * rate;
        for (int h : f) {
          w[h] += g * scale;
        }
        b += g * 0.1f;
      }
    }
    return new NameShapeModel(w, b);
  }

  /** Hashed character n-grams of the lower-cased word wrapped in boundary marks ("^kleist$"). */
  static int[] features(String word) {
    String s = "^" + word.toLowerCase(Locale.ROOT) + "$";
    int len = s.length();
    if (len <= 2) {
      return new int[0];
    }
    int count = 0;
    for (int g = 1; g <= MAX_GRAM; g++) {
      count += Math.max(0, len - g + 1);
    }
    int[] out = new int[count];
    int k = 0;
    for (int i = 0; i < len; i++) {
      int h = 0x9E3779B9;
      for (int g = 1; g <= MAX_GRAM && i + g <= len; g++) {
        h = (h ^ s.charAt(i + g - 1)) * 0x01000193;
        int mixed = h ^ (h >>> 15) ^ (g * 0x27d4eb2d);
        mixed *= 0x85ebca6b;
        out[k++] = (mixed ^ (mixed >>> 13)) & MASK;
      }
    }
    return k == out.length ? out : java.util.Arrays.copyOf(out, k);
  }

  private static void addWord(Set<String> to, String w) {
    String lw = Lexicon.lower(w);
    if (lw.length() >= 3 && lw.chars().allMatch(Character::isLetter)) {
      to.add(lw);
    }
  }

  /** A list of a datafaker en file ({@code path} of keys under "faker"): drug, medicine and product names. */
  @SuppressWarnings("unchecked")
  static List<String> fakerList(String resource, String... path) {
    try (InputStream in = NameShapeModel.class.getResourceAsStream("/" + resource)) {
      if (in == null) {
        throw new IllegalStateException("word list " + resource + " is missing from the classpath (datafaker jar)");
      }
      Map<String, Object> root = new Yaml().load(in);
      Object node = ((Map<String, Object>) root.get("en")).get("faker");
      for (String key : path) {
        node = node instanceof Map<?, ?> map ? map.get(key) : null;
      }
      return node instanceof List<?> items ? items.stream().map(String::valueOf).toList() : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read word list " + resource, e);
    }
  }
}
