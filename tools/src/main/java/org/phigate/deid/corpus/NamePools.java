package org.phigate.deid.corpus;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.phigate.deid.gazetteer.DatafakerNames;
import org.phigate.gazetteer.Lexicon;

/**
 * Names for the development corpus. Half come from the detection dictionaries ("in-dictionary"); half are held out:
 * datafaker locales the detector does not load (Dutch, French, Brazilian Portuguese, Vietnamese, Turkish, Finnish,
 * Nigerian English, Hungarian) plus a hand-written list of rare, hyphenated, multi-part and non-English names, with
 * every name the detection dictionaries or English word list hold removed, so recall on them measures cues, not lists.
 * The in-dictionary half draws from {@link DatafakerNames#DETECTION_LOCALES} only; the held-out locales must never be added
 * to {@link DatafakerNames#MORE_DETECTION_LOCALES} (nor fr-CA, fr-CH or pt, which repeat fr and pt-BR names).
 */
public final class NamePools {
  private static final List<String> HELD_OUT_LOCALES = List.of("nl.yml", "fr.yml", "pt-BR.yml", "vi.yml", "tr.yml",
      "fi-FI.yml", "en-NG.yml", "hu.yml");
  private static final NamePools INSTANCE = new NamePools();

  final List<String> dictFirst = new ArrayList<>();
  final List<String> dictLast = new ArrayList<>();
  final List<String> heldFirst = new ArrayList<>();
  final List<String> heldLast = new ArrayList<>();
  final List<String> particles = new ArrayList<>();

  private NamePools() {
    Lexicon lx = Lexicon.get();
    for (String locale : DatafakerNames.DETECTION_LOCALES) {
      Map<String, List<String>> lists = DatafakerNames.namesOf(locale);
      for (String k : List.of("first_name", "male_first_name", "female_first_name")) {
        lists.getOrDefault(k, List.of()).stream().filter(NamePools::latin).forEach(dictFirst::add);
      }
      lists.getOrDefault("last_name", List.of()).stream().filter(NamePools::latin).forEach(dictLast::add);
    }
    Set<String> known = lx.allNames();
    for (String locale : HELD_OUT_LOCALES) {
      Map<String, List<String>> lists = DatafakerNames.namesOf(locale);
      for (String k : List.of("first_name", "male_first_name", "female_first_name")) {
        lists.getOrDefault(k, List.of()).stream().filter(n -> heldOut(n, known, lx)).forEach(heldFirst::add);
      }
      lists.getOrDefault("last_name", List.of()).stream().filter(n -> heldOut(n, known, lx)).forEach(heldLast::add);
    }
    readHandList(known, lx);
  }

  public static NamePools get() {
    return INSTANCE;
  }

  /** The held-out given and family names (no detection or English list holds them), for held-out evaluations. */
  public List<String> heldOutNames() {
    List<String> all = new ArrayList<>(heldFirst);
    all.addAll(heldLast);
    return List.copyOf(all);
  }

  /** True when no detection dictionary and no English word list holds any part of {@code name}. */
  static boolean heldOut(String name, Set<String> known, Lexicon lx) {
    if (!latin(name)) {
      return false;
    }
    for (String part : name.split("[ -]")) {
      String p = part.toLowerCase(java.util.Locale.ROOT);
      if (known.contains(p) || lx.isEnglishWord(p) || lx.isClinicalTerm(p) || part.length() < 2) {
        return false;
      }
    }
    return true;
  }

  private static boolean latin(String name) {
    return name.matches("[\\p{IsLatin}' -]+") && Character.isUpperCase(name.charAt(0));
  }

  private void readHandList(Set<String> known, Lexicon lx) {
    try (InputStream in = NamePools.class.getResourceAsStream("/deid/corpus/held-out-names.txt")) {
      if (in == null) {
        throw new IllegalStateException("held-out name list missing from the classpath");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.startsWith("first:")) {
          add(heldFirst, line.substring(6).strip().split("\\s+"), known, lx);
        } else if (line.startsWith("last:")) {
          add(heldLast, line.substring(5).strip().split("\\s+"), known, lx);
        } else if (line.startsWith("multi:")) {
          particles.addAll(List.of(line.substring(6).strip().split("\\|")));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the held-out name list", e);
    }
  }

  private static void add(List<String> to, String[] names, Set<String> known, Lexicon lx) {
    for (String n : names) {
      if (heldOut(n, known, lx)) {
        to.add(n);
      }
    }
  }

  /** A person: given name, optional middle initial, family name; {@code heldOut} says where the name came from. */
  public record Person(String first, String middle, String last, boolean heldOut) {
    public String full() {
      return first + " " + last;
    }
  }

  /** A random person: half held-out; some hyphenated or multi-part family names. */
  public Person person(Random rnd) {
    boolean held = rnd.nextBoolean();
    String first = pick(rnd, held ? heldFirst : dictFirst);
    String last = pick(rnd, held ? heldLast : dictLast);
    int shape = rnd.nextInt(10);
    if (shape == 0) {
      last = last + "-" + pick(rnd, held ? heldLast : dictLast);
    } else if (shape == 1 && held && !particles.isEmpty()) {
      String multi = pick(rnd, particles);
      last = multi;
    }
    String middle = rnd.nextInt(4) == 0 ? String.valueOf((char) ('A' + rnd.nextInt(26))) : null;
    return new Person(first, middle, last, held);
  }

  static String pick(Random rnd, List<String> from) {
    return from.get(rnd.nextInt(from.size()));
  }
}
