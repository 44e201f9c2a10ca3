package org.phigate.deid.corpus.ner;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import opennlp.tools.namefind.NameSample;
import opennlp.tools.util.Span;
import org.phigate.deid.ner.NerSequences;

/**
 * The NER model's training corpus: sentences from {@code /deid/ner/training-templates.txt} filled with names and
 * places from the detector's gazetteer lists ({@link GazetteerPools}), labelled PERSON and LOCATION, as OpenNLP name
 * samples tokenized exactly as at run time ({@link NerSequences}). A fifth of the sentences are typed in lower case
 * and a twentieth in capitals. Deterministic for a seed. Shares no template, name or place with the frozen evaluation
 * corpus and no template with the development corpus.
 */
public final class NerTrainingCorpus {
  /** The seed the shipped model was trained with (the frozen corpus used 20261207, the development corpus 1). */
  public static final long SEED = 4242L;
  private static final Pattern SLOT = Pattern.compile("\\{([A-Za-z]+)\\}");
  private static final List<String> FACILITY = List.of("%s General Hospital", "%s Medical Center",
      "%s Memorial Hospital", "%s Clinic", "%s Pharmacy", "%s Rehab Center", "%s Nursing Home",
      "%s Children's Hospital", "St. %s Hospital", "%s Cancer Institute");
  private static final List<String> DX = List.of("CHF", "COPD exacerbation", "type 2 diabetes", "cellulitis",
      "atrial fibrillation", "low back pain", "pneumonia", "hypertension", "UTI", "migraine");

  /** One labelled sentence. */
  record Labelled(String text, List<Span> spans) {}

  private static final List<String> TOWN_ENDINGS = List.of("", "", "", "", " Falls", " Springs", " Hollow",
      " Crossing", " Junction", "ville", "ton", "burg", " Creek", " Ridge", " Harbor", " Center", " Station");

  private static final HeldOutWords HELD_OUT = new HeldOutWords();
  private final GazetteerPools pools;
  private final List<String> templates;
  private final InventedNames inventedFirst;
  private final InventedNames inventedLast;
  private final InventedNames inventedPlaces;
  private final InventedNames inventedBrands;

  private NerTrainingCorpus(GazetteerPools pools, List<String> templates) {
    this.pools = pools;
    this.templates = templates;
    org.phigate.deid.detect.Lexicon lexicon = org.phigate.deid.detect.Lexicon.get();
    java.util.function.Predicate<String> unlisted = w -> !lexicon.isEnglishWord(w) && !lexicon.isClinicalTerm(w)
        && !lexicon.isName(w);
    this.inventedFirst = new InventedNames(pools.first, unlisted);
    this.inventedLast = new InventedNames(pools.surnames, unlisted);
    this.inventedPlaces = new InventedNames(pools.places.stream().map(p -> p[0]).toList(), unlisted);
    this.inventedBrands = new InventedNames(pools.drugs.stream().flatMap(d -> java.util.Arrays.stream(d.split(" ")))
        .toList(), unlisted);
  }

  public static NerTrainingCorpus load() {
    return new NerTrainingCorpus(GazetteerPools.load(), templates());
  }

