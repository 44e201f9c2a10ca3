package org.phigate.deid.detect;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.phigate.deid.dates.DateText;
import org.phigate.schema.PhiCategory;
import org.phigate.schema.PhiFinding;

/**
 * Pattern recognizers as data ({@link #RESOURCE}), one generic {@link Detector} for all of them, like Presidio's
 * YAML recognizers: each has regular expressions with a base score, context words among the few words before a match
 * that raise it, words right after that veto it, cue words that choose the category (the nearest wins), and a named
 * validator. A match whose score reaches the file's threshold is a finding {@code pattern:<name>}.
 */
public final class PatternRecognizers implements Detector {
  /** The shipped recognizers on the classpath. */
  public static final String RESOURCE = "/deid/patterns/recognizers.json";
  private static final PatternRecognizers SHIPPED = of(RegexDetector.ruleData());

  private final List<Spec> specs;
  private final double threshold;

  private PatternRecognizers(List<Spec> specs, double threshold) {
    this.specs = List.copyOf(specs);
    this.threshold = threshold;
  }

  /** The recognizers PHIGate ships. */
  public static PatternRecognizers shipped() {
    return SHIPPED;
  }

  /** @throws IllegalStateException when the data names an unknown category or validator */
  static PatternRecognizers of(JsonNode root) {
    List<Spec> specs = new ArrayList<>();
    for (JsonNode r : root.path("recognizers")) {
      specs.add(Spec.of(r));
    }
    return new PatternRecognizers(specs, root.path("threshold").asDouble(0.5));
  }

  /** The recognizers' names, in file order. */
  public List<String> names() {
    return specs.stream().map(Spec::name).toList();
  }

  @Override
  public List<PhiFinding> find(String path, String text, KnownIdentifiers known) {
    List<PhiFinding> out = new ArrayList<>();
    for (Spec spec : specs) {
      for (Rule rule : spec.rules()) {
        Matcher m = rule.regex().matcher(text);
        while (m.find()) {
          int start = rule.phiGroup() ? m.start("phi") : m.start();
          int end = rule.phiGroup() ? m.end("phi") : m.end();
          if (!spec.valid(m, text.substring(start, end))) {
            continue;
          }
          String before = wordsBefore(text, m.start(), Math.max(spec.contextWindow(), spec.categoryWindow()));
          double score = rule.score();
          if (spec.context() != null && spec.context().in(lastWords(before, spec.contextWindow()))) {
            score += spec.contextBoost();
          }
          if (score < threshold || spec.vetoAfter() != null
              && spec.vetoAfter().in(wordsAfter(text, m.end(), spec.vetoWindow()))) {
            continue;
          }
          PhiCategory category = spec.categoryAfter(lastWords(before, spec.categoryWindow()));
          out.add(Findings.span(category, path, start, end, "pattern:" + spec.name(), Math.min(1.0, score)));
        }
      }
    }
    return out;
  }

  /** Up to {@code words} whitespace-separated words before {@code at}, on the same line, lower case. */
  static String wordsBefore(String text, int at, int words) {
    int i = at;
    int seen = 0;
    while (i > 0 && seen < words) {
      while (i > 0 && text.charAt(i - 1) != '\n' && Character.isWhitespace(text.charAt(i - 1))) {
        i--;
      }
      if (i == 0 || text.charAt(i - 1) == '\n') {
        break;
      }
      while (i > 0 && !Character.isWhitespace(text.charAt(i - 1))) {
        i--;
      }
      seen++;
    }
    return text.substring(i, at).toLowerCase(Locale.ROOT);
  }

  private static String lastWords(String before, int words) {
    return wordsBefore(before, before.length(), words);
  }

