package org.phigate.deid.detect;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.phigate.deid.dates.DateText;
import org.phigate.deid.policy.Action;
import org.phigate.schema.PhiCategory;
import org.phigate.schema.StructuredField;
import org.phigate.security.Pseudonymizer;

/**
 * Identifiers a record already declares in its structured fields, expanded into the renderings they take in free
 * text: name parts and "Last, First" forms, address parts, digit-only and separated forms of numbers, and the common
 * renderings of dates. Built once per record; immutable. Identifiers remembered from the patient's earlier events
 * (the deid role's known-identifier store) join with source path {@value #REMEMBERED_SOURCE}.
 */
public final class KnownIdentifiers {
  /** Source path of remembered identifiers: their findings carry detector {@code known:vault}. */
  public static final String REMEMBERED_SOURCE = "vault";
  /** Scripts written without spaces between words: a value whose edge is in one of them needs no boundary there. */
  private static final String UNSPACED = "\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}\\p{IsThai}\\p{IsLao}"
      + "\\p{IsKhmer}\\p{IsMyanmar}";
  /** A character that continues a word of a spaced script: a letter or digit not of an {@link #UNSPACED} script. */
  private static final String WORD = "[\\p{L}\\p{N}&&[^" + UNSPACED + "]]";
  /** Letters and digits an identifier-like value may be at least as long as to end before a letter. */
  private static final int IDENTIFIER_LIKE = 5;
  private static final Pattern ZIP = Pattern.compile("(?<!\\d)\\d{5}(?:-\\d{4})?(?!\\d)");
  private static final Pattern STATE_ZIP = Pattern.compile("[A-Za-z]{2}\\s+\\d{5}(?:-\\d{4})?");
  private static final Set<PhiCategory> NUMBERED = Set.of(PhiCategory.PHONE, PhiCategory.FAX, PhiCategory.SSN,
      PhiCategory.MRN, PhiCategory.HEALTH_PLAN_ID, PhiCategory.ACCOUNT, PhiCategory.LICENSE, PhiCategory.VEHICLE_ID,
      PhiCategory.DEVICE_ID, PhiCategory.OTHER_ID);

  /**
   * One structured value, the patterns that find it again in text, their
   * {@link KnownIdentifierDetector#needlesFor needles}, and the strictest rule action of the fields that declare it
   * (null: none), which its findings carry to redaction.
   */
  public record KnownValue(PhiCategory category, String sourcePath, List<Pattern> patterns, List<String> needles,
                           String action) {
    public KnownValue {
      patterns = List.copyOf(patterns);
      needles = List.copyOf(needles);
    }
  }

  /** A value's compiled patterns and needles, cached together. */
  private record Forms(List<Pattern> patterns, List<String> needles) {}

  /**
   * Compiled patterns per value: a patient's identifiers recur in every later event (remembered ones up to
   * deid.known.store.max.values): compile once, not per event. Bounded; patterns are immutable.
   */
  private static final Cache<CacheKey, Forms> FORMS = Caffeine.newBuilder().maximumSize(20_000).build();

  private record CacheKey(PhiCategory category, String value) {}

  private static final KnownIdentifiers NONE = new KnownIdentifiers(List.of());
  private final List<KnownValue> values;

  private KnownIdentifiers(List<KnownValue> values) {
    this.values = List.copyOf(values);
  }

  public static KnownIdentifiers none() {
    return NONE;
  }

  public static KnownIdentifiers from(List<StructuredField> fields) {
    return from(fields, List.of());
  }

