package org.phigate.deid.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.phigate.deid.detect.DetectorTestSupport.hits;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InternationalDetectorsTest {
  private final Detector addresses = AddressDetector.international();
  private final Detector phones = PhoneFaxDetector.international();

  @ParameterizedTest
  @ValueSource(strings = {"Flat 2, 41 Mill Road, Oxbridge OX4 2QB", "Corneliusstraße 17, 40215 Düsseldorf",
      "8 rue des Tanneurs, 69002 Lyon", "Via Garibaldi 9, 20121 Milano", "Calle de Alcalá 140, 28009 Madrid",
      "Keizersgracht 221, 1016 DV Amsterdam", "14 Wattle Grove, Parramatta NSW 2150", "H3Z 2Y7",
      "Nørregade 12, Aarhus", "Avenida da Liberdade 200, 1250-147 Lisboa"})
  void shouldFindEveryPartOfInternationalAddresses(String address) {
    String text = "Pt moved; new address " + address + ". Follow up in 2 weeks.";
    String found = String.join("|", hits(addresses, text)) + "|"
        + String.join("|", hits(new AddressDetector(), text));
    for (String word : address.split("[ ,]+")) {
      if (word.length() > 2 && !word.equals("Flat")) {
        assertThat(found).as(address).contains(word);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"+44 20 7031 4478", "+49 (0)30 2250 8417", "+61 3 9012 4455", "0033 1 42 68 53 00",
      "(03) 9347 1188", "0131 244 1199", "030 22508417", "01 42 68 53 00", "+33 6 12 34 56 78", "07911 223 344"})
  void shouldFindInternationalPhoneNumbers(String number) {
    assertThat(hits(phones, "Daughter can be reached on " + number + " after six.")).containsExactly("PHONE:" + number);
  }

  @ParameterizedTest
  @ValueSource(strings = {"BP 120/80, HR 72, SpO2 98% on 2 L. Strength 5/5 in all 4 extremities.",
      "Metoprolol 25 mg twice daily; 10000 Units heparin; 2000 Calories diet. In 2019 Parkinson's disease diagnosed.",
      "Labs: Na 138, K 4.1, Cr 0.9, WBC 11.2, Hgb 13.5, Plt 250. GCS 15. NIHSS 0 2 4.",
      "Gave 0.5 mg at 0800 and 0 10 20 30 titration; CD4 350; HbA1c 7.2; Via IV push; Place of service home.",
      "ECG lead V1 2mm; tumor T2 N0 M0; score 2020 Guidelines; 1500 Dexamethasone 4.",
      "Took 2 Ibuprofen 400, 1 Metformin 500, 3 Lisinopril 10\nand 10 Units 5, then 1 Percocet 5, 1 Tylenol 500"})
  void shouldLeaveClinicalTextAlone(String text) {
    assertThat(hits(addresses, text)).isEmpty();
    assertThat(hits(phones, text)).isEmpty();
  }
}
