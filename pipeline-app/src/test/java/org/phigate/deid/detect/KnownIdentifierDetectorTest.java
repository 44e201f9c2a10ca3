package org.phigate.deid.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.phigate.deid.detect.DetectorTestSupport.hits;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.phigate.schema.PhiCategory;
import org.phigate.schema.StructuredField;

class KnownIdentifierDetectorTest {
  private final KnownIdentifierDetector detector = new KnownIdentifierDetector();

  private static KnownIdentifiers known(PhiCategory category, String value) {
    return KnownIdentifiers.from(List.of(new StructuredField("PID-x", category, value, "patient", null)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"QUIXTROT^ZEBULONIA^M", "Quixtrot, Zebulonia M.", "Zebulonia M Quixtrot"})
  void shouldFindEveryRenderingOfAStructuredName(String structured) {
    KnownIdentifiers known = known(PhiCategory.NAME, structured);
    String text = "Quixtrot, Zebulonia seen. zebulonia quixtrot agrees. ZEBULONIA   QUIXTROT\nsigned."
        + " Zebulonia M. Quixtrot called. Zebulonia\n  Quixtrot left. Mrs. Quixtrot's ride came."
        + " Quixtrot,Zebulonia M again.";
    assertThat(hits(detector, text, known)).containsExactly("NAME:Quixtrot, Zebulonia", "NAME:zebulonia quixtrot",
        "NAME:ZEBULONIA   QUIXTROT", "NAME:Zebulonia M. Quixtrot", "NAME:Zebulonia\n  Quixtrot", "NAME:Quixtrot",
        "NAME:Quixtrot,Zebulonia M");
  }

  @Test
  void shouldRespectWordBoundariesAndIgnoreInitials() {
    KnownIdentifiers known = known(PhiCategory.NAME, "PARK^AL^J");
    assertThat(hits(detector, "Parkinson's disease, parking lot, J-tube, Al Park and Park's sister", known))
        .containsExactly("NAME:Al Park", "NAME:Park");
  }

  @Test
  void shouldFindADateOfBirthInOtherRenderings() {
    KnownIdentifiers known = known(PhiCategory.DATE, "19620320");
    String text = "DOB 03/20/1962; born March 20, 1962 (1962-03-20), 3/20/62 and 20 Mar 1962 but not 1962 alone.";
    assertThat(hits(detector, text, known)).containsExactly("DATE:03/20/1962", "DATE:March 20, 1962",
        "DATE:1962-03-20", "DATE:3/20/62", "DATE:20 Mar 1962");
  }

  @Test
  void shouldFindAddressPartsOfAnHl7Address() {
    KnownIdentifiers known = known(PhiCategory.GEO, "4417 Marrowbend Ln^^Grelmsford^MA^01863^USA");
    assertThat(hits(detector, "At 4417  marrowbend ln in Grelmsford, MA 01863-2207 (USA, MA).", known))
        .containsExactly("GEO:4417  marrowbend ln", "GEO:Grelmsford", "GEO:01863");
  }

  @Test
  void shouldFindDigitOnlyAndSeparatedFormsOfPhonesAndIds() {
    assertThat(hits(detector, "call 9785550147 or +1 (978) 555 0147 or 978.555.0147",
        known(PhiCategory.PHONE, "(978)555-0147")))
        .containsExactly("PHONE:9785550147", "PHONE:+1 (978) 555 0147", "PHONE:978.555.0147");
    assertThat(hits(detector, "ssn 123456789 / 123 45 6789", known(PhiCategory.SSN, "123-45-6789")))
        .containsExactly("SSN:123456789", "SSN:123 45 6789");
    assertThat(hits(detector, "chart mr7730412 and MR-7730412 not MR77304123",
        known(PhiCategory.MRN, "MR7730412^^^NORTHSHORE^MR")))
        .containsExactly("MRN:mr7730412", "MRN:MR-7730412");
  }

  @Test
  void shouldNameTheSourceFieldInTheDetector() {
    KnownIdentifiers known = known(PhiCategory.EMAIL, "z.q@mailbox.example");
    assertThat(detector.find("OBX[1]-5", "write Z.Q@mailbox.example", known))
        .singleElement()
        .satisfies(f -> {
          assertThat(f.getDetector()).isEqualTo("known:PID-x");
          assertThat(f.getPath()).isEqualTo("OBX[1]-5");
          assertThat(f.getStart()).isEqualTo(6);
        });
  }

  @Test
  void shouldTreatAChangeOfScriptAsABoundaryAndFindValuesInTextWithoutSpaces() {
    assertThat(hits(detector, "地址 上海市黄埔区马当路190号, 1974年", known(PhiCategory.GEO, "马当路190号")))
        .containsExactly("GEO:马当路190号");
    assertThat(hits(detector, "患者Quixtrot入院。quixtrotting", known(PhiCategory.NAME, "Quixtrot")))
        .containsExactly("NAME:Quixtrot");
  }

  @Test
  void shouldEndAnIdentifierLikeValueBeforeALetterButNotBeforeADigit() {
    KnownIdentifiers oid = known(PhiCategory.OTHER_ID, "urn:oid:129.6.58.92.88336");
    assertThat(hits(detector, "Document: urn:oid:129.6.58.92.88336undefined, created", oid))
        .containsExactly("OTHER_ID:urn:oid:129.6.58.92.88336");
    assertThat(hits(detector, "urn:oid:129.6.58.92.883361 is another one", oid)).isEmpty();
    assertThat(hits(detector, "MRN 4417201x and 44172019", known(PhiCategory.MRN, "4417201")))
        .containsExactly("MRN:4417201");
    // a short number and a name still need a whole word
    assertThat(hits(detector, "bed 14b", known(PhiCategory.MRN, "14"))).isEmpty();
    assertThat(hits(detector, "Parkinson", known(PhiCategory.NAME, "PARK^AL"))).isEmpty();
  }
}
