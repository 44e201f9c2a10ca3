package org.phigate.deid.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.phigate.schema.PhiCategory;
import org.phigate.schema.PhiFinding;

/**
 * A pattern with a validator: every match whose {@code phi} group (or whole match when there is none) passes the
 * validator becomes a finding of one category. The rules are data ({@link #group}): the {@code rules} of
 * {@code deid/patterns/recognizers.json}, each with a named validator, named start tests and an optional prefilter.
 */
public final class RegexDetector implements Detector {
  private final String name;
  private final PhiCategory category;
  private final Pattern pattern;
  private final double confidence;
  private final Predicate<String> validator;
  private final boolean hasPhiGroup;
  /** Where matches can start; null: anywhere (the pattern runs at every position). */
  private final MatchStarts starts;
  /** A cheap scan that must find something in a text before the pattern runs there; null: none. */
  private final Pattern prefilter;

  private RegexDetector(String name, PhiCategory category, Pattern pattern, double confidence,
      Predicate<String> validator, MatchStarts starts, Pattern prefilter) {
    this.name = name;
    this.category = category;
    this.pattern = pattern;
    this.confidence = confidence;
    this.validator = validator;
    this.hasPhiGroup = pattern.pattern().contains("(?<phi>");
    this.starts = starts;
    this.prefilter = prefilter;
  }

  /** The finding's detector name. */
  public String name() {
    return name;
  }

  @Override
  public List<PhiFinding> find(String path, String text, KnownIdentifiers known) {
    List<PhiFinding> out = new ArrayList<>();
    if (prefilter != null && !prefilter.matcher(text).find()) {
      return out;
    }
    Matcher m = pattern.matcher(text);
    int from = 0;
    while (from <= text.length() && (starts == null ? m.find(from) : starts.find(m, text, from))) {
      int start = hasPhiGroup ? m.start("phi") : m.start();
      int end = hasPhiGroup ? m.end("phi") : m.end();
      if (start >= 0 && end > start && validator.test(text.substring(start, end))) {
        out.add(Findings.span(category, path, start, end, name, confidence));
        from = Math.max(m.end(), m.start() + 1);
      } else {
        // a rejected match may hide a valid one that starts inside it ("Insurance: member XJH44...")
        from = m.start() + 1;
      }
    }
    return out;
  }

  /** The data rules of one group, in file order. */
  static List<RegexDetector> group(String group) {
    return RuleData.RULES.getOrDefault(group, List.of());
  }

  /** One data rule group as a detector. */
  static Detector groupDetector(String group) {
    return Detector.all(group(group));
  }

  /** The parsed {@link PatternRecognizers#RESOURCE}, read once for its rules and its recognizers. */
  static com.fasterxml.jackson.databind.JsonNode ruleData() {
    return RuleData.ROOT;
  }

  /** A {@code defines} entry of the rule data, expanded. */
  static String define(String name) {
    return RuleData.DEFINES.get(name);
  }

  /** The data rules named {@code name} (of any group) as one detector. */
  static Detector named(String name) {
    return Detector.all(RuleData.RULES.values().stream().flatMap(List::stream).filter(r -> r.name.equals(name)).toList());
  }

  /**
   * Reads the {@code rules} of {@link PatternRecognizers#RESOURCE}: {@code ${NAME}} in a regex or start word list is
   * a {@code defines} entry, {@code ${list:LIST}} a list of {@code deid/detect-words.txt} ({@link DetectWords#expand});
   * a regex given as an array is its parts joined.
   */
  private static final class RuleData {
    static final com.fasterxml.jackson.databind.JsonNode ROOT = root();
    static final java.util.Map<String, String> DEFINES = defines();
    static final java.util.Map<String, List<RegexDetector>> RULES = rules();

    private static com.fasterxml.jackson.databind.JsonNode root() {
      try (java.io.InputStream in = RegexDetector.class.getResourceAsStream(PatternRecognizers.RESOURCE)) {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(in);
      } catch (java.io.IOException | IllegalArgumentException e) {
        throw new IllegalStateException("cannot read the pattern rules of " + PatternRecognizers.RESOURCE, e);
      }
    }

