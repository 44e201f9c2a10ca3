package org.phigate.deid.ner;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.phigate.gazetteer.Gazetteer;
import org.phigate.gazetteer.Lexicon;

/**
 * Vetoes NER entities made only of ordinary words, so the model's context guesses do not redact clinical text
 * ("Vital Signs", "Osteoporosis", "Report", "Encounter"): a phrase of {@code deid/ner/not-entities.txt}; clinical
 * vocabulary as one word; English words only, unless the gazetteer lists the entity as a place (a place entity:
 * "Mobile", "Little Rock") or one of its words as a given name with 100 or more SSA births or a surname (a person
 * entity: "Hazel"), or its last word is a street type of the gazetteer (USPS Publication 28) or a facility word
 * of {@code deid/ner/place-heads.txt} ("Hickory Street", "Unity Hospital"); a token in random mixed case (encoded data).
 */
public final class NerPrecisionGuard {
  private static volatile NerPrecisionGuard shipped;
  private static final int COMMON_GIVEN_NAME = 100;

  private final Lexicon lexicon;
  private final Gazetteer gazetteer;
  private final Set<String> notEntities;
  private final Set<String> placeHeads;

  NerPrecisionGuard(Lexicon lexicon, Gazetteer gazetteer, Set<String> notEntities, Set<String> placeHeads) {
    this.lexicon = lexicon;
    this.gazetteer = gazetteer;
    this.notEntities = notEntities;
    this.placeHeads = placeHeads;
  }

  /** The guard over the shipped word lists. */
  public static NerPrecisionGuard shipped() {
    NerPrecisionGuard g = shipped;
    if (g == null) {
      synchronized (NerPrecisionGuard.class) {
        g = shipped;
        if (g == null) {
          g = new NerPrecisionGuard(Lexicon.get(), Gazetteer.shipped(), lines("/deid/ner/not-entities.txt"),
              lines("/deid/ner/place-heads.txt"));
          shipped = g;
        }
      }
    }
    return g;
  }

  /** Whether an entity of {@code label} made of {@code words} (punctuation already dropped at its edges) stays. */
  public boolean keeps(List<String> words, String label) {
    List<String> letters = words.stream().filter(NerPrecisionGuard::hasLetter).toList();
    if (letters.isEmpty() || notEntities.contains(lower(String.join(" ", letters)))
        || letters.stream().anyMatch(NerPrecisionGuard::randomCase)) {
      return false;
    }
    if (letters.size() == 1) {
      String w = letters.get(0);
      if (w.length() < 3 && !Character.isUpperCase(w.charAt(0)) || w.length() < 2 || lexicon.isClinicalTerm(w)
          || w.length() <= 3 && w.equals(w.toUpperCase(Locale.ROOT))) {
        return false;
      }
    }
    boolean ordinary = letters.stream().allMatch(w -> lexicon.isClinicalTerm(w) || lexicon.isEnglishWord(w));
    if (!ordinary) {
      return true;
    }
    if (label.equals("LOCATION")) {
      return place(String.join(" ", letters)) || letters.size() > 1 && placeHead(letters.get(letters.size() - 1));
    }
    return letters.stream().anyMatch(w -> Character.isUpperCase(w.charAt(0)) && !lexicon.isClinicalTerm(w)
        && person(w));
  }

  private boolean place(String entry) {
    int[] w = gazetteer.lookup(entry);
    return w[Gazetteer.Kind.PLACE.ordinal()] > 0 || w[Gazetteer.Kind.COUNTY.ordinal()] > 0
        || w[Gazetteer.Kind.WORLD_CITY.ordinal()] > 0;
  }

  private boolean placeHead(String word) {
    return placeHeads.contains(lower(word)) || gazetteer.lookup(word)[Gazetteer.Kind.STREET_TYPE.ordinal()] > 0;
  }

  private boolean person(String word) {
    int[] w = gazetteer.lookup(word);
    return w[Gazetteer.Kind.FIRST_NAME.ordinal()] >= COMMON_GIVEN_NAME || w[Gazetteer.Kind.SURNAME.ordinal()] > 0;
  }

  /**
   * Case changes no name has: two or more lower-to-upper changes ("AjbBlQx"), or one in a short token or after a
   * lower-case start ("PiA", "lG"): base64 or a hash, not a name ("McDonald", "DeShawn" stay).
   */
  static boolean randomCase(String token) {
    int changes = 0;
    for (int i = 1; i < token.length(); i++) {
      if (Character.isLowerCase(token.charAt(i - 1)) && Character.isUpperCase(token.charAt(i))) {
        changes++;
      }
    }
    return changes >= 2 || changes == 1 && (token.length() <= 4 || Character.isLowerCase(token.charAt(0)));
  }

  private static boolean hasLetter(String token) {
    return token.chars().anyMatch(Character::isLetter);
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  private static Set<String> lines(String resource) {
    try (InputStream in = NerPrecisionGuard.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("NER word list " + resource + " missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
          .filter(l -> !l.isEmpty() && !l.startsWith("#")).map(NerPrecisionGuard::lower)
          .collect(Collectors.toUnmodifiableSet());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read NER word list " + resource, e);
    }
  }
}
