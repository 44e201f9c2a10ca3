package org.phigate.deid.detect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.ahocorasick.trie.Emit;
import org.ahocorasick.trie.Trie;
import org.phigate.gazetteer.Lexicon;
import org.phigate.schema.PhiCategory;
import org.phigate.schema.PhiFinding;
import org.phigate.schema.TextPart;

/**
 * Carries each span the detectors found anywhere in a record to every other place the same text appears in that
 * record: a record renders one value many times (an HL7 segment shown as text beside its twin, a FHIR narrative and
 * the element it was generated from), and a value redacted in one place must not stay in the clear in another. Only
 * spans that can identify (a digit, or an upper-case letter or a letter of a script without case in a span that is
 * not only English or clinical words) of at least {@value #MIN_LENGTH} letters and digits, matched as written (case-sensitive), on the boundaries known identifiers
 * use ({@link KnownIdentifiers#left}, {@link KnownIdentifiers#right}). Detector {@value #DETECTOR}; each copy keeps
 * the category, confidence and rule action of the finding it was carried from. A name is carried to the record's other
 * parts only: within its own part, {@link NameContext} decides which other mentions are the name.
 */
final class RecordRepeats {
  static final String DETECTOR = "ctx:record-repeat";
  static final int MIN_LENGTH = 4;
  private static final Pattern NEXT_WORD = Pattern.compile("(?:['’]s?)?[ \\t]+(\\p{L}+)");
  private static final Pattern WORDS = Pattern.compile("[^\\p{L}]+");

  private RecordRepeats() {}

  /** The further mentions of the record's found spans; findings already covering a mention are not repeated. */
  static List<PhiFinding> find(List<TextPart> parts, List<PhiFinding> findings) {
    Map<String, String> textByPath = new LinkedHashMap<>();
    parts.forEach(p -> textByPath.put(p.getPath(), p.getText()));
    Map<String, PhiFinding> seeds = new LinkedHashMap<>();
    Map<String, Set<String>> seedPaths = new HashMap<>();
    for (PhiFinding f : findings) {
      String text = f.getStart() == null ? null : textByPath.get(f.getPath());
      if (text == null || f.getEnd() > text.length()) {
        continue;
      }
      String span = text.substring(f.getStart(), f.getEnd()).strip();
      if (identifying(span)) {
        seeds.merge(span, f, (a, b) -> a.getConfidence() >= b.getConfidence() ? a : b);
        seedPaths.computeIfAbsent(span, k -> new HashSet<>()).add(f.getPath());
      }
    }
    if (seeds.isEmpty()) {
      return List.of();
    }
    Map<String, Cover> covers = new HashMap<>();
    findings.stream().filter(f -> f.getStart() != null).collect(Collectors.groupingBy(PhiFinding::getPath))
        .forEach((path, inPath) -> covers.put(path, new Cover(inPath)));
    Map<String, Pattern> patterns = new HashMap<>();
    // a search per seed in a usual record; an Aho-Corasick trie, whose building costs more, above 4M seed-characters
    Trie trie = seeds.size() * textByPath.values().stream().mapToLong(String::length).sum() > 1 << 22
        ? Trie.builder().addKeywords(seeds.keySet()).build() : null;
    List<PhiFinding> out = new ArrayList<>();
    for (Map.Entry<String, String> part : textByPath.entrySet()) {
      String text = part.getValue();
      for (Emit emit : trie != null ? trie.parseText(text) : search(text, seeds.keySet())) {
        String seed = emit.getKeyword();
        PhiFinding from = seeds.get(seed);
        // within the part it was found in, a name's other mentions are NameContext's to weigh
        Cover inPart = covers.getOrDefault(part.getKey(), Cover.NONE);
        // a match is the emit itself (a quoted literal between look-arounds): a covered emit needs no pattern
        if (from.getCategory() == PhiCategory.NAME && seedPaths.get(seed).contains(part.getKey())
            || inPart.covers(emit.getStart(), emit.getEnd() + 1)) {
          continue;
        }
        Matcher m = patterns.computeIfAbsent(seed, s -> Pattern.compile(KnownIdentifiers.left(s) + Pattern.quote(s)
            + KnownIdentifiers.right(s))).matcher(text);
        m.region(emit.getStart(), text.length()).useTransparentBounds(true);
        if (m.lookingAt() && !(from.getCategory() == PhiCategory.NAME && eponymUse(text, m.end()))
            && !inPart.covers(m.start(), m.end())) {
          out.add(Findings.span(from.getCategory(), part.getKey(), m.start(), m.end(), DETECTOR,
              from.getConfidence(), from.getAction()));
        }
      }
    }
    return out;
  }

  /** Every occurrence of every seed in {@code text}, as the trie reports them (end inclusive). */
  private static List<Emit> search(String text, Set<String> seeds) {
    return seeds.stream().flatMap(s -> IntStream.iterate(text.indexOf(s), at -> at >= 0, at -> text.indexOf(s, at + 1))
        .mapToObj(at -> new Emit(at, at + s.length() - 1, s))).toList();
  }

  /** "Tietze syndrome", "Graves' disease": a name followed by a clinical head word is an eponym, no mention. */
  private static boolean eponymUse(String text, int end) {
    Matcher next = NEXT_WORD.matcher(text).region(end, text.length());
    return next.lookingAt() && NameTokens.isHead(Lexicon.lower(next.group(1)));
  }

  /** The spans found in one text part, asked in log time whether one of them covers a range (a long part has many). */
  private static final class Cover {
    static final Cover NONE = new Cover(List.of());
    /** Span starts in ascending order. */
    private final int[] starts;
    /** The largest end among the spans up to each index. */
    private final int[] maxEnds;

    Cover(List<PhiFinding> spans) {
      List<PhiFinding> sorted = new ArrayList<>(spans);
      sorted.sort(java.util.Comparator.comparingInt(PhiFinding::getStart));
      starts = new int[sorted.size()];
      maxEnds = new int[sorted.size()];
      for (int i = 0; i < starts.length; i++) {
        starts[i] = sorted.get(i).getStart();
        maxEnds[i] = Math.max(sorted.get(i).getEnd(), i > 0 ? maxEnds[i - 1] : Integer.MIN_VALUE);
      }
    }

    /** Whether a span starts at or before {@code start} and ends at or after {@code end}. */
    boolean covers(int start, int end) {
      int lo = 0;
      int hi = starts.length;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (starts[mid] <= start) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo > 0 && maxEnds[lo - 1] >= end;
    }
  }

  private static boolean identifying(String span) {
    return span.codePoints().filter(Character::isLetterOrDigit).count() >= MIN_LENGTH
        && (span.codePoints().anyMatch(Character::isDigit) || span.codePoints().anyMatch(c -> Character.isUpperCase(c)
        || Character.isLetter(c) && !Character.isLowerCase(c) && !Character.isUpperCase(c)) && !commonWords(span));
  }

  /**
   * Only English or clinical words ("Stone", "Blood", "Tietze"): such a span is a name or place where its own
   * context says so, which {@link NameContext} weighs within the part; elsewhere it is mostly the word.
   */
  private static boolean commonWords(String span) {
    Lexicon lexicon = Lexicon.get();
    for (String word : WORDS.split(span)) {
      if (word.length() > 1 && !lexicon.isEnglishWord(word) && !lexicon.isClinicalTerm(word)
          && !lexicon.isEponym(word)) {
        return false;
      }
    }
    return true;
  }
}
