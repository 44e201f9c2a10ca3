package org.phigate.deid.tools;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import opennlp.tools.namefind.NameFinderME;
import opennlp.tools.namefind.NameSample;
import opennlp.tools.namefind.TokenNameFinderFactory;
import opennlp.tools.namefind.TokenNameFinderModel;
import opennlp.tools.util.ObjectStreamUtils;
import opennlp.tools.util.TrainingParameters;
import org.phigate.deid.corpus.ner.NerTrainingCorpus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `phigate deid ner-train`: trains PHIGate's person/place name finder (OpenNLP maxent) on the generated corpus. */
@Command(name = "ner-train", mixinStandardHelpOptions = true,
    description = "Train the NER model the deid detector ships (deid/ner/phigate-ner.bin in pipeline-app): an "
        + "OpenNLP name finder for PERSON and LOCATION on sentences generated from the gazetteer lists (never from "
        + "the frozen evaluation corpus's lists). Deterministic for a seed.")
public final class NerTrainCommand implements Callable<Integer> {
  @Option(names = "--output", required = true, paramLabel = "MODEL.bin")
  Path output;

  @Option(names = "--sentences", defaultValue = "40000", description = "Training sentences (default ${DEFAULT-VALUE}).")
  int sentences;

  @Option(names = "--seed", defaultValue = "" + NerTrainingCorpus.SEED, description = "Generator seed.")
  long seed;

  @Option(names = "--iterations", defaultValue = "100", description = "Maxent training iterations.")
  int iterations;

  @Option(names = "--cutoff", defaultValue = "3", description = "Features seen fewer times are dropped.")
  int cutoff;

  @Option(names = "--threads", defaultValue = "1", description = "Maxent training threads (default 1).")
  int threads;

  @Option(names = "--algorithm", defaultValue = "MAXENT", description = "MAXENT (default) or PERCEPTRON.")
  String algorithm;

  @Option(names = "--features", defaultValue = FEATURES, description = "Feature descriptor (classpath resource "
      + "or file; default ${DEFAULT-VALUE}).")
  String features;

  /** The shipped model's feature descriptor. */
  static final String FEATURES = "/deid/ner/features.xml";

  @Override
  public Integer call() throws IOException {
    if (sentences < 100) {
      throw new IllegalArgumentException("--sentences must be at least 100");
    }
    List<NameSample> samples = NerTrainingCorpus.load().samples(sentences, seed);
    long tokens = samples.stream().mapToLong(s -> s.getSentence().length).sum();
    long names = samples.stream().mapToLong(s -> s.getNames().length).sum();
    TrainingParameters params = TrainingParameters.defaultParams();
    params.put(TrainingParameters.ITERATIONS_PARAM, iterations);
    params.put(TrainingParameters.CUTOFF_PARAM, cutoff);
    params.put(TrainingParameters.ALGORITHM_PARAM, algorithm);
    params.put(TrainingParameters.THREADS_PARAM, threads);
    long t0 = System.nanoTime();
    TokenNameFinderModel model = NameFinderME.train("en", null, ObjectStreamUtils.createObjectStream(samples), params,
        new TokenNameFinderFactory(descriptor(features), java.util.Map.of(), new opennlp.tools.namefind.BioCodec()));
    long trainMs = (System.nanoTime() - t0) / 1_000_000;
    try (OutputStream out = Files.newOutputStream(output)) {
      model.serialize(out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the model to " + output, e);
    }
    System.err.printf("[deid] %s, features %s%n", algorithm, features);
    System.err.printf("[deid] trained on %d sentences (%d tokens, %d names, seed %d) in %.1f s; model %s: %,d bytes%n",
        samples.size(), tokens, names, seed, trainMs / 1000.0, output, Files.size(output));
    return 0;
  }

  private static byte[] descriptor(String location) throws IOException {
    if (Files.exists(Path.of(location))) {
      return Files.readAllBytes(Path.of(location));
    }
    try (java.io.InputStream in = NerTrainCommand.class.getResourceAsStream(location)) {
      if (in == null) {
        throw new IllegalArgumentException("no feature descriptor " + location);
      }
      return in.readAllBytes();
    }
  }
}
