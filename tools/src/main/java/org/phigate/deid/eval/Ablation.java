package org.phigate.deid.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.phigate.config.DeidConfig;
import org.phigate.deid.detect.Detector;
import org.phigate.deid.detect.NameCueDetector;
import org.phigate.deid.detect.NameDictionaryDetector;
import org.phigate.deid.detect.NerDetector;
import org.phigate.deid.detect.PhiDetector;
import org.phigate.deid.detect.RecognizerRegistry;
import org.phigate.deid.detect.SiteLists;
import org.phigate.gazetteer.ContextEnhancer;
import org.phigate.gazetteer.Gazetteer;
import org.phigate.gazetteer.Spotter;

/**
 * The detector of a deid config with some shipped gazetteer lists left out of the gazetteer pass (by file name, as
 * in {@code deid/gazetteer/lexicons.tsv}), to measure what each list adds. The name dictionary detectors read the
 * given-name and surname lists through {@code Lexicon} as well; that use is not ablated.
 */
public final class Ablation {
  private Ablation() {}

  /** The shipped lists that hold names or places (the ones worth leaving out one at a time). */
  public static List<String> nameAndPlaceLists() {
    return Gazetteer.shippedSources().stream().filter(s -> switch (s.kind()) {
      case FIRST_NAME, SURNAME, PLACE, COUNTY, WORLD_CITY, STREET_TYPE -> true;
      default -> false;
    }).map(Ablation::file).toList();
  }

  /** The detector {@code PhiDetector.fromConfig(config)} builds, minus the lists named in {@code without}. */
  public static PhiDetector detector(DeidConfig config, Set<String> without) {
    List<Gazetteer.Source> keep = new ArrayList<>(Gazetteer.shippedSources().stream()
        .filter(s -> !without.contains(file(s))).toList());
    keep.addAll(Gazetteer.parseSiteFiles(config.gazetteerFiles()));
    List<Detector> all = new ArrayList<>(PhiDetector.patternDetectors());
    all.add(new NameCueDetector(config.nameDictionary()));
    if (config.nameDictionary()) {
      all.add(new NameDictionaryDetector());
      all.add(new RecognizerRegistry(List.of(RecognizerRegistry.gazetteer(new Spotter(Gazetteer.load(keep)))),
          ContextEnhancer.shipped(), Spotter.THRESHOLD));
    }
    if (config.nerEnabled()) {
      all.add(new NerDetector(nerModel(config.nerModelClass()), config.nerThreshold()));
    }
    return new PhiDetector(all, SiteLists.parse(config.allowList(), config.denyList()));
  }

  private static org.phigate.deid.detect.NerModel nerModel(String className) {
    try {
      return (org.phigate.deid.detect.NerModel) Class.forName(className).getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new IllegalArgumentException("deid.ner.model '" + className + "' is not a loadable NerModel class");
    }
  }

  private static String file(Gazetteer.Source s) {
    return s.location().substring(s.location().lastIndexOf('/') + 1);
  }
}
