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
 * validator becomes a finding of one category.
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

  public RegexDetector(String name, PhiCategory category, Pattern pattern, double confidence,
      Predicate<String> validator) {
    this(name, category, pattern, confidence, validator, null);
  }

  private RegexDetector(String name, PhiCategory category, Pattern pattern, double confidence,
      Predicate<String> validator, MatchStarts starts) {
    this.name = name;
    this.category = category;
    this.pattern = pattern;
    this.confidence = confidence;
    this.validator = validator;
    this.hasPhiGroup = pattern.pattern().contains("(?<phi>");
    this.starts = starts;
  }

  public RegexDetector(String name, PhiCategory category, Pattern pattern, double confidence) {
    this(name, category, pattern, confidence, s -> true);
  }

  public String name() {
    return name;
  }

  /** The same detector, trying its pattern only where {@code starts} says a match can begin. */
  RegexDetector starting(MatchStarts starts) {
    return new RegexDetector(name, category, pattern, confidence, validator, starts);
  }

  @Override
  public List<PhiFinding> find(String path, String text, KnownIdentifiers known) {
    List<PhiFinding> out = new ArrayList<>();
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
}
