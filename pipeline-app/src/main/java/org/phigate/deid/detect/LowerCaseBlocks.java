package org.phigate.deid.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.phigate.schema.PhiCategory;
import org.phigate.schema.PhiFinding;

/**
 * Address shapes of texts typed all in lower case that carry no street word: a numbered street line ending in a
 * unit ("5670 r josé a madeira 1 suite 696"), a numbered street line after a location cue when a postcode follows
 * within the next lines ("located at 389 167 king alexander\nlady frere\n, ec\n 76634"), and a postcode after a
 * place ("in barra de carrasco 15000"). The street rules start an address that {@link AddressBlocks} extends over
 * its block. Every name word must be a person name or outside common English, and none clinical.
 */
final class LowerCaseBlocks {
  static final String DETECTOR = "pattern:street-lower-block";
  private static final String WORD = "\\p{Ll}[\\p{Ll}'’.-]{0,30}+";
  private static final String NUMBERS = "(?<![\\p{L}\\d.,/:-])\\d{1,6}(?:[ \\t]+\\d{1,6})?";
  private static final String UNIT = "(?:apt|apartment|suite|ste|flat)\\.?[ \\t]*#?[ \\t]*\\d{1,5}[a-z]?(?![\\p{Alnum}])";
  /** A postcode within the next four lines (a quick check; {@link #find} asks the block to reach it). */
  private static final String POSTCODE_BELOW = "(?=[ \\t]*,?[ \\t]*\\r?\\n(?:[^\\n]{0,40}\\r?\\n){0,3}[^\\n]{0,40}?"
      + "(?<![\\p{Alnum}])\\d{4,6}(?![\\p{Alnum}]|[.,]\\d))";
  private static final String PARTICLES = Lexicon.Cues.alternation("lower-case-blocks.particles");

  private static final RegexDetector UNIT_LINE = new RegexDetector(DETECTOR, PhiCategory.GEO, Pattern.compile(
      NUMBERS + "(?:[ \\t]+(?:" + WORD + "|\\d{1,4}[a-z]?)){1,6}[ \\t]+" + UNIT), 0.75, m -> placeWords(m, false));
  private static final RegexDetector CUED_LINE = new RegexDetector(DETECTOR, PhiCategory.GEO, Pattern.compile(
      AddressCues.CUE + "(?<phi>" + NUMBERS + "(?:[ \\t]+" + WORD + "){1,4})" + POSTCODE_BELOW), 0.75,
      m -> placeWords(m, false));
  private static final RegexDetector POSTCODE_AFTER_PLACE = new RegexDetector("pattern:postcode-after-city",
      PhiCategory.GEO, Pattern.compile("(?<=\\bin[ \\t])(?<phi>" + WORD + "(?:[ \\t]+" + WORD + "){0,3}[ \\t]+"
          + "(?:\\d{4}-\\d{3}|\\d{4,5}|\\d{3}[ ]\\d{2}))(?=[ \\t]+(?:in|on|at|for|and|to|since|with)\\b"
          + "|[ \\t]*(?:[,;!?]|\\.(?!\\d)|$))"), 0.75, m -> !m.matches(".*[ \\t](?:19|20)\\d\\d") && placeWords(m, true));

  private LowerCaseBlocks() {}

  /**
   * The findings in a text typed all in lower case; a cued street line counts only when its block, as
   * {@link AddressTail} reads it, goes on below it to a postcode.
   */
  static List<PhiFinding> find(String path, String text, KnownIdentifiers known) {
    List<PhiFinding> out = new ArrayList<>(UNIT_LINE.find(path, text, known));
    for (PhiFinding f : CUED_LINE.find(path, text, known)) {
      int end = AddressTail.extend(text, f.getEnd());
      int newline = text.indexOf('\n', f.getEnd());
      if (newline >= 0 && newline < end && Character.isDigit(text.charAt(end - 1))) {
        out.add(f);
      }
    }
    out.addAll(POSTCODE_AFTER_PLACE.find(path, text, known));
    return out;
  }

  /**
   * The words of the match (numbers, particles, initials and the unit left aside) are person names or outside
   * common English, and there is one of them. None is clinical, but where the block shape is strong evidence an
   * eponym that is also a name ("wolff") may be; where it is weak ({@code weak}), none may be drug-shaped either.
   */
  static boolean placeWords(String match, boolean weak) {
    Lexicon lx = Lexicon.get();
    boolean placeWord = false;
    String[] words = match.trim().split("[ \\t]+");
    for (String w : words) {
      String word = w.replaceAll("[.,]+$", "");
      if (word.isEmpty() || Character.isDigit(word.charAt(0)) || word.matches(PARTICLES)
          || word.matches("apt|apartment|suite|ste|flat|#")) {
        continue;
      }
      if (lx.isClinicalTerm(word) && (weak || !lx.isName(word)) || lx.isEnglishWord(word) && !lx.isName(word)
          || word.length() < 3 || weak && InternationalAddressDetector.DRUG_STEM.matcher(word).matches()) {
        return false;
      }
      placeWord = true;
    }
    return placeWord;
  }
}
