package org.phigate.deid.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.phigate.schema.PhiCategory;

class AddressBlocksTest {
  private final List<Detector> geo = List.of(new AddressDetector(), AddressDetector.international());

  private List<String> geo(String text) {
    List<org.phigate.schema.PhiFinding> all = new ArrayList<>();
    for (Detector d : geo) {
      all.addAll(d.find("t", text, KnownIdentifiers.none()));
    }
    return Findings.merge(all).stream().filter(f -> f.getCategory() == PhiCategory.GEO)
        .map(f -> text.substring(f.getStart(), f.getEnd())).toList();
  }

  @ParameterizedTest
  @ValueSource(strings = {"6750 Koskikatu 25 Apt. 864\nArtilleros\n, CO\n Uruguay 64677",
      "14 Crown Street Kishiev Squares\n Suite 321\n LONDON\n United Kingdom 75419",
      "28245 Puruntie 82 Apt. 595\n   LAPPEENRANTA\n    SK\n    53650",
      "0912 P.O. Box 287 Apt. 051, Tallinn, Estonia", "233 Erzsébet tér 19.\n Suite 282\n Domoszló\n Hungary 34796",
      "PSC 0413, Box 8144\nAPO AA 42323", "Unit 4719 Box 7394\nDPO AE 12345", "USNS Bergman\nFPO AP 93757",
      "9721 Dalmatinova 43 Apt. 678 Velenje", "1317 Kimberly Way Laidlaw Green\n Apt. 962\n Grand Rapids\n United States 21959",
      "the corner of Dalbraut 99 and Frederikke Coves", "ul. Narewska 94\n Apt. 478\n Poznań\n Poland",
      "the corner of 74 Sikelianou Street and ten Pas Pass", "9543 1819 St. John Street Suite 056, Tubize, Belgium",
      "Árpád fejedelem útja 62.\n Apt. 518\n Szeged\n Hungary 67420",
      "5670 R José A Madeira 1 Suite 696\n Limassol\n, FA\n Cyprus (Greek) 26933"})
  void shouldCoverTheWholeAddressBlockWithOneFinding(String address) {
    String text = "Please send the letter to " + address + " before Friday.";
    assertThat(geo(text)).as(address).contains(address);
  }

  @Test
  void shouldExtendOverTheRestOfALowerCaseMessage() {
    assertThat(geo("eva lives at 255 hersnapvej 18, københavn k")).containsExactly("255 hersnapvej 18, københavn k");
    assertThat(geo("3747 3911 fourth avenue suite 112 calgary alberta"))
        .containsExactly("3747 3911 fourth avenue suite 112 calgary alberta");
  }

  @Test
  void shouldFindCuedPostcodesInEveryFormatButNoBareNumbers() {
    assertThat(geo("my zip code is 35350")).containsExactly("35350");
    assertThat(geo("ZIP: 394 13")).containsExactly("394 13");
    assertThat(geo("postcode 3610-114 please")).containsExactly("3610-114");
    assertThat(geo("Pt in room 4521, lactate 2200, platelets 15000, glucose 110.")).isEmpty();
  }

  @Test
  void shouldEndTheCornerAtTheSentenceAndTheBlockAtAPhoneLine() {
    assertThat(geo("Meet at the corner of Wiese tér 118. and Hilbrink Road. They're late."))
        .containsExactly("the corner of Wiese tér 118. and Hilbrink Road.");
    assertThat(geo("21 Koskikatu 25\n Oulu\n Finland 90100\n555 1234 office"))
        .containsExactly("21 Koskikatu 25\n Oulu\n Finland 90100");
    assertThat(geo("ZIP: 7412 SL")).containsExactly("7412 SL");
  }

  @Test
  void shouldKeepAUsStateOutOfTheAddress() {
    assertThat(geo("Home: 5918 Vunderink Way, Haverhals Falls, TX 75710. Seen today."))
        .containsExactly("5918 Vunderink Way, Haverhals Falls", "75710");
  }

  @Test
  void shouldTakeACityLineInCapitalsAboveTheStateAndZip() {
    assertThat(geo("Our offices are located at 6556 106 Rue Ettatawer Apt. 409\nSOUTH NEWDEGATE, WA 16469"))
        .containsExactly("6556 106 Rue Ettatawer Apt. 409\nSOUTH NEWDEGATE", "16469");
    assertThat(geo("Mail to 12 Kowalczyk Street Apt 4\nHAVERHALS FALLS, TX 75710\nPlan: follow up"))
        .containsExactly("12 Kowalczyk Street Apt 4\nHAVERHALS FALLS", "75710");
  }

  @Test
  void shouldTakeARegionCodeAfterACityInCapitalsEvenBeforeProse() {
    assertThat(geo("I'll meet you at 41377 Schachterlweg 62 Apt. 501 POLSING OO after the concert."))
        .containsExactly("41377 Schachterlweg 62 Apt. 501 POLSING OO");
    assertThat(geo("Lives at 12 Oak Street Apt 4, ED visit after the fall")).containsExactly("12 Oak Street Apt 4");
    assertThat(geo("Lives at 12 Oak Street Apt 4 PT to see him")).containsExactly("12 Oak Street Apt 4");
  }

  @Test
  void shouldTakeAStreetWordBeforeTheHouseNumberOnTheFirstLineOfABlock() {
    String block = "Fuglie 41 Popović Dam\n Suite 860\n UPPLANDS VÄSBY\n Sweden 56687";
    assertThat(geo("Dataweave\n\n" + block)).containsExactly(block);
    assertThat(geo("Home 41 Main St\n Apt 4\n Oulu\n Finland 90100"))
        .containsExactly("41 Main St\n Apt 4\n Oulu\n Finland 90100");
  }

  @Test
  void shouldStopTheBlockAtALineThatIsNotAnAddress() {
    assertThat(geo("Lives at 12 Koskikatu 25\nChief Complaint: chest pain\nAssessment and Plan"))
        .containsExactly("12 Koskikatu 25");
    assertThat(geo("Address: 44 Oak Street\nPlan\nContinue metoprolol 25 mg")).containsExactly("44 Oak Street");
    assertThat(geo("Lives at 12 Oak Street with her daughter, walks 2 blocks.")).containsExactly("12 Oak Street");
    assertThat(geo("Lives at 12 Oak Street. BP 120/80, HR 72.")).containsExactly("12 Oak Street.");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Metoprolol 25 mg twice daily; Lisinopril 10 mg; Parkinson's disease since 2019.",
      "Graves' disease, TSH 0.01; Strength 5/5; BP 120/80; GCS 15; pain 7/10 at 0800.",
      "Given via PEG 2 times; via IV push 4 mg; rue 2 times daily.", "During 1971 she had Hodgkin disease.",
      "In 2019 Bell palsy; in Lantus 1000 units; in Room 4521 at 10 00.", "et al. Lancet 2019 412 patients",
      "the corner of the bed and the wall", "DOB 25 Sep 2002\nWBC 11.2"})
  void shouldLeaveClinicalTextAlone(String text) {
    assertThat(geo(text)).as(text).isEmpty();
  }
}
