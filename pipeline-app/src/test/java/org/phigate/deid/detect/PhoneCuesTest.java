package org.phigate.deid.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.phigate.deid.detect.DetectorTestSupport.hits;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneCuesTest {
  private final PhoneFaxDetector phones = new PhoneFaxDetector();

  @ParameterizedTest
  @ValueSource(strings = {"Phone:\n60-56-85-91", "Can someone call me on 9472 7916?", "They're not answering at 99 668472",
      "stop receiving messages to 699 956 915", "didn't get any message on my registered 668 5702.",
      "Mobile: 723 813 266", "pt's cell (71) 4233-6306", "cb# 467 3395", "reach me at 21 284 698 2548 after six"})
  void shouldFindAnyGroupingAfterACue(String text) {
    assertThat(hits(phones, text)).as(text).hasSize(1).allMatch(h -> h.startsWith("PHONE:"));
  }

  @Test
  void shouldFindNumbersLabelledAfterwards() {
    assertThat(hits(phones, "(37) 788-063-Office\\,07700 063 966-Fax"))
        .containsExactly("PHONE:(37) 788-063", "FAX:07700 063 966");
    assertThat(hits(phones, "416 60 039 office\n930.167.3943 fax\n+447700677662 mobile"))
        .containsExactly("PHONE:416 60 039", "FAX:930.167.3943", "PHONE:+447700677662");
  }

  @Test
  void shouldKeepAnExtensionWithTheNumber() {
    assertThat(hits(phones, "Fax: 259.735.7502x459")).containsExactly("FAX:259.735.7502x459");
    assertThat(hits(phones, "Call back 963.186.9484x890.")).containsExactly("PHONE:963.186.9484x890");
    assertThat(hits(phones, "Call back 963.186.9484 ext 12 today")).containsExactly("PHONE:963.186.9484");
    assertThat(hits(phones, "Call back 555 1234 x2 if no answer")).containsExactly("PHONE:555 1234");
  }

  @Test
  void shouldGiveALabelToTheNumberAfterItWhenANumberFollows() {
    assertThat(hits(phones, "Phone 351.709.4588   Fax 409.245.7196"))
        .containsExactly("PHONE:351.709.4588", "FAX:409.245.7196");
  }

  @Test
  void shouldNotTakeAPhoneLabelAsAnIdentifier() {
    assertThat(hits(RegexDetector.named("pattern:alnum-id"), "(37) 788-063-Office, 1-903-140-4508x769")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"Glucose 145 160 132 at home; BP 120/80; HR 72.", "Office visit 3 2 1 weeks ago, pain 7/10",
      "cell count 7 8 9 10 11 12 13", "pH 7.35 7.40 7.38", "call at 5 pm if worse; dose 2 500 mg", "WBC 11.2 13.4 office"})
  void shouldLeaveUncuedOrClinicalNumbersAlone(String text) {
    assertThat(hits(phones, text)).as(text).isEmpty();
  }
}