  /**
   * The record's own fields plus identifiers remembered from the same patient's earlier events; a remembered value
   * the record itself declares again (same category, same normalized value) is left to the record's field.
   */
  public static KnownIdentifiers from(List<StructuredField> fields, List<StructuredField> remembered) {
    // the same identifier under several fields (or remembered with another rule): the strictest action of them all
    Map<String, String> actions = new HashMap<>();
    for (List<StructuredField> list : List.of(fields, remembered)) {
      for (StructuredField f : list) {
        if (f.getValue() != null && !f.getValue().isBlank()) {
          String identity = identity(f);
          actions.put(identity, Action.stricterName(actions.get(identity), f.getAction()));
        }
      }
    }
    List<KnownValue> out = new ArrayList<>();
    Set<String> own = new HashSet<>();
    for (StructuredField f : fields) {
      if (f.getValue() == null || f.getValue().isBlank()) {
        continue;
      }
      // a bundle repeats the patient's name, address, dates and hospital in many resources: scan for each
      // identifier once, its findings naming the first field that declared it
      String identity = identity(f);
      if (own.add(identity)) {
        add(out, f.getCategory(), f.getPath(), f.getValue(), actions.get(identity));
      }
    }
    for (StructuredField f : remembered) {
      if (f.getValue() != null && !f.getValue().isBlank() && own.add(identity(f))) {
        add(out, f.getCategory(), REMEMBERED_SOURCE, f.getValue(), actions.get(identity(f)));
      }
    }
    return new KnownIdentifiers(out);
  }


  /** Category and normalized value: two fields with the same identity are the same identifier. */
  public static String identity(StructuredField f) {
    return f.getCategory() + "|" + Pseudonymizer.normalize(f.getValue());
  }

  private static void add(List<KnownValue> out, PhiCategory category, String source, String value, String action) {
    Forms forms = FORMS.get(new CacheKey(category, value), k -> new Forms(List.copyOf(patternsFor(category, value)),
        KnownIdentifierDetector.needlesFor(category, value)));
    if (!forms.patterns().isEmpty()) {
      out.add(new KnownValue(category, source, forms.patterns(), forms.needles(), action));
    }
  }

  public List<KnownValue> values() {
    return values;
  }

  static List<Pattern> patternsFor(PhiCategory category, String value) {
    List<Pattern> out = new ArrayList<>(formsFor(category, value));
    // the whole value as written, HL7 components joined by spaces: organization names, composite names and
    // addresses appear this way in narratives and unparsed segments
    String whole = value.replaceAll("[\\^&~]+", " ").strip();
    if (whole.length() >= 4) {
      for (Pattern literal : literals(List.of(whole))) {
        if (out.stream().noneMatch(p -> p.pattern().equals(literal.pattern()))) {
          out.add(literal);
        }
      }
    }
    return out;
  }

  private static List<Pattern> formsFor(PhiCategory category, String value) {
    return switch (category) {
      case NAME -> namePatterns(NameParts.parse(value));
      case GEO -> literals(addressParts(value));
      case DATE -> DateText.parse(value)
          .map(p -> p.hasYear() && p.hasDay() ? literals(DateText.renderings(p.date())) : literals(List.of(value)))
          .orElseGet(() -> literals(List.of(value)));
      default -> NUMBERED.contains(category) ? numberPatterns(category, value) : literals(List.of(value));
    };
  }

  private static List<Pattern> namePatterns(NameParts name) {
    List<String> parts = name.parts();
    if (parts.isEmpty()) {
      return List.of();
    }
    List<Pattern> out = new ArrayList<>();
    String family = words(name.family());
    if (!name.given().isEmpty() && !name.family().isEmpty()) {
      String first = ci(name.given().get(0));
      String middle = "(?:\\s+(?:" + name.given().stream().skip(1).map(KnownIdentifiers::ci)
          .map(s -> s + "|").collect(Collectors.joining()) + "(?-i:\\p{Lu})\\.?)){0,2}";
      out.add(Pattern.compile(left(name.given().get(0)) + first + middle + "\\s+" + family + right(name.family())));
      out.add(Pattern.compile(left(name.family()) + family + "\\s*,\\s*" + first + middle + "(?!" + WORD + ")"));
    }
    for (String part : parts) {
      out.add(Pattern.compile(left(part) + ci(part) + right(part)));
    }
    return out;
  }

  private static String words(String s) {
    return List.of(s.split(" ")).stream().map(KnownIdentifiers::ci).collect(Collectors.joining("\\s+"));
  }

  private static String ci(String literal) {
    return "(?iu:" + Pattern.quote(literal) + ")";
  }