  /** Up to {@code words} words after {@code at}, on the same line, lower case. */
  static String wordsAfter(String text, int at, int words) {
    int i = at;
    int seen = 0;
    while (i < text.length() && seen < words) {
      while (i < text.length() && text.charAt(i) != '\n' && Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      if (i == text.length() || text.charAt(i) == '\n') {
        break;
      }
      while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      seen++;
    }
    return text.substring(at, i).toLowerCase(Locale.ROOT);
  }

  /** One regular expression of a recognizer and its base score. */
  record Rule(String name, Pattern regex, double score, boolean phiGroup) {}

  /** Cue words or phrases, matched as whole words (case-insensitive; the text is lower-cased first). */
  record Cues(Pattern pattern) {
    static Cues of(JsonNode words) {
      List<String> quoted = new ArrayList<>();
      words.forEach(w -> quoted.add(Pattern.quote(w.asText().toLowerCase(Locale.ROOT))));
      return new Cues(Pattern.compile("(?<![\\p{L}\\p{N}])(?:" + String.join("|", quoted) + ")(?![\\p{L}\\p{N}])"));
    }

    boolean in(String lower) {
      return pattern.matcher(lower).find();
    }

    int lastAt(String lower) {
      Matcher m = pattern.matcher(lower);
      int last = -1;
      while (m.find()) {
        last = m.start();
      }
      return last;
    }
  }

  /** One recognizer as the file declares it. */
  record Spec(String name, PhiCategory category, List<Rule> rules, String validator, Cues context,
              int contextWindow, double contextBoost, Cues vetoAfter, int vetoWindow,
              Map<PhiCategory, Cues> categoryCues, int categoryWindow) {
    private static final Set<String> VALIDATORS = Set.of("", "nanp", "date");

    static Spec of(JsonNode r) {
      String name = r.path("name").asText();
      PhiCategory category = PhiCategory.valueOf(r.path("category").asText());
      List<Rule> rules = new ArrayList<>();
      for (JsonNode p : r.path("patterns")) {
        String regex = p.path("regex").asText();
        rules.add(new Rule(p.path("name").asText(), Pattern.compile(regex), p.path("score").asDouble(),
            regex.contains("(?<phi>")));
      }
      String validator = r.path("validate").asText("");
      if (!VALIDATORS.contains(validator)) {
        throw new IllegalStateException("pattern recognizer " + name + ": unknown validator '" + validator + "'");
      }
      JsonNode ctx = r.path("context");
      JsonNode veto = r.path("vetoAfter");
      JsonNode byCtx = r.path("categoryByContext");
      Map<PhiCategory, Cues> cues = new LinkedHashMap<>();
      byCtx.path("cues").fields().forEachRemaining(e -> cues.put(PhiCategory.valueOf(e.getKey()), Cues.of(e.getValue())));
      return new Spec(name, category, rules, validator, ctx.isMissingNode() ? null : Cues.of(ctx.path("words")),
          ctx.path("window").asInt(0), ctx.path("boost").asDouble(0), veto.isMissingNode() ? null
          : Cues.of(veto.path("words")), veto.path("window").asInt(1), cues, byCtx.path("window").asInt(0));
    }

    /** The category whose cue stands nearest before the match; the declared one when no cue does. */
    PhiCategory categoryAfter(String before) {
      PhiCategory best = category;
      int bestAt = -1;
      for (Map.Entry<PhiCategory, Cues> e : categoryCues.entrySet()) {
        int at = e.getValue().lastAt(before);
        if (at > bestAt) {
          best = e.getKey();
          bestAt = at;
        }
      }
      return best;
    }

    boolean valid(Matcher m, String phi) {
      return switch (validator) {
        case "nanp" -> nanp(m.group("number"));
        // DateText reads a bare month and day with a slash only ("3/14"); "3-14" is the same date
        case "date" -> DateText.parse(phi).isPresent() || DateText.parse(phi.replace('-', '/')).isPresent();
        default -> true;
      };
    }

    /** Area code and exchange start 2-9 (a 7-digit local number: the exchange). */
    private static boolean nanp(String number) {
      String digits = number.replaceAll("\\D", "");
      if (digits.length() == 11) {
        digits = digits.substring(1);
      }
      return digits.length() == 7 ? digits.charAt(0) >= '2'
          : digits.length() == 10 && digits.charAt(0) >= '2' && digits.charAt(3) >= '2';
    }
  }
}
