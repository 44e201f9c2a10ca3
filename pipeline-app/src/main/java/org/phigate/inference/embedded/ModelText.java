package org.phigate.inference.embedded;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.phigate.inference.PromptBuilder;

/** The text an embedded model reads: the prompt body, PHIGate tokens as neutral words, split into sentences. */
public final class ModelText {
  private static final Pattern TOKEN = Pattern.compile("\\[([A-Z][A-Z0-9_]*)(?:-[0-9a-f]{4,64})?\\]");
  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?;])\\s+|\\n+");
  static final int MAX_SENTENCES = 64;

  private ModelText() {}

  /** The free text of a prompt built by {@link PromptBuilder} (the whole string when it has no body marker). */
  public static String body(String prompt) {
    String marker = "\n" + PromptBuilder.BODY_MARKER + "\n";
    int at = prompt.indexOf(marker);
    if (at >= 0) {
      return prompt.substring(at + marker.length()).strip();
    }
    return prompt.startsWith(PromptBuilder.BODY_MARKER + "\n")
        ? prompt.substring(PromptBuilder.BODY_MARKER.length() + 1).strip() : prompt.strip();
  }

  /** Tokens are opaque to the tokenizer; the encoder gets a neutral word for each instead. */
  public static String forEmbedding(String text) {
    Matcher m = TOKEN.matcher(text);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String word = switch (m.group(1)) {
        case "NAME" -> "someone";
        case "GEO" -> "a place";
        case "DATE" -> "a date";
        case "PHONE", "FAX" -> "a phone number";
        case "EMAIL" -> "an email address";
        default -> "an identifier";
      };
      m.appendReplacement(sb, word);
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /** Sentences with at least one letter, at most {@value #MAX_SENTENCES}. */
  public static List<String> sentences(String text) {
    return sentenceSpans(text).stream().map(s -> text.substring(s[0], s[1])).toList();
  }

  /** Where {@link #sentences} lie in {@code text}: {start, end} character offsets, stripped of outer whitespace. */
  public static List<int[]> sentenceSpans(String text) {
    List<int[]> out = new ArrayList<>();
    Matcher m = SENTENCE_END.matcher(text);
    int from = 0;
    while (out.size() < MAX_SENTENCES) {
      boolean more = m.find();
      int to = more ? m.start() : text.length();
      int a = from;
      int b = to;
      while (a < b && Character.isWhitespace(text.charAt(a))) {
        a++;
      }
      while (b > a && Character.isWhitespace(text.charAt(b - 1))) {
        b--;
      }
      if (a < b && text.substring(a, b).codePoints().anyMatch(Character::isLetter)) {
        out.add(new int[] {a, b});
      }
      if (!more) {
        break;
      }
      from = m.end();
    }
    return out;
  }
}
