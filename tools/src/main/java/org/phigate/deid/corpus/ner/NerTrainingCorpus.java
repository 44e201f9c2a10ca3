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
 * samples tokenized exactly as at run time ({@link NerSequences}). A sixth of the sentences are typed in lower case
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

  private final GazetteerPools pools;
  private final List<String> templates;
  private final InventedNames inventedFirst;
  private final InventedNames inventedLast;
  private final InventedNames inventedPlaces;
  private final InventedNames inventedBrands;

  private NerTrainingCorpus(GazetteerPools pools, List<String> templates) {
    this.pools = pools;
    this.templates = templates;
    org.phigate.gazetteer.Lexicon lexicon = org.phigate.gazetteer.Lexicon.get();
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
      String text = shape < 3 ? l.text().toLowerCase(Locale.ROOT) : shape == 3 ? l.text().toUpperCase(Locale.ROOT)
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
      "DX", "DRUG", "BRAND");

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
    StringBuilder text = new StringBuilder();
    List<Span> spans = new ArrayList<>();
    Matcher m = SLOT.matcher(template);
    int last = 0;
    String state = pick(rnd, pools.places)[1];
    while (m.find()) {
      text.append(template, last, m.start());
      String slot = m.group(1);
      String[] v = value(slot, rnd);
      if (v[1].equals("STATE")) {
        v[0] = state;
        v[1] = "";
      }
      if (slot.equals("CITY") || slot.equals("city")) {
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
    text.append(template.substring(last));
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
      case "DRUG" -> new String[] {pick(rnd, pools.drugs), "", ""};
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
