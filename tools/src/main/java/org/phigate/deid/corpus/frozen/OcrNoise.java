package org.phigate.deid.corpus.frozen;

import java.util.Random;

/**
 * OCR-like noise for the words around the PHI in a frozen note (never inside a gold span, so offsets hold): letters
 * read as look-alike digits, "m" read as "rn", a dropped or doubled space, a stray mark. About one change in 40
 * characters.
 */
final class OcrNoise {
  private OcrNoise() {}

  static String apply(String literal, Random rnd) {
    StringBuilder out = new StringBuilder(literal.length() + 8);
    for (int i = 0; i < literal.length(); i++) {
      char c = literal.charAt(i);
      if (rnd.nextInt(40) != 0) {
        out.append(c);
        continue;
      }
      switch (c) {
        case 'l' -> out.append('1');
        case 'I' -> out.append('l');
        case 'O' -> out.append('0');
        case 'o' -> out.append(rnd.nextBoolean() ? '0' : 'o');
        case 'm' -> out.append("rn");
        case 'e' -> out.append('c');
        case 'S' -> out.append('5');
        case ' ' -> out.append(rnd.nextBoolean() ? "" : "  ");
        case '.' -> out.append(',');
        default -> out.append(c).append(rnd.nextInt(4) == 0 ? "'" : "");
      }
    }
    return out.toString();
  }
}
