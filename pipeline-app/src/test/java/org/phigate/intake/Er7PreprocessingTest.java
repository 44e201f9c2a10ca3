package org.phigate.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Er7PreprocessingTest {

  @Test
  void shouldJoinSegmentsByCrWhateverTheSenderUsedAndDropBlankOnesAndTheEndBlock() {
    assertThat(Er7Preprocessing.normalizeSegments("MSH|^~\\&|A\r\n\r\nPID|1\n  \nOBX|2\u001c\r"))
        .isEqualTo("MSH|^~\\&|A\rPID|1\rOBX|2");
    java.util.List<String> cases = new java.util.ArrayList<>(java.util.List.of("MSH|1\rPID|2", "MSH|1\r", "\rMSH|1",
        "MSH|1\r \rPID", "MSH|1\nPID", "", " ", "MSH|1\rPID|x  \r  \r", "MSH|1\r\r", "MSH|x  ", "MSH|1\r\tPID|2\r"));
    java.util.Random random = new java.util.Random(18);
    char[] alphabet = {'M', 'S', 'H', '|', ' ', '\t', '\r', '\r', '\n'};
    for (int i = 0; i < 2_000; i++) {
      StringBuilder b = new StringBuilder();
      for (int k = random.nextInt(12); k > 0; k--) {
        b.append(alphabet[random.nextInt(alphabet.length)]);
      }
      cases.add(b.toString());
    }
    for (String s : cases) {
      String old = String.join("\r", java.util.Arrays.stream(s.replace("\r\n", "\r").replace('\n', '\r')
          .split("\r")).filter(seg -> !seg.isBlank()).toList());
      assertThat(Er7Preprocessing.normalizeSegments(s)).as("%s", s.replace("\r", "<CR>")).isEqualTo(old);
    }
  }

  @Test
  void shouldSplitAtEverySeparatorKeepingEmptyPartsAsStringSplitDoes() {
    for (String s : new String[] {"a||b|", "|", "", "abc", "^^x^"}) {
      char sep = s.contains("^") ? '^' : '|';
      assertThat(Hl7Encoding.split(s, sep)).containsExactly(s.split(java.util.regex.Pattern.quote(
          String.valueOf(sep)), -1));
    }
  }

  @Test
  void shouldDecodeByMsh18() {
    String msh = "MSH|^~\\&|A|B|C|D|20260101||ADT^A01|1|P|2.5||||||8859/1\rPID|||1||M\u00e9lanie";
    String utf8 = "MSH|^~\\&|A|B|C|D|20260101||ADT^A01|1|P|2.5\rPID|||1||M\u00e9lanie";

    assertThat(Er7Preprocessing.decode(msh.getBytes(StandardCharsets.ISO_8859_1))).isEqualTo(msh);
    assertThat(Er7Preprocessing.decode(utf8.getBytes(StandardCharsets.UTF_8))).isEqualTo(utf8);
  }
}
