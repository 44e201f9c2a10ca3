package org.phigate.deid.detect;

import java.util.List;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.phigate.deid.dates.DateText;
import org.phigate.schema.PhiContent;
import org.phigate.schema.PhiFinding;
import org.phigate.schema.TextPart;

/** Names without structured context, the clinical precision guard, and the newer date, ID and network shapes. */
class FreeTextDepthTest {
  private final PhiDetector detector = PhiDetector.withDefaultDetectors();

  private List<String> hits(String text) {
    List<PhiFinding> findings = detector.detect(new PhiContent("k", List.of(), List.of(new TextPart("t", text))));
    return findings.stream().map(f -> f.getCategory() + ":" + text.substring(f.getStart(), f.getEnd())).toList();
  }

  @Test
  void shouldFindNamesThroughCuesAndDictionariesIncludingRareAndMultiPartNames() {
    assertThat(hits("Her son Errol Sjögren will drive. Dr. Conn reviewed.")).contains("NAME:Errol Sjögren",
        "NAME:Conn");
    assertThat(hits("Portal message from GILBERT RICO about refills.")).contains("NAME:GILBERT RICO");
    assertThat(hits("Seen by Dr. Anna van der Berg-Okafor today.")).contains("NAME:Anna van der Berg-Okafor");
    assertThat(hits("Patient: dos Santos, Rafaëlle   DOB: 4-4-1925")).contains("NAME:dos Santos, Rafaëlle",
        "DATE:4-4-1925");
    assertThat(hits("Lindsey52 is a 18 year-old male.")).contains("NAME:Lindsey52");
    assertThat(hits("Margaret reports less pain.")).contains("NAME:Margaret");
    assertThat(hits("Sincerely,\nTadhg Oyelaran, RN")).contains("NAME:Tadhg Oyelaran");
    assertThat(hits("cc: Siosaia Fonoti")).contains("NAME:Siosaia Fonoti");
    assertThat(hits("Mirjam Jansman, 99 yo, MRN 55102231.")).contains("NAME:Mirjam Jansman", "DATE:99");
  }

  @Test
  void shouldKeepEponymsDrugsScoresVitalsAndDosesWithTheirNameLookalikes() {
    String text = "Parkinson's disease, Graves' disease, Wilson disease, Down syndrome and Bell's palsy. "
        + "Will continue Lasix 40 mg daily and Keppra 500 mg BID. Strength 5/5, pain 3/10, BP 128/76, HR 72, "
        + "Apgar 8/9, GCS 15, Gleason 3+4=7, EF 35%. Murphy's sign negative. Foley catheter removed. "
        + "Hodgkin lymphoma in 2015; Tourette syndrome since 1998. Mark the chart and grant access.";
    assertThat(hits(text)).isEmpty();
  }

  @Test
  void shouldFindDatesInEveryCommonFormatButNotScoresOrBareYears() {
    assertThat(hits("on 15/05/2013, 14-Mar-2024, 12th of March 2024, 2024/03/14, 14MAR2024, Mar-14-2024, 03/2024"))
        .containsExactly("DATE:15/05/2013", "DATE:14-Mar-2024", "DATE:12th of March 2024", "DATE:2024/03/14",
            "DATE:14MAR2024", "DATE:Mar-14-2024", "DATE:03/2024");
    assertThat(hits("ninety-two years old")).containsExactly("DATE:ninety-two");
    assertThat(hits("Seen in 2019, score 7/10, BP 120/80, 1-2 puffs")).isEmpty();
    assertThat(DateText.shift("15/05/2013", 1)).contains("16/05/2013");
  }

  @Test
  void shouldFindNetworkAndIdentifierShapes() {
    assertThat(hits("from 2001:db8:85a3::8a2e:370:7334 and fe80::1ff:fe23:4567:890a at 10:30:00"))
        .containsExactly("IP:2001:db8:85a3::8a2e:370:7334", "IP:fe80::1ff:fe23:4567:890a");
    assertThat(hits("see mychart.example.org/visit for results")).containsExactly("URL:mychart.example.org/visit");
    assertThat(hits("accession RAD-24-0031877, plate 7ABC123, card 4111 1111 1111 1111"))
        .contains("OTHER_ID:RAD-24-0031877", "VEHICLE_ID:7ABC123", "ACCOUNT:4111 1111 1111 1111");
    assertThat(hits("Tel: 0490 75 40 81, call 555-0147")).contains("PHONE:0490 75 40 81", "PHONE:555-0147");
    assertThat(hits("insulin 1000 units, lot 12, 250 mcg")).isEmpty();
  }
}
