package org.phigate.inference.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.phigate.inference.embedded.LinearHead;
import org.phigate.inference.embedded.MiniLmEmbedder;
import org.phigate.inference.embedded.ModelText;
import org.phigate.inference.embedded.TextFeatures;
import org.phigate.inference.embedded.TriageWeights;
import org.phigate.inference.safety.SafetyNet;
import org.phigate.schema.Urgency;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Fits the portal-triage heads with Tribuo (multinomial logistic regression, AdaGrad SGD) on MiniLM embeddings,
 * exports the weights ({@link TriageWeights}), and picks the acute threshold by cross-validation on the training
 * set only.
 */
public final class TriageFit {
  /** Hyperparameters; the defaults are what the shipped model was fitted with. */
  public record Params(int epochs, double learningRate, double acuteWeight, long seed, int folds) {
    public static Params defaults() {
      return new Params(60, 0.1, 2.0, 13L, 5);
    }
  }

  /** Out-of-fold probabilities of one item. */
  record Oof(double[] category, double[] urgency) {}

  /** Feature names e000.. (embedding dims; wider for n-gram buckets), sorted as their indices. */
  private static String[] names(int dims) {
    String[] out = new String[dims];
    int width = Math.max(3, Integer.toString(dims - 1).length());
    for (int d = 0; d < dims; d++) {
      out[d] = String.format(Locale.ROOT, "e%0" + width + "d", d);
    }
    return out;
  }

  private final Params params;

  public TriageFit(Params params) {
    this.params = params;
  }

  /** Embeds the texts as the model will see them. */
  public static float[][] embed(List<Labelled> items) {
    return MiniLmEmbedder.shared().embed(items.stream().map(i -> ModelText.forEmbedding(i.text())).toList());
  }

  /** Hashed n-gram features of the texts ({@link TextFeatures}), as the model will compute them. */
  public static float[][] ngrams(List<Labelled> items, int buckets) {
    TextFeatures f = new TextFeatures(buckets);
    return items.stream().map(i -> f.of(i.text())).toArray(float[][]::new);
  }