    private static java.util.Map<String, String> defines() {
      java.util.Map<String, String> defines = new java.util.HashMap<>();
      // the month names are DateText's; in lower case without "may", the verb (a lower-case "may" date needs its year)
      String months = org.phigate.deid.dates.DateText.MONTH_NAMES;
      defines.put("MONTH_NAMES", months);
      defines.put("MONTHS", "(?:" + months + "|" + months.toUpperCase(java.util.Locale.ROOT) + "|"
          + months.toLowerCase(java.util.Locale.ROOT).replace("|may|", "|") + ")");
      ROOT.path("defines").fields().forEachRemaining(e -> defines.put(e.getKey(), expand(text(e.getValue()), defines)));
      return java.util.Collections.unmodifiableMap(defines);
    }

    private static java.util.Map<String, List<RegexDetector>> rules() {
      java.util.Map<String, List<RegexDetector>> out = new java.util.LinkedHashMap<>();
      for (com.fasterxml.jackson.databind.JsonNode r : ROOT.path("rules")) {
        String validate = r.path("validate").asText("");
        Predicate<String> validator = validate.isEmpty() ? s -> true : RuleChecks.VALIDATORS.get(validate);
        if (validator == null) {
          throw new IllegalStateException("rule " + r.path("name").asText() + ": unknown validator " + validate);
        }
        com.fasterxml.jackson.databind.JsonNode pre = r.path("prefilter");
        out.computeIfAbsent(r.path("group").asText(), g -> new ArrayList<>()).add(new RegexDetector(
            r.path("name").asText(), PhiCategory.valueOf(r.path("category").asText()),
            Pattern.compile(expand(text(r.path("regex")), DEFINES)), r.path("score").asDouble(), validator,
            starts(r.path("starts"), DEFINES), pre.isMissingNode() ? null : Pattern.compile(expand(text(pre), DEFINES))));
      }
      out.replaceAll((g, rules) -> List.copyOf(rules));
      return java.util.Collections.unmodifiableMap(out);
    }

    private static String text(com.fasterxml.jackson.databind.JsonNode n) {
      StringBuilder sb = new StringBuilder();
      if (n.isArray()) {
        n.forEach(part -> sb.append(part.asText()));
        return sb.toString();
      }
      return n.asText();
    }

    private static String expand(String s, java.util.Map<String, String> defines) {
      return DetectWords.expand(s, defines, "pattern rules");
    }

    /** A {@link MatchStarts} from its JSON form: one base ("prefixes", "of", "digits", "words", "capitalized"), then modifiers. */
    private static MatchStarts starts(com.fasterxml.jackson.databind.JsonNode s, java.util.Map<String, String> defines) {
      if (s.isMissingNode()) {
        return null;
      }
      MatchStarts ms;
      if (s.has("prefixes")) {
        String alts = expand(s.path("prefixes").asText(), defines);
        alts = s.has("heads") ? MatchStarts.heads(alts, s.path("heads").asInt()) : alts;
        ms = s.has("prefixesNotAfter") ? MatchStarts.prefixes(alts, s.path("prefixesNotAfter").asText())
            : MatchStarts.prefixes(alts);
      } else if (s.has("digits")) {
        com.fasterxml.jackson.databind.JsonNode d = s.path("digits");
        ms = MatchStarts.digits(d.get(0).asInt(), d.get(1).isNull() ? Integer.MAX_VALUE : d.get(1).asInt(), d.get(2).asText());
      } else if (s.has("words")) {
        ms = MatchStarts.words(s.path("words").asText());
      } else if (s.path("capitalized").asBoolean()) {
        ms = MatchStarts.capitalized();
      } else {
        ms = MatchStarts.of(s.path("of").asText());
      }
      ms = s.path("orUpper").asBoolean() ? ms.orUpper() : ms;
      ms = s.has("notAfter") ? ms.notAfter(s.path("notAfter").asText()) : ms;
      ms = s.has("near") ? ms.near(expand(s.path("near").asText(), defines)) : ms;
      ms = s.has("requires") ? ms.requires(s.path("requires").asText()) : ms;
      if (s.has("where")) {
        MatchStarts.StartTest test = RuleChecks.START_TESTS.get(s.path("where").asText());
        if (test == null) {
          throw new IllegalStateException("pattern rules: unknown start test " + s.path("where").asText());
        }
        ms = ms.where(test);
      }
      return ms;
    }
  }
}