  static List<String> addressParts(String value) {
    Set<String> out = new LinkedHashSet<>();
    Matcher zip = ZIP.matcher(value);
    while (zip.find()) {
      out.add(zip.group());
    }
    String[] parts;
    if (value.contains("^")) {
      String[] c = value.split("\\^", -1);
      List<String> picked = new ArrayList<>();
      for (int i : new int[] {0, 1, 2, 8}) {
        if (i < c.length) {
          picked.add(c[i]);
        }
      }
      parts = picked.toArray(String[]::new);
    } else {
      out.add(value);
      parts = value.split("[,\\n]");
    }
    for (String part : parts) {
      String p = part.strip();
      if (p.length() >= 2 && !STATE_ZIP.matcher(p).matches() && !p.matches("[A-Za-z]{2}|\\d{5}(-\\d{4})?")
          && !p.equalsIgnoreCase("USA") && !p.equalsIgnoreCase("US")) {
        out.add(p);
      }
    }
    return new ArrayList<>(out);
  }

  private static List<Pattern> numberPatterns(PhiCategory category, String value) {
    String first = value.split("\\^", -1)[0].strip();
    String compact = first.replaceAll("[^\\p{Alnum}]", "");
    if ((category == PhiCategory.PHONE || category == PhiCategory.FAX) && compact.length() == 11
        && compact.startsWith("1")) {
      compact = compact.substring(1);
    }
    List<Pattern> out = new ArrayList<>(literals(first.equals(value.strip()) ? List.of(value) : List.of(value, first)));
    if (compact.length() >= 4) {
      String flexible = compact.chars().mapToObj(c -> Pattern.quote(String.valueOf((char) c)))
          .collect(Collectors.joining("[\\s.()/-]{0,2}"));
      String prefix = category == PhiCategory.PHONE || category == PhiCategory.FAX ? "(?:\\+?1[\\s.-]{0,2})?\\(?" : "";
      String end = Character.isDigit(compact.charAt(compact.length() - 1)) && compact.length() >= IDENTIFIER_LIKE
          ? "(?![0-9])" : "(?![\\p{Alnum}])";
      out.add(Pattern.compile("(?<![\\p{Alnum}])" + prefix + "(?i:" + flexible + ")" + end));
    }
    return out;
  }

  private static List<Pattern> literals(List<String> variants) {
    List<Pattern> out = new ArrayList<>();
    for (String v : variants) {
      String s = v.strip();
      if (s.length() < 2) {
        continue;
      }
      String body = List.of(s.split("\\s+")).stream().map(Pattern::quote).collect(Collectors.joining("\\s+"));
      out.add(Pattern.compile(left(s) + "(?iu:" + body + ")" + right(s)));
    }
    return out;
  }

  /**
   * What may not precede a value: a letter or digit that continues a word, unless the value starts in a script
   * written without spaces (Han, kana, Thai...), where words run together and a change of script is a boundary too.
   */
  static String left(String value) {
    String v = value.strip();
    return v.isEmpty() || unspaced(v.codePointAt(0)) ? "" : "(?<!" + WORD + ")";
  }

  /**
   * What may not follow a value: as {@link #left}, except that an identifier-like value (ending in a digit, at least
   * {@value #IDENTIFIER_LIKE} letters and digits) ends before a letter: ids run into the next word in generated
   * narratives ("...88336undefined"); only a further digit would make it another number.
   */
  static String right(String value) {
    String v = value.strip();
    if (v.isEmpty()) {
      return "";
    }
    int last = v.codePointBefore(v.length());
    if (unspaced(last)) {
      return "";
    }
    if (Character.isDigit(last) && v.codePoints().filter(Character::isLetterOrDigit).count() >= IDENTIFIER_LIKE) {
      return "(?!\\p{N})";
    }
    return "(?!" + WORD + ")";
  }

  private static boolean unspaced(int codePoint) {
    Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
    return switch (script) {
      case HAN, HIRAGANA, KATAKANA, THAI, LAO, KHMER, MYANMAR -> true;
      default -> false;
    };
  }
}
