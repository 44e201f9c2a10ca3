package org.phigate.inference.safety;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A message as the phrase matcher sees it: lower case, apostrophes dropped ("can't" = "cant"), every other
 * punctuation mark a space, sentence ends ({@code . ! ? ;} and line breaks, but not a decimal point) as clause breaks.
 * A blood-pressure reading at crisis level gets the word {@code bpcrisis} after it. {@link #padded()} is the tokens joined by single spaces with a leading and trailing space, so a keyword padded
 * the same way matches whole words only.
 */
public final class PatientText {
  private static final Pattern READING = Pattern.compile("\\b(\\d{2,3})\\s*(?:/|over)\\s*(\\d{2,3})\\b");
  private final List<String> tokens = new ArrayList<>();
  private final List<Integer> clauses = new ArrayList<>();
  private final String padded;
  private final int[] tokenAtChar;

  private PatientText(String text) {
    StringBuilder word = new StringBuilder();
    int clause = 0;
    String s = markCrisisReadings(text.toLowerCase(Locale.ROOT));
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        word.append(c);
      } else if (c == '\'' || c == '\u2019' || c == '\u2018' || c == '`' || c == '\u00b4') {
        continue;
      } else {
        boolean decimal = c == '.' && i > 0 && i + 1 < s.length()
            && Character.isDigit(s.charAt(i - 1)) && Character.isDigit(s.charAt(i + 1));
        clause = flush(word, clause);
        if (!decimal && (c == '.' || c == '!' || c == '?' || c == ';' || c == '\n')) {
          clause++;
        }
      }
    }
    flush(word, clause);
    StringBuilder sb = new StringBuilder(" ");
    List<Integer> starts = new ArrayList<>();
    for (String t : tokens) {
      starts.add(sb.length());
      sb.append(t).append(' ');
    }
    padded = sb.toString();
    tokenAtChar = new int[padded.length() + 1];
    int k = 0;
    for (int i = 0; i < tokenAtChar.length; i++) {
      while (k + 1 < starts.size() && starts.get(k + 1) <= i) {
        k++;
      }
      tokenAtChar[i] = k;
    }
  }

  /** Appends the word {@code bpcrisis} after a blood-pressure reading at hypertensive-crisis level (AHA: 180/120). */
  private static String markCrisisReadings(String s) {
    Matcher m = READING.matcher(s);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      int sys = Integer.parseInt(m.group(1));
      int dia = Integer.parseInt(m.group(2));
      boolean crisis = sys >= 180 && sys <= 300 || dia >= 120 && dia <= 200 && sys >= dia;
      m.appendReplacement(sb, Matcher.quoteReplacement(m.group() + (crisis ? " bpcrisis" : "")));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  private int flush(StringBuilder word, int clause) {
    if (word.length() > 0) {
      tokens.add(word.toString());
      clauses.add(clause);
      word.setLength(0);
    }
    return clause;
  }

  /** The normalized form of {@code text}. */
  public static PatientText of(String text) {
    return new PatientText(text == null ? "" : text);
  }

  /** A phrase normalized the same way, as space-separated words (empty when it has none). */
  public static String phrase(String text) {
    return String.join(" ", of(text).tokens);
  }

  public String padded() {
    return padded;
  }

  public int size() {
    return tokens.size();
  }

  public String token(int i) {
    return tokens.get(i);
  }

  public int clause(int token) {
    return clauses.get(token);
  }

  /** Index of the token that starts right after the space at {@code charIndex} in {@link #padded()}. */
  int tokenAfterSpace(int charIndex) {
    return tokenAtChar[Math.min(charIndex + 1, tokenAtChar.length - 1)];
  }
}
