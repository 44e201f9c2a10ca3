package org.phigate.deid.detect;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The regular expressions of the name frames, read from {@code deid/name-frames.tsv} (one {@code key<TAB>regex} a
 * line): {@code ${key}} inserts an earlier line's expression, {@code ${list:name}} a word list of
 * {@code deid/detect-words.txt} as an alternation ({@link DetectWords#alternation}).
 */
final class FramePatterns {
  private static final Pattern REF = Pattern.compile("\\$\\{([a-z][\\w.:-]*)\\}");
  private static final Map<String, String> EXPRESSIONS = read();

  private FramePatterns() {}

  /** The compiled expression of {@code key}. */
  static Pattern get(String key) {
    String regex = EXPRESSIONS.get(key);
    if (regex == null) {
      throw new IllegalStateException("frame pattern " + key + " is missing from deid/name-frames.tsv");
    }
    return Pattern.compile(regex);
  }

  private static Map<String, String> read() {
    Map<String, String> out = new HashMap<>();
    for (String line : DetectWords.lines("/deid/name-frames.tsv")) {
      int tab = line.indexOf('\t');
      Matcher m = REF.matcher(line.substring(tab + 1));
      StringBuilder regex = new StringBuilder();
      while (m.find()) {
        String ref = m.group(1);
        String value = ref.startsWith("list:") ? DetectWords.alternation(ref.substring(5)) : out.get(ref);
        if (value == null) {
          throw new IllegalStateException("frame pattern " + ref + " is used before its line in name-frames.tsv");
        }
        m.appendReplacement(regex, Matcher.quoteReplacement(value));
      }
      out.put(line.substring(0, tab), m.appendTail(regex).toString());
    }
    return out;
  }
}
