package org.phigate.deid.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A filtered scan finds exactly what {@link Matcher#find()} finds when the starts hold every real start. */
class MatchStartsTest {

  private static List<String> plain(Pattern p, String text) {
    List<String> out = new ArrayList<>();
    Matcher m = p.matcher(text);
    while (m.find()) {
      out.add(m.start() + ":" + m.group());
    }
    return out;
  }

  private static List<String> filtered(Pattern p, MatchStarts starts, String text) {
    List<String> out = new ArrayList<>();
    Matcher m = p.matcher(text);
    for (int from = 0; starts.find(m, text, from); from = MatchStarts.after(m)) {
      out.add(m.start() + ":" + m.group());
    }
    return out;
  }

  @Test
  void shouldFindDigitStartsBehindALookBehindAsFindDoes() {
    Pattern p = Pattern.compile("(?<![\\d.,])\\d{7,}(?![\\d]|[.,]\\d)");
    String text = "MRN 12345678, acct MR7730412, 1.2345678 and 9876543";
    assertThat(filtered(p, MatchStarts.digits(), text)).isEqualTo(plain(p, text)).hasSize(3);
  }

  @Test
  void shouldTryCueWordsOnlyAtWordStartsWithTheirPrefixes() {
    Pattern p = Pattern.compile("(?i:\\b(?:lives|moved)\\s+(?:in|to)\\s+)(?<phi>\\p{Lu}\\p{Ll}+)");
    String text = "She LIVES in Boise; outlives in Nampa; moved to Reno.\nlives  in Eagle";
    assertThat(filtered(p, MatchStarts.prefixes("li|mo"), text)).isEqualTo(plain(p, text)).hasSize(3);
  }

  @Test
  void shouldSeeTheWholeTextFromLookBehindsBoundariesAndLineStarts() {
    Pattern p = Pattern.compile("(?m)(?<=\\b[Ii]n[ \\t])\\p{Lu}\\p{Ll}+|^name:");
    String text = "name: x\nborn in Lyon, lives in Oslo\nname: y";
    assertThat(filtered(p, MatchStarts.of("A-Zn").orUpper(), text)).isEqualTo(plain(p, text)).hasSize(4);
  }

  @Test
  void shouldSkipSeparatorsBeforeTheCueWordOfAThenFilter() {
    Pattern p = Pattern.compile(",[ \\t]*(?:can|will)[ \\t]+(?:I|you)\\b");
    String text = "Warrane, can I please speak to you?  Leif,will you? x,  can you";
    assertThat(filtered(p, MatchStarts.of(",").then(", \t", "ca|wi"), text)).isEqualTo(plain(p, text)).hasSize(3);
  }

  @Test
  void shouldMissAStartTheSetLeavesOutSoTheDifferentialTestCanFail() {
    Pattern p = Pattern.compile("(?<![\\d.,])\\d{7,}");
    String text = "id 1234567";
    assertThat(filtered(p, MatchStarts.of("1-8"), text)).hasSize(1);
    assertThat(filtered(p, MatchStarts.of("2-9"), text)).isEmpty();
    assertThat(filtered(p, MatchStarts.digits().requires("#"), text)).isEmpty();
  }
}
