package org.phigate.deid.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.phigate.gazetteer.Lexicon;
import org.phigate.schema.PhiCategory;
import org.phigate.schema.PhiFinding;

/**
 * Extends a street-address finding (or a post box) over the rest of its address: a leading house or unit number,
 * then what {@link AddressTail} accepts after it on the same line and on the following lines of the block (unit,
 * city, region code, postcode, country).
 */
final class AddressBlocks {
  static final String DETECTOR = "pattern:address-block";
  private static final Pattern LEADING_NUMBER = Pattern.compile(
      "(?:(?:Flat|Apt|Apartment|Unit|Suite)\\.?[ \\t]*\\d{1,5}[A-Za-z]?,?[ \\t]+|(?<![\\p{Alnum}.,/:-])\\d{1,6}[ \\t]+)$");

  /** One street-name word alone before the house number at the start of its line ("Fuglie 41 Popović Dam"). */
  private static final Pattern LINE_START_WORD = Pattern.compile("(?:^|\\n)[ \\t>]*(\\p{Lu}[\\p{L}'’-]{2,30}+)[ \\t]+$");

  private static final Pattern TRAILING_UNIT_WORD = Pattern.compile("[ \\t,]+(?:"
      + DetectWords.alternation("address.unit-words") + ")$");

  private AddressBlocks() {}

  /** Whether a finding starts an address that may continue after it. */
  static boolean anchors(PhiFinding f) {
    String d = f.getDetector();
    return f.getCategory() == PhiCategory.GEO && d != null
        && (d.startsWith("pattern:street") || d.startsWith("pattern:po-box") || d.startsWith("pattern:military"));
  }

  /**
   * Where a multi-line address block starts when one place word stands before its house number on the first line:
   * the street named by its word and number, written before a second street line in some countries. The word must
   * not be common English, clinical or a label ("Home 41 Main St").
   */
  private static int lineStartWord(String text, int start, int end) {
    if (start == 0 || !Character.isDigit(text.charAt(start)) || text.indexOf('\n', start) < 0
        || text.indexOf('\n', start) >= end) {
      return start;
    }
    Matcher word = LINE_START_WORD.matcher(text).region(Math.max(0, start - 40), start);
    return word.find() && AddressForms.plausibleStreetName(word.group(1)) ? word.start(1) : start;
  }

  /** The findings with every street-address finding extended. */
  static List<PhiFinding> extend(String path, String text, List<PhiFinding> findings) {
    List<PhiFinding> out = new ArrayList<>(findings.size());
    for (PhiFinding f : findings) {
      if (!anchors(f)) {
        out.add(f);
        continue;
      }
      int start = f.getStart();
      Matcher lead = LEADING_NUMBER.matcher(text.substring(Math.max(0, start - 20), start));
      if (lead.find()) {
        start -= lead.group().length();
      }
      int end = f.getEnd();
      Matcher unitWord = TRAILING_UNIT_WORD.matcher(text.substring(start, end));
      if (unitWord.find()) {
        // "Rue Gafsa Apt" took the unit word as a name word: let the tail read "Apt. 981" as a unit
        end = start + unitWord.start();
      }
      end = Math.max(AddressTail.extend(text, end), f.getEnd());
      start = lineStartWord(text, start, end);
      out.add(start == f.getStart() && end == f.getEnd() ? f
          : Findings.span(PhiCategory.GEO, path, start, end, f.getDetector(), f.getConfidence()));
    }
    return out;
  }

  static final String LOWER_DETECTOR = "pattern:street-lower-block";
  private static final String PARTICLES = DetectWords.alternation("address-blocks.lower-particles");
  private static final Detector UNIT_LINE = RegexDetector.groupDetector("lower-block-unit");
  private static final Detector CUED_LINE = RegexDetector.groupDetector("lower-block-cued");
  private static final Detector POSTCODE_AFTER_PLACE = RegexDetector.groupDetector("lower-block-postcode");

  /**
   * Address shapes of a text typed all in lower case that carry no street word: a numbered street line ending in a
   * unit ("5670 r josé a madeira 1 suite 696"), a numbered street line after a location cue when its block, as
   * {@link AddressTail} reads it, goes on below it to a postcode ("located at 389 167 king alexander\nlady frere\n,
   * ec\n 76634"), and a postcode after a place ("in barra de carrasco 15000"). Every name word must be a person name
   * or outside common English, and none clinical. Detector name: {@value #LOWER_DETECTOR}.
   */
  static List<PhiFinding> lowerCase(String path, String text, KnownIdentifiers known) {
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
          || word.length() < 3 || weak && AddressForms.DRUG_STEM.matcher(word).matches()) {
        return false;
      }
      placeWord = true;
    }
    return placeWord;
  }
}
