package org.phigate.deid.gazetteer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Latin spellings of Cyrillic and Greek names, as patients' documents and hospital registrations write them
 * ("Ефремова" → "Efremova" and "Yefremova"; "Γιώργος" → "Giorgos"). A simple letter table in the spirit of BGN/PCGN;
 * a Cyrillic "е" at the start of a word or after a vowel yields both the "e" and the "ye" spelling.
 */
final class Transliteration {
  private static final Map<Character, String> LETTERS = Map.ofEntries(
      Map.entry('а', "a"), Map.entry('б', "b"), Map.entry('в', "v"), Map.entry('г', "g"), Map.entry('д', "d"),
      Map.entry('е', "e"), Map.entry('ё', "yo"), Map.entry('ж', "zh"), Map.entry('з', "z"), Map.entry('и', "i"),
      Map.entry('й', "y"), Map.entry('к', "k"), Map.entry('л', "l"), Map.entry('м', "m"), Map.entry('н', "n"),
      Map.entry('о', "o"), Map.entry('п', "p"), Map.entry('р', "r"), Map.entry('с', "s"), Map.entry('т', "t"),
      Map.entry('у', "u"), Map.entry('ф', "f"), Map.entry('х', "kh"), Map.entry('ц', "ts"), Map.entry('ч', "ch"),
      Map.entry('ш', "sh"), Map.entry('щ', "shch"), Map.entry('ъ', ""), Map.entry('ы', "y"), Map.entry('ь', ""),
      Map.entry('э', "e"), Map.entry('ю', "yu"), Map.entry('я', "ya"), Map.entry('і', "i"), Map.entry('ї', "yi"),
      Map.entry('є', "ye"), Map.entry('ґ', "g"), Map.entry('ў', "u"), Map.entry('ѓ', "gj"), Map.entry('ќ', "kj"),
      Map.entry('ѕ', "dz"), Map.entry('ј', "j"), Map.entry('љ', "lj"), Map.entry('њ', "nj"), Map.entry('џ', "dzh"),
      Map.entry('\'', ""), Map.entry('’', ""),
      Map.entry('α', "a"), Map.entry('ά', "a"), Map.entry('β', "v"), Map.entry('γ', "g"), Map.entry('δ', "d"),
      Map.entry('ε', "e"), Map.entry('έ', "e"), Map.entry('ζ', "z"), Map.entry('η', "i"), Map.entry('ή', "i"),
      Map.entry('θ', "th"), Map.entry('ι', "i"), Map.entry('ί', "i"), Map.entry('ϊ', "i"), Map.entry('ΐ', "i"),
      Map.entry('κ', "k"), Map.entry('λ', "l"), Map.entry('μ', "m"), Map.entry('ν', "n"), Map.entry('ξ', "x"),
      Map.entry('ο', "o"), Map.entry('ό', "o"), Map.entry('π', "p"), Map.entry('ρ', "r"), Map.entry('σ', "s"),
      Map.entry('ς', "s"), Map.entry('τ', "t"), Map.entry('υ', "y"), Map.entry('ύ', "y"), Map.entry('ϋ', "y"),
      Map.entry('ΰ', "y"), Map.entry('φ', "f"), Map.entry('χ', "ch"), Map.entry('ψ', "ps"), Map.entry('ω', "o"),
      Map.entry('ώ', "o"));
  private static final String VOWELS = "аеёиоуыэюяіїєaeiou";

  private Transliteration() {}

  /** Lower-case Latin spellings of {@code name} (one or two); empty when a letter has no mapping. */
  static List<String> latin(String name) {
    String src = name.toLowerCase(Locale.ROOT);
    StringBuilder plain = new StringBuilder();
    StringBuilder ye = new StringBuilder();
    boolean variant = false;
    for (int i = 0; i < src.length(); i++) {
      char c = src.charAt(i);
      if (c == ' ' || c == '-') {
        plain.append(c);
        ye.append(c);
        continue;
      }
      String l = LETTERS.get(c);
      if (l == null) {
        return List.of();
      }
      boolean afterVowelOrStart = i == 0 || src.charAt(i - 1) == ' ' || src.charAt(i - 1) == '-'
          || VOWELS.indexOf(src.charAt(i - 1)) >= 0;
      plain.append(l);
      if (c == 'е' && afterVowelOrStart) {
        ye.append("ye");
        variant = true;
      } else {
        ye.append(l);
      }
    }
    List<String> out = new ArrayList<>();
    out.add(plain.toString());
    if (variant) {
      out.add(ye.toString());
    }
    return out;
  }
}