  /** One head fitted on {@code x} and labels {@code y}. */
  LinearHead fitHead(float[][] x, List<String> y, List<Double> weights) {
    String[] features = names(x[0].length);
    LabelFactory factory = new LabelFactory();
    MutableDataset<Label> data = new MutableDataset<>(new SimpleDataSourceProvenance("portal-triage", factory),
        factory);
    for (int i = 0; i < x.length; i++) {
      List<String> fn = new ArrayList<>();
      List<Double> fv = new ArrayList<>();
      for (int d = 0; d < x[i].length; d++) {
        if (x[i][d] != 0f) {
          fn.add(features[d]);
          fv.add((double) x[i][d]);
        }
      }
      ArrayExample<Label> ex = new ArrayExample<>(new Label(y.get(i)), fn.toArray(String[]::new),
          fv.stream().mapToDouble(Double::doubleValue).toArray());
      ex.setWeight(weights.get(i).floatValue());
      data.add(ex);
    }
    LinearSGDTrainer trainer = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(params.learningRate(), 0.1),
        params.epochs(), Integer.MAX_VALUE, 1, params.seed());
    LinearSGDModel model = (LinearSGDModel) trainer.train(data);
    LinearHead head = export(model, features);
    check(model, head, data, features.length);
    return head;
  }

  /** Weights and bias per label from Tribuo's [labels x (features + bias)] matrix. */
  private static LinearHead export(LinearSGDModel model, String[] features) {
    DenseMatrix w = model.getWeightsCopy();
    var outputs = model.getOutputIDInfo();
    var featureIds = model.getFeatureIDMap();
    int k = outputs.size();
    if (w.getDimension1Size() != k || w.getDimension2Size() != featureIds.size() + 1) {
      throw new IllegalStateException("unexpected Tribuo weight matrix shape " + w.getDimension1Size() + "x"
          + w.getDimension2Size());
    }
    List<String> labels = new ArrayList<>();
    float[][] weights = new float[k][features.length];
    float[] bias = new float[k];
    for (int o = 0; o < k; o++) {
      labels.add(outputs.getOutput(o).getLabel());
      for (int d = 0; d < features.length; d++) {
        int id = featureIds.getID(features[d]);
        weights[o][d] = id < 0 ? 0f : (float) w.get(o, id);
      }
      bias[o] = (float) w.get(o, featureIds.size());
    }
    return new LinearHead(labels, weights, bias);
  }

  /** The exported head must choose what Tribuo chooses on every training example. */
  private static void check(LinearSGDModel model, LinearHead head, MutableDataset<Label> data, int dims) {
    int disagree = 0;
    for (Example<Label> ex : data) {
      double[] x = new double[dims];
      ex.forEach(f -> x[Integer.parseInt(f.getName().substring(1))] = f.getValue());
      float[] xf = new float[x.length];
      for (int d = 0; d < x.length; d++) {
        xf[d] = (float) x[d];
      }
      String ours = head.labels().get(LinearHead.argmax(head.probabilities(xf)));
      if (!ours.equals(model.predict(ex).getOutput().getLabel())) {
        disagree++;
      }
    }
    if (disagree > data.size() / 100) {
      throw new IllegalStateException("exported weights disagree with Tribuo on " + disagree + " of " + data.size()
          + " examples");
    }
  }

  /** Both heads on all items, with the acute threshold from cross-validation ({@link #bestThreshold}); {@code fit} records how. */
  public TriageWeights fit(List<Labelled> items, float[][] x, ObjectNode fit, double threshold) {
    LinearHead category = fitHead(x, items.stream().map(Labelled::category).toList(), weights(items));
    LinearHead urgency = fitHead(x, items.stream().map(i -> i.urgency().name().toLowerCase(Locale.ROOT)).toList(),
        weights(items));
    fit.put("trainer", "tribuo LinearSGDTrainer(LogMulticlass, AdaGrad) 4.3.2");
    fit.put("epochs", params.epochs()).put("learningRate", params.learningRate())
        .put("acuteExampleWeight", params.acuteWeight()).put("seed", params.seed()).put("folds", params.folds());
    fit.put("examples", items.size());
    fit.put("acuteThresholdFrom", "cross-validation on the training set: highest acute recall of model plus safety "
        + "net with routine specificity at or above the floor (minRoutineSpecificity)");
    return new TriageWeights(category, urgency, threshold, fit, "");
  }

  /** N-gram heads on all items, to blend with the embedding heads at the given embedding shares. */
  public TriageWeights.Ngram fitNgram(List<Labelled> items, float[][] f, int buckets, double categoryWeight,
      double urgencyWeight) {
    LinearHead category = fitHead(f, items.stream().map(Labelled::category).toList(), weights(items));
    LinearHead urgency = fitHead(f, items.stream().map(i -> i.urgency().name().toLowerCase(Locale.ROOT)).toList(),
        weights(items));
    return new TriageWeights.Ngram(category, urgency, buckets, categoryWeight, urgencyWeight);
  }

  /** {@code w * a + (1 - w) * b} per item (both laid out by fixed label order), one share for both heads. */
  static List<Oof> blend(List<Oof> a, List<Oof> b, double w) {
    return blend(a, b, w, w);
  }

  /** As {@link #blend(List, List, double)} with the category head at share {@code wc}, urgency at {@code wu}. */
  static List<Oof> blend(List<Oof> a, List<Oof> b, double wc, double wu) {
    List<Oof> out = new ArrayList<>(a.size());
    for (int i = 0; i < a.size(); i++) {
      out.add(new Oof(mix(a.get(i).category(), b.get(i).category(), wc), mix(a.get(i).urgency(),
          b.get(i).urgency(), wu)));
    }
    return out;
  }

  private static double[] mix(double[] a, double[] b, double w) {
    double[] out = new double[a.length];
    for (int k = 0; k < a.length; k++) {
      out[k] = w * a[k] + (1 - w) * b[k];
    }
    return out;
  }

  private List<Double> weights(List<Labelled> items) {
    return items.stream().map(i -> i.acute() ? params.acuteWeight() : 1.0).toList();
  }

  /** Out-of-fold probabilities for every item ({@code folds}-fold, shuffled with the seed). */
  List<Oof> crossValidate(List<Labelled> items, float[][] x) {
    int n = items.size();
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      order.add(i);
    }
    java.util.Collections.shuffle(order, new Random(params.seed()));
    Oof[] out = new Oof[n];
    for (int f = 0; f < params.folds(); f++) {
      List<Integer> train = new ArrayList<>();
      List<Integer> test = new ArrayList<>();
      for (int j = 0; j < n; j++) {
        (j % params.folds() == f ? test : train).add(order.get(j));
      }
      float[][] tx = train.stream().map(i -> x[i]).toArray(float[][]::new);
      List<Labelled> ti = train.stream().map(items::get).toList();
      LinearHead c = fitHead(tx, ti.stream().map(Labelled::category).toList(), weights(ti));
      LinearHead u = fitHead(tx, ti.stream().map(i -> i.urgency().name().toLowerCase(Locale.ROOT)).toList(),
          weights(ti));
      for (int i : test) {
        out[i] = new Oof(probsByName(c, x[i]), probsByName(u, x[i]));
      }
    }
    return List.of(out);
  }

  /** Probabilities of the fitted {@code weights} for embedded items, laid out as out-of-fold ones are. */
  List<Oof> predict(TriageWeights weights, float[][] x) {
    List<Oof> out = new ArrayList<>(x.length);
    for (float[] v : x) {
      out.add(new Oof(probsByName(weights.category(), v), probsByName(weights.urgency(), v)));
    }
    return out;
  }

  /** As {@link #predict(TriageWeights, float[][])} for the n-gram heads on n-gram features {@code f}. */
  List<Oof> predict(TriageWeights.Ngram ngram, float[][] f) {
    List<Oof> out = new ArrayList<>(f.length);
    for (float[] v : f) {
      out.add(new Oof(probsByName(ngram.category(), v), probsByName(ngram.urgency(), v)));
    }
    return out;
  }

  /** Probabilities laid out by fixed label order (categories as in DraftReplies, urgencies by enum order). */
  private static double[] probsByName(LinearHead h, float[] x) {
    double[] p = h.probabilities(x);
    List<String> names = names(h);
    double[] out = new double[names.size()];
    for (int k = 0; k < h.labels().size(); k++) {
      int at = names.indexOf(h.labels().get(k));
      if (at >= 0) {
        out[at] = p[k];
      }
    }
    return out;
  }

  static List<String> names(LinearHead h) {
    if (h.labels().stream().allMatch(l -> isUrgency(l))) {
      return java.util.Arrays.stream(Urgency.values()).map(u -> u.name().toLowerCase(Locale.ROOT)).toList();
    }
    return org.phigate.inference.drafts.DraftReplies.CATEGORIES;
  }

  private static boolean isUrgency(String l) {
    try {
      Urgency.valueOf(l.toUpperCase(Locale.ROOT));
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * The acute threshold, from out-of-fold predictions of model plus safety net: the highest acute recall among
   * thresholds that keep routine specificity at or above {@code minRoutineSpecificity} (ties go to the higher
   * threshold, the more specific one); when none does, the best recall + non-acute specificity (Youden's J).
   */
  static double bestThreshold(List<Labelled> items, List<Oof> oof, double minRoutineSpecificity) {
    List<Urgency> netUrgency = SafetyNet.shipped().checkAll(items.stream().map(Labelled::text).toList()).stream()
        .map(SafetyNet.Verdict::urgency).toList();
    double best = -1;
    double bestRecall = -1;
    double youden = 0.5;
    double bestJ = -1;
    for (int t = 5; t <= 60; t += 1) {
      double threshold = t / 100.0;
      int tp = 0;
      int pos = 0;
      int tn = 0;
      int neg = 0;
      int routineOk = 0;
      int routine = 0;
      for (int i = 0; i < items.size(); i++) {
        double[] u = oof.get(i).urgency();
        int arg = 0;
        for (int k = 1; k < u.length; k++) {
          arg = u[k] > u[arg] ? k : arg;
        }
        Urgency m = Urgency.values()[arg];
        if (u[Urgency.URGENT.ordinal()] + u[Urgency.EMERGENCY.ordinal()] >= threshold
            && m.ordinal() < Urgency.URGENT.ordinal()) {
          m = Urgency.URGENT;
        }
        boolean predicted = SafetyNet.max(m, netUrgency.get(i)).ordinal() >= Urgency.URGENT.ordinal();
        if (items.get(i).acute()) {
          pos++;
          tp += predicted ? 1 : 0;
        } else {
          neg++;
          tn += predicted ? 0 : 1;
          if (items.get(i).urgency() == Urgency.ROUTINE) {
            routine++;
            routineOk += predicted ? 0 : 1;
          }
        }
      }
      double recall = (double) tp / Math.max(1, pos);
      double j = recall + (double) tn / Math.max(1, neg);
      if (j > bestJ + 1e-9) {
        bestJ = j;
        youden = threshold;
      }
      if ((double) routineOk / Math.max(1, routine) >= minRoutineSpecificity && recall >= bestRecall - 1e-9) {
        bestRecall = recall;
        best = threshold;
      }
    }
    return best > 0 ? best : youden;
  }
}
