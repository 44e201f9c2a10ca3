package org.phigate.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EgressGuardTest {

  private final EgressGuard guard = new EgressGuard(List.of("Mercy General", "Oakwood Clinic"));

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', textBlock = """
      SSN                            | SSN on file 123-45-6789 please update
      SSN                            | ssn 123 45 6789
      PHONE                          | call me back at (617) 555-0134 today
      PHONE                          | call me back at 617-555-0134 today
      PHONE                          | call me back at 617.555.0134 today
      PHONE                          | call me back at +1 617 555 0134 today
      PHONE_LOCAL                    | my cell is 555-0134
      EMAIL                          | write to jane.doe+portal@example.org thanks
      URL                            | see https://portal.example.org/msg/1 for details
      URL                            | see www.example.net for details
      URL                            | my page is janesmith.com
      IPV4                           | logged in from 192.168.10.24 yesterday
      DATE_NUMERIC                   | seen on 03/14/2023 for cough
      DATE_NUMERIC                   | seen 3-14-23 for cough
      DATE_NUMERIC                   | collected 2023-03-14 in the morning
      DATE_MONTH_DAY_AFTER_DATE_WORD | pain started on 3/14 after lifting
      DATE_MONTH_NAME                | admitted March 14th with fever
      DATE_MONTH_NAME                | admitted Mar. 14 with fever
      DATE_MONTH_NAME                | admitted on 14 March with fever
      DATE_MONTH_NAME                | admitted on the 2nd of january
      DATE_MONTH_NAME                | surgery May 3 went well
      AGE_OVER_89                    | 93 year old woman with falls
      AGE_OVER_89                    | 95yo man, aged 95
      AGE_OVER_89                    | age: 91
      LONG_DIGIT_RUN                 | chart 48213377 reviewed
      LONG_DIGIT_RUN                 | id 1234567
      DIGIT_GROUPS                   | card 4111 1111 1111 1111 declined
      DIGIT_GROUPS                   | card 4111-1111-1111 declined
      LABELLED_ID                    | MRN: A12345 needs merge
      LABELLED_ID                    | account no. 55321 is overdue
      STREET_ADDRESS                 | I moved to 42 Elm Street last month
      STREET_ADDRESS                 | lives at 1600 Pennsylvania Ave
      STREET_ADDRESS                 | send it to 7 N Oak Hill Rd
      STREET_ADDRESS                 | moved to 2019 Harbor Dr. last fall
      PO_BOX_OR_UNIT                 | mail to PO Box 1234
      PO_BOX_OR_UNIT                 | apt #4B is upstairs
      ZIP                            | Springfield, MA 01103
      ZIP                            | zip 01103-2210
      DENY_LIST                      | I was seen at mercy general last week
      DENY_LIST                      | transfer from Oakwood Clinic
      """)
  void shouldBlockEachPhiShape(String rule, String text) {
    EgressBlockedException e = catchThrowableOfType(EgressBlockedException.class, () -> guard.check(text));

    assertThat(e).as(text).isNotNull();
    assertThat(e.rule()).isEqualTo(rule);
    assertThat(e.offset()).isBetween(0, text.length());
  }

  @Test
  void shouldNameOnlyRuleAndOffsetInTheMessage() {
    String text = "Hello, my SSN is 123-45-6789.";

    EgressBlockedException e = catchThrowableOfType(EgressBlockedException.class, () -> guard.check(text));

    assertThat(e.getMessage()).isEqualTo("egress blocked: rule=SSN offset=17");
    assertThat(e.getMessage()).doesNotContain("123").doesNotContain("6789");
    assertThat(e.getCause()).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "[NAME-4f2a9c01] asked about [NAME-0b1c2d3e]'s refill, MRN [MRN-12345678], phone [PHONE-9a8b7c6d].",
      "Seen at [GEO-a1b2c3d4] on [DATE-00112233]. Email [EMAIL-deadbeef], SSN [SSN-01234567].",
      "BP 120/80, HR 72, temp 98.6 F, SpO2 97%.",
      "Take lisinopril 5 mg daily for 2 weeks, then 10 mg.",
      "A1c 7.2 today, was 8.1 last year; LDL 130 mg/dL.",
      "Diagnosed with asthma in 2019, surgery in 2021.",
      "Age 90+ with dementia; 85 year old spouse at home.",
      "Pain 7/10, improved from 8/10; strength 4/5 in the left leg.",
      "Platelets 250, WBC 11.2, potassium 3.4 mmol/L, sodium 138.",
      "Follow up in 3 months. Repeat labs in 6-8 weeks. Walks 2 miles a day.",
      "I may need a refill of my inhaler, 2 puffs twice a day.",
      "Dr. [NAME-4f2a9c01] saw me 3 times this year at [GEO-11aa22bb].",
      "Insulin 10 units at bedtime, glucose 145 to 210.",
      "NURSING NOTE 2020 0700-1900 Pt [NAME-697bfe93] resting in bed.",
      "Portal message sent 2019 Hello Dr. [NAME-90d920e6], the [NAME-0b1c2d3e] family says thank you.",
      "Fax [FAX-2fd024ba] 2023 Dear Dr. [NAME-14bb9b83], Thank you for seeing her.",
      ""
  })
  void shouldPassTokenOnlyPromptsAndClinicalNumbers(String text) {
    assertThatCode(() -> guard.check(text)).as(text).doesNotThrowAnyException();
  }

  @Test
  void shouldPassAPromptBuiltByPromptBuilderHeader() {
    String prompt = "workflow: message-triage\nmessage-type: Communication\n"
        + "phi-category-counts: DATE=1, MRN=2, NAME=2\n### text\n[NAME-4f2a9c01] needs a refill.\n";

    assertThat(guard.allows(prompt)).isTrue();
  }

  @Test
  void shouldFailClosedOnNullAndOverlongPrompts() {
    assertThat(catchThrowableOfType(EgressBlockedException.class, () -> guard.check(null)).rule())
        .isEqualTo("INVALID_PROMPT");
    String huge = "a".repeat(EgressGuard.MAX_PROMPT_CHARS + 1);
    assertThat(catchThrowableOfType(EgressBlockedException.class, () -> guard.check(huge)).rule())
        .isEqualTo("PROMPT_TOO_LONG");
  }

  @Test
  void shouldSeeThroughFullWidthDigitsAndZeroWidthSpaces() {
    assertThat(guard.allows("SSN １２３-４５-６７８９")).isFalse();
    assertThat(guard.allows("chart 482\u200B133\u200B77")).isFalse();
  }

  @Test
  void shouldNotTreatADigitOnlyTokenAsADigitRun() {
    assertThat(guard.allows("MRN [MRN-12345678] on file")).isTrue();
    assertThat(guard.allows("MRN [MRN-12345678] and 12345678")).isFalse();
  }

  @Test
  void shouldExposeASmallListOfNamedRules() {
    assertThat(guard.rules()).extracting(EgressGuard.Rule::name)
        .contains("SSN", "PHONE", "EMAIL", "URL", "IPV4", "DATE_NUMERIC", "DATE_MONTH_NAME",
            "LONG_DIGIT_RUN", "STREET_ADDRESS", "DENY_LIST")
        .doesNotHaveDuplicates();
    assertThat(new EgressGuard().rules()).extracting(EgressGuard.Rule::name).doesNotContain("DENY_LIST");
  }
}
