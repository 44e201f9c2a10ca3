package org.phigate.deid.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.phigate.deid.detect.DetectorTestSupport.hits;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PatternDetectorsTest {
  private static final Detector CONTEXT_IDS = Detector.all(RegexDetector.group("identifiers").stream()
      .filter(r -> r.name().startsWith("context:")).toList());


  @ParameterizedTest
  @ValueSource(strings = {"03/20/1962", "3/20/62", "03-20-1962", "1962-03-20", "2024-02-09T10:15:00Z", "2000-04-16 11:34:35", "19620320",
      "March 20, 1962", "Mar. 20th, 1962", "20 March 1962", "March 1962", "Mar 20", "Sept 3, 2021",
      "june 25, 2018", "16-dec-2017", "27 dec 2020", "26th of june", "january 2024", "may 3, 2021", "3 may 2021"})
  void shouldDetectDatesInNumericAndMonthNameFormats(String date) {
    assertThat(hits(RegexDetector.groupDetector("dates"), "Seen " + date + " in clinic.")).containsExactly("DATE:" + date);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Strength 5/5.", "BP 120/80 mmHg", "Diagnosed in 2015.", "Take 2 tablets.",
      "Follow up in 2 weeks.", "Apgar 8/9", "Glasgow 15", "02/30/2020 is not a day", "13/45/2020", "version 1.2.3",
      "May require 2 units", "A1c 7.2 in 2019-20 season",
      "you may 2 more tabs", "i may 3x a day", "take 2 may help"})
  void shouldNotDetectDateLookalikes(String text) {
    assertThat(hits(RegexDetector.groupDetector("dates"), text)).isEmpty();
  }

  @Test
  void shouldDetectMonthAndDayWithoutYearOnlyAfterACue() {
    assertThat(hits(RegexDetector.groupDetector("dates"), "discharged on 2/7, 5/5 strength")).containsExactly("DATE:2/7");
  }

  @ParameterizedTest
  @ValueSource(strings = {"92-year-old woman", "a 94 year old man", "age 94", "Age: 101", "aged 90", "94 yo",
      "91 y/o M", "93 yr old"})
  void shouldDetectAgesOverEightyNine(String text) {
    assertThat(hits(RegexDetector.named("pattern:age-over-89"), text)).singleElement().asString().matches("DATE:\\d{2,3}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"89-year-old woman", "age 45", "61 yo", "HR 92", "92 mg", "BP 95/60", "age 150"})
  void shouldNotDetectAgesUpToEightyNineOrOtherNumbers(String text) {
    assertThat(hits(RegexDetector.named("pattern:age-over-89"), text)).isEmpty();
  }

  @Test
  void shouldTellPhoneFromFaxByTheNearestCue() {
    assertThat(hits(new PhoneFaxDetector(), "Tel: (617) 555-0123, Fax: 617.555.0199; cell +1 978-555-0147"))
        .containsExactly("PHONE:(617) 555-0123", "FAX:617.555.0199", "PHONE:+1 978-555-0147");
  }

  @ParameterizedTest
  @ValueSource(strings = {"6175550123", "123-555-0147", "617-155-0147", "BP 120/80", "1-2 puffs", "ICD 123-45-67"})
  void shouldNotDetectInvalidOrUnseparatedPhones(String text) {
    assertThat(hits(new PhoneFaxDetector(), text)).isEmpty();
  }

  @Test
  void shouldDetectEmailUrlAndIp() {
    String text = "Mail z.quixtrot+care@mailbox.example, see https://portal.example.org/pt/7731. or www.example.org;"
        + " host 192.168.10.200 not 256.1.1.1 nor 1.2.3";
    assertThat(hits(RegexDetector.named("pattern:email"), text)).containsExactly("EMAIL:z.quixtrot+care@mailbox.example");
    assertThat(hits(RegexDetector.named("pattern:url"), text))
        .containsExactly("URL:https://portal.example.org/pt/7731", "URL:www.example.org");
    assertThat(hits(RegexDetector.named("pattern:ipv4"), text)).containsExactly("IP:192.168.10.200");
  }

  @Test
  void shouldDetectOnlyValidSsns() {
    assertThat(hits(RegexDetector.named("pattern:ssn"), "SSN 123-45-6789; 000-12-3456; 666-12-3456; 900-12-3456; 123-00-4567;"
        + " 123-45-0000; 2024-01-1234")).containsExactly("SSN:123-45-6789");
  }

  @Test
  void shouldDetectIdsAfterContextWords() {
    String text = "MRN: 00482913. Medical record # A-55102; acct 7730041, member ID XJH4429901, policy no. PLC-88120,"
        + " driver's license S530-1184-2291, VIN 1HGBH41JXMN109186, serial no. PX-99812-B";
    assertThat(hits(CONTEXT_IDS, text)).containsExactlyInAnyOrder("MRN:00482913", "MRN:A-55102",
        "ACCOUNT:7730041", "HEALTH_PLAN_ID:XJH4429901", "HEALTH_PLAN_ID:PLC-88120", "LICENSE:S530-1184-2291",
        "VEHICLE_ID:1HGBH41JXMN109186", "DEVICE_ID:PX-99812-B");
  }

  @Test
  void shouldNotDetectContextWordsWithoutAnIdentifier() {
    assertThat(hits(CONTEXT_IDS, "Reviewed the medical record. Account for 2 falls. Visit in 2 weeks."))
        .isEmpty();
  }

  @Test
  void shouldDetectStreetAddressesCityZipAndFacilities() {
    String text = "Lives at 4417 Marrowbend Ln, Apt 3B, Grelmsford, MA 01863. Transferred from Lindenmoor General"
        + " Hospital. Mail to PO Box 778. Zip code: 02134.";
    assertThat(hits(new AddressDetector(), text)).containsExactly(
        "GEO:4417 Marrowbend Ln, Apt 3B, Grelmsford", "GEO:01863", "GEO:Lindenmoor General Hospital", "GEO:PO Box 778", "GEO:02134");
  }

  @Test
  void shouldNotDetectAddressLookalikes() {
    assertThat(hits(new AddressDetector(), "Take 2 tablets daily. Seen by Ignatius Fenwhistle, MD. Patient, OR 3."
        + " 12345 units of heparin. In 2 weeks return.")).isEmpty();
  }

  @Test
  void shouldDetectNamesAfterTitlesAndPatientCues() {
    String text = "Dr. Ignatius Fenwhistle MD saw Mrs. Quixtrot's daughter. Patient Zebulonia Quixtrot\nPlan: rest."
        + " Patient name: Orvilla. Patient denies pain. Patient Denies fever. PT Evaluation done.";
    assertThat(hits(new NameCueDetector(), text)).containsExactly("NAME:Ignatius Fenwhistle", "NAME:Quixtrot",
        "NAME:Zebulonia Quixtrot", "NAME:Orvilla");
  }
}