  /** {@code count} samples for seed {@code seed}. */
  public List<NameSample> samples(int count, long seed) {
    Random rnd = new Random(seed);
    List<String> positives = templates.stream().filter(t -> t.contains("{") && !onlyPlain(t)).toList();
    List<String> negatives = templates.stream().filter(t -> !t.contains("{") || onlyPlain(t)).toList();
    List<NameSample> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      // one to three sentences on a line, two in five without a name, so names are not always at a line's start
      StringBuilder template = new StringBuilder();
      for (int k = 1 + rnd.nextInt(3); k > 0; k--) {
        template.append(template.length() == 0 ? "" : " ")
            .append(pick(rnd, rnd.nextInt(5) < 2 ? negatives : positives));
      }
      Labelled l = sentence(template.toString(), rnd);
      int shape = rnd.nextInt(20);
      String text = shape < 4 ? l.text().toLowerCase(Locale.ROOT) : shape == 3 ? l.text().toUpperCase(Locale.ROOT)
          : l.text();
      // toLowerCase may change a string's length for a few letters; such a sentence keeps its original case
      out.add(sample(text.length() == l.text().length() ? text : l.text(), l.spans()));
    }
    return out;
  }

  private static boolean onlyPlain(String template) {
    return SLOT.matcher(template).results().allMatch(r -> PLAIN.contains(r.group(1)));
  }

  private static final java.util.Set<String> PLAIN = java.util.Set.of("TERM", "NUM", "N", "ZIP", "YEAR", "DATE",
      "DX", "DRUG", "BRAND", "drug", "brand", "EPONYM", "GERM");

  static NameSample sample(String text, List<Span> chars) {
    NerSequences.Sequence s = NerSequences.of(text).get(0);
    List<Span> names = new ArrayList<>();
    for (Span c : chars) {
      int first = -1;
      int last = -1;
      for (int t = 0; t < s.offsets().length; t++) {
        if (s.offsets()[t].getStart() >= c.getStart() && s.offsets()[t].getEnd() <= c.getEnd()) {
          first = first < 0 ? t : first;
          last = t;
        }
      }
      if (first >= 0) {
        names.add(new Span(first, last + 1, c.getType()));
      }
    }
    return new NameSample(s.tokens(), names.toArray(new Span[0]), true);
  }

  Labelled sentence(String template, Random rnd) {
    // a sixth of the lines carry OCR-like noise in the words around the names (never inside a labelled value)
    boolean noisy = rnd.nextInt(6) == 0;
    StringBuilder text = new StringBuilder();
    List<Span> spans = new ArrayList<>();
    Matcher m = SLOT.matcher(template);
    int last = 0;
    String state = pick(rnd, pools.places)[1];
    while (m.find()) {
      text.append(noisy ? ocrNoise(template.substring(last, m.start()), rnd) : template.substring(last, m.start()));
      String slot = m.group(1);
      String[] v = value(slot, rnd);
      for (int redraw = 0; redraw < 50 && HELD_OUT.holds(v[0]); redraw++) {
        v = value(slot, rnd);
      }
      if (v[1].equals("STATE")) {
        v[0] = state;
        v[1] = "";
      }
      if (slot.equalsIgnoreCase("CITY") || slot.equalsIgnoreCase("PL")) {
        state = v[2];
      }
      int start = text.length();
      text.append(v[0]);
      if (!v[1].isEmpty()) {
        Span prev = spans.isEmpty() ? null : spans.get(spans.size() - 1);
        if (prev != null && prev.getType().equals(v[1]) && text.substring(prev.getEnd(), start).equals(" ")) {
          spans.set(spans.size() - 1, new Span(prev.getStart(), text.length(), v[1]));
        } else {
          spans.add(new Span(start, text.length(), v[1]));
        }
      }
      last = m.end();
    }
    text.append(noisy ? ocrNoise(template.substring(last), rnd) : template.substring(last));
    return new Labelled(text.toString(), spans);
  }

  /** {text, label ("" for plain text, "STATE" for the state of the last place), state of a place}. */
  private String[] value(String slot, Random rnd) {
    // about a third of the names and a quarter of the towns are invented: the model must read context and shape
    String f = rnd.nextInt(3) == 0 ? inventedFirst.next(rnd)
        : rnd.nextBoolean() ? pick(rnd, pools.commonFirst) : pick(rnd, pools.first);
    String l = rnd.nextInt(3) == 0 ? inventedLast.next(rnd) : pick(rnd, pools.surnames);
    if (rnd.nextInt(10) == 0) {
      l = l + "-" + (rnd.nextBoolean() ? inventedLast.next(rnd) : pick(rnd, pools.surnames));
    }
    char mi = (char) ('A' + rnd.nextInt(26));
    String[] place = pick(rnd, pools.places);
    if (rnd.nextInt(4) == 0) {
      place = new String[] {inventedPlaces.next(rnd) + pick(rnd, TOWN_ENDINGS), place[1]};
    }
    return switch (slot) {
      case "F" -> new String[] {f, "PERSON", ""};
      case "L" -> new String[] {l, "PERSON", ""};
      case "M" -> new String[] {String.valueOf(mi), "PERSON", ""};
      case "FL" -> new String[] {f + " " + l, "PERSON", ""};
      case "LF" -> new String[] {l + ", " + f, "PERSON", ""};
      case "LI" -> new String[] {l + ", " + f.charAt(0) + ".", "PERSON", ""};
      case "CAPS" -> new String[] {(l + ", " + f + (rnd.nextBoolean() ? " " + mi : "")).toUpperCase(Locale.ROOT),
          "PERSON", ""};
      case "FML" -> new String[] {f + " " + mi + ". " + l, "PERSON", ""};
      case "LFM" -> new String[] {(l + ", " + f + " " + mi).toUpperCase(Locale.ROOT), "PERSON", ""};
      case "EF" -> new String[] {pick(rnd, pools.wordFirstNames), "PERSON", ""};
      case "ef" -> new String[] {GazetteerPools.lower(pick(rnd, pools.wordFirstNames)), "PERSON", ""};
      case "li" -> new String[] {GazetteerPools.lower(l) + ", " + Character.toLowerCase(f.charAt(0)) + ".",
          "PERSON", ""};
      case "street" -> new String[] {GazetteerPools.lower((rnd.nextBoolean() ? pick(rnd, pools.surnames)
          : place[0].split(" ")[0]) + " " + pick(rnd, pools.streetTypes)), "LOCATION", ""};
      case "P" -> new String[] {person(rnd, f, l, mi), "PERSON", ""};
      case "p" -> new String[] {GazetteerPools.lower(person(rnd, f, l, mi)), "PERSON", ""};
      case "G" -> new String[] {given(rnd, f), "PERSON", ""};
      case "g" -> new String[] {GazetteerPools.lower(given(rnd, f)), "PERSON", ""};
      case "PL" -> new String[] {place(rnd, place), "LOCATION", place[1]};
      case "pl" -> new String[] {GazetteerPools.lower(place(rnd, place)), "LOCATION", place[1]};
      case "S" -> new String[] {street(rnd, l, place), "LOCATION", ""};
      case "s" -> new String[] {GazetteerPools.lower(street(rnd, l, place)), "LOCATION", ""};
      case "O" -> new String[] {facility(rnd, f, l, place), "LOCATION", ""};
      case "o" -> new String[] {GazetteerPools.lower(facility(rnd, f, l, place)), "LOCATION", ""};
      case "DRUG" -> new String[] {pick(rnd, pools.drugs), "", ""};
      case "drug" -> new String[] {GazetteerPools.lower(pick(rnd, pools.drugs)), "", ""};
      case "brand" -> new String[] {GazetteerPools.lower(inventedBrands.next(rnd)), "", ""};
      case "EPONYM" -> new String[] {(rnd.nextBoolean() ? l : pick(rnd, pools.surnames)) + " "
          + pick(rnd, SlotValues.EPONYM_HEADS), "", ""};
      case "GERM" -> new String[] {inventedBrands.next(rnd) + " " + GazetteerPools.lower(inventedBrands.next(rnd))
          + pick(rnd, SlotValues.SPECIES_ENDINGS), "", ""};
      case "BRAND" -> new String[] {inventedBrands.next(rnd), "", ""};
      case "f" -> new String[] {GazetteerPools.lower(f), "PERSON", ""};
      case "l" -> new String[] {GazetteerPools.lower(l), "PERSON", ""};
      case "fl" -> new String[] {GazetteerPools.lower(f + " " + l), "PERSON", ""};
      case "CITY" -> new String[] {place[0], "LOCATION", place[1]};
      case "city" -> new String[] {GazetteerPools.lower(place[0]), "LOCATION", place[1]};
      case "ST" -> new String[] {"", "STATE", ""};
      case "WCITY" -> new String[] {pick(rnd, pools.worldCities), "LOCATION", ""};
      case "COUNTY" -> new String[] {pick(rnd, pools.counties), "LOCATION", ""};
      case "STREET" -> new String[] {(rnd.nextBoolean() ? pick(rnd, pools.surnames) : place[0].split(" ")[0]) + " "
          + pick(rnd, pools.streetTypes) + (rnd.nextInt(4) == 0 ? "." : ""), "LOCATION", ""};
      case "FAC" -> new String[] {String.format(pick(rnd, FACILITY), rnd.nextBoolean() ? place[0]
          : rnd.nextBoolean() ? f : l), "LOCATION", ""};
      case "NUM" -> new String[] {String.valueOf(1 + rnd.nextInt(9999)), "", ""};
      case "N" -> new String[] {String.valueOf(18 + rnd.nextInt(80)), "", ""};
      case "ZIP" -> new String[] {String.format("%05d", 1001 + rnd.nextInt(98000)), "", ""};
      case "YEAR" -> new String[] {String.valueOf(1960 + rnd.nextInt(65)), "", ""};
      case "DATE" -> new String[] {(1 + rnd.nextInt(12)) + "/" + (1 + rnd.nextInt(28)) + "/" + (2015 + rnd.nextInt(10)),
          "", ""};
      case "DX" -> new String[] {pick(rnd, DX), "", ""};
      case "TERM" -> new String[] {GazetteerPools.title(pick(rnd, pools.clinicalTerms)), "", ""};
      default -> throw new IllegalArgumentException("unknown training template slot {" + slot + "}");
    };
  }

  /** Scanning errors: look-alike letters and digits ("rn" for "m", "1" for "l", "0" for "o"), a dropped or doubled space. */
  static String ocrNoise(String s, Random rnd) {
    StringBuilder b = new StringBuilder(s.length() + 4);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (rnd.nextInt(12) != 0) {
        b.append(c);
        continue;
      }
      switch (c) {
        case 'm' -> b.append("rn");
        case 'l' -> b.append('1');
        case 'o' -> b.append('0');
        case 'I' -> b.append('l');
        case 'e' -> b.append('c');
        case 'S' -> b.append('5');
        case ' ' -> b.append(rnd.nextBoolean() ? "  " : i > 0 && i < s.length() - 1 ? "" : " ");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /** A person in one of many written forms: given, family, both, initials, particles, hyphens, diacritics. */
  private String person(Random rnd, String f, String l, char mi) {
    String family = rnd.nextInt(6) == 0 ? pick(rnd, SlotValues.PARTICLES) + " " + l : l;
    family = rnd.nextInt(8) == 0 ? SlotValues.accented(family, rnd) : family;
    String given = rnd.nextInt(8) == 0 ? SlotValues.accented(f, rnd) : rnd.nextInt(6) == 0 ? given(rnd, f) : f;
    return switch (rnd.nextInt(10)) {
      case 0 -> given;
      case 1 -> family;
      case 2 -> family + ", " + given;
      case 3 -> family + ", " + given.charAt(0) + ".";
      case 4 -> given + " " + mi + ". " + family;
      case 5 -> given + " " + mi + " " + family;
      case 6 -> (family + ", " + given + " " + mi).toUpperCase(Locale.ROOT);
      default -> given + " " + family;
    };
  }

  /** A given name: a listed one, an invented one, or a listed given name that is an English word. */
  private String given(Random rnd, String f) {
    return rnd.nextInt(4) == 0 ? pick(rnd, pools.wordFirstNames) : f;
  }

  /** A place: a listed US town, an invented town, a county, or a world city. */
  private String place(Random rnd, String[] town) {
    return switch (rnd.nextInt(8)) {
      case 0 -> pick(rnd, pools.counties);
      case 1 -> pick(rnd, pools.worldCities);
      case 2, 3 -> inventedPlaces.next(rnd) + pick(rnd, TOWN_ENDINGS);
      default -> town[0];
    };
  }

  /** A street named by one or two words and a type, full or abbreviated, without a house number. */
  private String street(Random rnd, String l, String[] town) {
    String name = switch (rnd.nextInt(4)) {
      case 0 -> l;
      case 1 -> town[0].split(" ")[0];
      case 2 -> inventedPlaces.next(rnd);
      default -> inventedPlaces.next(rnd) + " " + GazetteerPools.title(pick(rnd, SlotValues.STREET_WORDS));
    };
    return name + " " + pick(rnd, pools.streetTypes) + (rnd.nextInt(6) == 0 ? "." : "");
  }

  /** A facility: a town or person name and one of many facility forms. */
  private String facility(Random rnd, String f, String l, String[] town) {
    String head = rnd.nextInt(3) == 0 ? inventedPlaces.next(rnd) : rnd.nextBoolean() ? town[0] : l;
    return String.format(pick(rnd, SlotValues.FACILITIES), head);
  }

  private static List<String> templates() {
    try (InputStream in = NerTrainingCorpus.class.getResourceAsStream("/deid/ner/training-templates.txt")) {
      if (in == null) {
        throw new IllegalStateException("NER training templates missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the NER training templates", e);
    }
  }

  private static <T> T pick(Random rnd, List<T> from) {
    return from.get(rnd.nextInt(from.size()));
  }
}
