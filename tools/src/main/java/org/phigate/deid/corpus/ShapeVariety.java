package org.phigate.deid.corpus;

import static org.phigate.deid.corpus.CorpusValues.pick;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.phigate.deid.corpus.Template.Val;

/**
 * Values for the "clinic" note kind, which tests cue-less single names against the name-shape model: held-out given
 * and family names alone in person frames (gold NAME), and capitalized words that are no names, from values in no
 * detection or training list: invented drug brands, device makers and insurers, real organisms and eponyms.
 */
public final class ShapeVariety {
  /** Invented drug brand names (checked against every detection and training list by a unit test). */
  static final List<String> BRANDS = List.of("Zolvexa", "Trelvanor", "Quenzira", "Davoprex", "Lumiqor", "Fexabrin",
      "Noravant", "Oxelta", "Vantrizol", "Belotrim", "Caprelza", "Estivor", "Duvelane", "Miravost", "Tazurel",
      "Rhondexa", "Pelquin", "Sorvida", "Kelvanta", "Ublotrex", "Nexadrel", "Velkaro", "Zintara", "Olvespa");
  /** Invented device makers and insurers. */
  static final List<String> COMPANIES = List.of("Dexmoor", "Veltrona", "Halvex", "Corvant", "Medilux", "Ostrava",
      "Brightwell", "Kyrona", "Tandemar", "Solvanta", "Cignova", "Aldermere", "Wellquest", "Harbrook", "Unicare");
  private static final List<String> DEVICES = List.of("pump", "monitor", "stent", "pacemaker", "inhaler",
      "glucometer", "sensor");
  /** Real organisms (genus and species). */
  static final List<String> ORGANISMS = List.of("Moraxella catarrhalis", "Stenotrophomonas maltophilia",
      "Achromobacter xylosoxidans", "Burkholderia cepacia", "Serratia marcescens", "Citrobacter freundii",
      "Enterobacter cloacae", "Proteus mirabilis", "Acinetobacter baumannii", "Pseudomonas aeruginosa",
      "Bartonella henselae", "Aspergillus fumigatus", "Candida auris", "Klebsiella oxytoca", "Eikenella corrodens");
  /** Eponyms and named findings, in the phrases notes use. */
  static final List<String> EPONYMS = List.of("Takayasu arteritis", "Kikuchi disease", "Tietze syndrome",
      "Brugada pattern", "Mobitz type II block", "Wenckebach periodicity", "Kussmaul breathing",
      "Pfannenstiel incision",
      "Lisfranc fracture", "Monteggia fracture", "Osler nodes", "Janeway lesions", "McMurray test", "Spurling test",
      "Finkelstein test", "Ehlers-Danlos syndrome", "Sjogren syndrome", "Dupuytren contracture", "Charcot foot");

  private ShapeVariety() {}

  /** The invented drug brands and company names, for the test that keeps them out of every list. */
  public static List<String> inventedWords() {
    List<String> all = new java.util.ArrayList<>(BRANDS);
    all.addAll(COMPANIES);
    return List.copyOf(all);
  }

  static void add(Map<String, Val> v, Random rnd, NamePools names) {
    v.put("BRAND", Val.plain(pick(rnd, BRANDS)));
    v.put("BRAND2", Val.plain(pick(rnd, BRANDS)));
    v.put("BRAND3", Val.plain(pick(rnd, BRANDS)));
    v.put("ORG", Val.plain(pick(rnd, ORGANISMS)));
    v.put("DEVCO", Val.plain(pick(rnd, COMPANIES)));
    v.put("DEV", Val.plain(pick(rnd, DEVICES)));
    v.put("INS", Val.plain(pick(rnd, COMPANIES)));
    v.put("EPO", Val.plain(pick(rnd, EPONYMS)));
    for (int i = 1; i <= 3; i++) {
      List<String> pool = rnd.nextBoolean() ? names.heldFirst : names.heldLast;
      v.put("H" + i, new Val(pick(rnd, pool), "NAME", "relative"));
    }
  }
}
