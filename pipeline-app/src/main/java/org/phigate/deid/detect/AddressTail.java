package org.phigate.deid.detect;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.phigate.gazetteer.Lexicon;

/**
 * Where an address that starts with a street (or post box) ends: the rest of its line and the following lines of
 * its block, token by token (unit, place words, region code, postcode, country). A token that is not address-shaped
 * (a lower-case word in mixed-case text, clinical vocabulary, a label with a colon, a dose) ends the address; a
 * following line is taken only when all of it is address-shaped; capitalized common English words ("Grand Rapids")
 * count only when a stronger part follows them. A two-letter US state before a ZIP ends the address: states are
 * not PHI, the ZIP is found on its own.
 */
final class AddressTail {
  static final String MORE_COUNTRIES = DetectWords.alternation("address-tail.more-countries");
  private static final Pattern COUNTRY = Pattern.compile("(?iu)(?:" + AddressForms.COUNTRIES + "|"
      + MORE_COUNTRIES + "|United States(?: of America)?|USA|U\\.S\\.A?\\.?)(?:[ \\t]*\\([\\p{L} ]{1,20}\\))?"
      + "(?![\\p{L}])");
  private static final Pattern UNIT = Pattern.compile("(?i)(?:" + DetectWords.alternation("address-tail.unit")
      + ")\\.?[ \\t]*#?[ \\t]*[A-Za-z]?\\d{1,5}[A-Za-z]?(?![\\p{Alnum}])|#[ \\t]?\\d{1,5}[A-Za-z]?\\b");
  private static final Pattern POSTCODE = Pattern.compile("\\d{3}[ ]\\d{2}(?![ ]?\\d)|\\d{3,6}(?:-\\d{3,4})?|\\d{2}-\\d{3}");
  private static final Pattern UNIT_OF_MEASURE = Pattern.compile("(?i)[ \\t]*(?:" + DetectWords.alternation("address-tail.unit-of-measure")
      + ")\\b");
  private static final Pattern US_STATE = Pattern.compile("(?:" + AddressDetector.STATES + ")");
  private static final Pattern STOP_WORDS = Pattern.compile("(?i)phone|tel|telephone|fax|mobile|cell|email|e-mail"
      + "|dr|mr|mrs|ms|miss|prof|seen|patient|pt|dob|mrn|date|re|subject|dear|hi|hello|thanks|regards|sincerely");
  private static final Pattern PARTICLE = Pattern.compile("de|do|da|du|des|del|della|dei|di|dos|das|la|le|les|van"
      + "|von|der|den|ten|ter|u|v|na|nad|pod|am|an|im|sur|sous|en|y|e|of|upon|on|by|the|and|&");
  /** Compass words start many place names ("SOUTH NEWDEGATE"); some clinical vocabularies list them too. */
  private static final Pattern COMPASS = Pattern.compile("(?i)north|south|east|west|northeast|northwest|southeast"
      + "|southwest");
  private static final Pattern ABBREVIATION = Pattern.compile("(?i)st|ste|apt|ave|rd|blvd|dr|ln|ct|u|ul|str|mt|ft|pt"
      + "|no|nr|n[º°]|[a-z]");
  private static final Pattern US_ZIP_AFTER = Pattern.compile(",?[ \\t]+\\d{5}(?:-\\d{4})?(?!\\d)");
  /** What may follow a region code: the end of the line or text, a comma, a postcode, a place or a country. */
  private static final Pattern CODE_FOLLOWER = Pattern.compile("[ \\t]*(?:$|\\r?\\n|,|[.;?!](?!\\d)|\\d{3,6}(?![\\d/:]|\\.\\d)"
      + "|\\p{Lu}[\\p{L}'’-]+(?:[ \\t]*(?:$|\\r?\\n|,|\\d)))");
  /**
   * A city in capitals right before a region code ("Apt. 501 POLSING OO after the concert"): the postal way of
   * writing the last line, so the code belongs to the address even when prose follows it in mixed-case text.
   */
  private static final Pattern POSTAL_CITY_BEFORE = Pattern.compile("(?<![\\p{L}])\\p{Lu}{3,}[ \\t]+$");
  private static final Pattern PROSE_AFTER = Pattern.compile("[ \\t]+\\p{Ll}{2,}\\b");
  private static final Pattern CODE_FIELD = Pattern.compile("[ \\t]*,[ \\t]*\\p{L}{2,3}");
  private static final Pattern END_OF_LINE = Pattern.compile("[ \\t]*(?:\\r?\\n|$)");
  private static final int MAX_LINES = 6;

  private enum Kind { STRONG, WEAK, CODE, NUMBER, STOP }

  private AddressTail() {}

  /** The end of the address whose street part ends at {@code end}. */
  static int extend(String text, int end) {
    if (end > 0 && text.charAt(end - 1) == '.' && sentenceEndsAt(text, end)
        && !UNIT.matcher(text).region(MatchStarts.skipBlanks(text, end), text.length()).lookingAt()) {
      return end;
    }
    boolean lowerText = LowerCaseText.unchangedByLowerCase(text);
    int accepted = end;
    int lastEnd = end;
    int pos = end;
    Kind prev = Kind.STRONG;
    int lines = 0;
    boolean lineStart = false;
    boolean afterComma = false;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == ' ' || c == '\t' || c == '\r') {
        pos++;
        continue;
      }
      if (c == ',') {
        afterComma = true;
        pos++;
        continue;
      }
      if (c == '\n') {
        int next = nextLine(text, pos, lowerText);
        if (next < 0 || ++lines > MAX_LINES) {
          break;
        }
        pos = next;
        lineStart = true;
        continue;
      }
      Token t = token(text, pos, lowerText, prev, lineStart || afterComma);
      if (t.kind == Kind.STOP) {
        // a state and ZIP confirm the city words before them, common English ones too ("HAVERHALS FALLS, TX")
        accepted = t.stateBeforeZip ? lastEnd : accepted;
        break;
      }
      lastEnd = t.end;
      if (t.kind != Kind.WEAK) {
        accepted = t.end;
      }
      prev = t.kind;
      pos = t.end;
      lineStart = false;
      afterComma = false;
      if (t.sentenceEnd) {
        break;
      }
    }
    return accepted;
  }

  /** The start of the next line of the block, or -1 when the block ends (blank line, or a line not all address). */
  private static int nextLine(String text, int newline, boolean lowerText) {
    int pos = newline + 1;
    int blank = 0;
    while (true) {
      int lineEnd = text.indexOf('\n', pos);
      lineEnd = lineEnd < 0 ? text.length() : lineEnd;
      String line = text.substring(pos, lineEnd);
      if (line.isBlank()) {
        if (++blank > 1 || lineEnd >= text.length()) {
          return -1;
        }
        pos = lineEnd + 1;
        continue;
      }
      int start = pos;
      while (start < lineEnd && " \t>?,".indexOf(text.charAt(start)) >= 0) {
        start++;
      }
      return wholeLineIsAddress(text, start, lineEnd, lowerText, blank > 0) ? start : -1;
    }
  }

  /**
   * Every token of the line is address-shaped, or its address-shaped start holds a postcode or country (the rest
   * of the line is prose: "Belgium 92060 for this card"); after a blank line only a line with a postcode or country.
   */
  private static boolean wholeLineIsAddress(String text, int start, int lineEnd, boolean lowerText, boolean afterBlank) {
    int pos = start;
    Kind prev = Kind.STRONG;
    boolean sepBefore = true;
    boolean terminal = false;
    int tokens = 0;
    while (pos < lineEnd) {
      char c = text.charAt(pos);
      if (c == ' ' || c == '\t' || c == '\r' || c == ',') {
        sepBefore |= c == ',';
        pos++;
        continue;
      }
      Token t = token(text, pos, lowerText, prev, sepBefore || tokens == 0);
      if (t.kind == Kind.STOP || t.end > lineEnd) {
        // "Belgium 92060 for this card" ends in prose; "555 1234 office" is a phone line, not a postcode;
        // "SOUTH NEWDEGATE, WA 16469" is a city line: the city is taken, the state stays, the ZIP is found alone
        return (terminal || t.stateBeforeZip && tokens > 0) && !(Character.isDigit(c) && prev == Kind.NUMBER);
      }
      terminal |= t.kind == Kind.NUMBER || t.country;
      if (++tokens > 7 || pos - start > 60) {
        return terminal;
      }
      prev = t.kind;
      pos = t.end;
      sepBefore = false;
      if (t.sentenceEnd) {
        return !afterBlank || terminal;
      }
    }
    return tokens > 0 && (!afterBlank || terminal);
  }

  /** A token; {@code stateBeforeZip} marks the stop at a US state followed by its ZIP. */
  private record Token(Kind kind, int end, boolean sentenceEnd, boolean country, boolean stateBeforeZip) {
    Token(Kind kind, int end, boolean sentenceEnd, boolean country) {
      this(kind, end, sentenceEnd, country, false);
    }
  }

  private static Token token(String text, int pos, boolean lowerText, Kind prev, boolean afterSeparator) {
    Matcher country = COUNTRY.matcher(text).region(pos, text.length());
    if (country.lookingAt() && (lowerText || Character.isUpperCase(text.charAt(pos)))) {
      return new Token(Kind.STRONG, country.end(), false, true);
    }
    Matcher unit = UNIT.matcher(text).region(pos, text.length());
    if (unit.lookingAt()) {
      return new Token(Kind.STRONG, unit.end(), false, false);
    }
    int end = pos;
    while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && text.charAt(end) != ',') {
      end++;
    }
    String raw = text.substring(pos, end);
    // ∆ (U+2206, a math sign) stands in for the Greek capital delta in many typed addresses
    String word = raw.replaceAll("[.?!;]+$", "").replace('\u2206', '\u0394');
    int wordEnd = pos + word.length();
    boolean sentenceEnd = raw.length() > word.length()
        && (raw.charAt(word.length()) != '.' || !ABBREVIATION.matcher(word).matches() || sentenceEndsAt(text, end));
    if (word.isEmpty() || word.indexOf(':') >= 0 || word.indexOf('@') >= 0 || word.indexOf('/') >= 0) {
      return stop(pos);
    }
    char first = word.charAt(0);
    if (Character.isDigit(first)) {
      Matcher post = POSTCODE.matcher(text).region(pos, text.length());
      if (post.lookingAt() && cleanEnd(text, post.end())
          && prev != Kind.WEAK && prev != Kind.NUMBER && !UNIT_OF_MEASURE.matcher(text).region(post.end(), text.length()).lookingAt()) {
        boolean ends = post.end() < text.length() && ".?!;".indexOf(text.charAt(post.end())) >= 0
            && sentenceEndsAt(text, post.end() + 1);
        return new Token(Kind.NUMBER, post.end(), ends, false);
      }
      if (word.matches("\\d{1,2}") && afterSeparator) {
        return new Token(Kind.CODE, wordEnd, sentenceEnd, false);
      }
      return stop(pos);
    }
    if (!Character.isLetter(first) && first != '(') {
      return stop(pos);
    }
    Kind kind = wordKind(word, lowerText, prev, afterSeparator, lowerText && CODE_FIELD.matcher(text)
        .region(lineStart(text, pos), wordEnd).matches() && END_OF_LINE.matcher(text).region(wordEnd, text.length()).lookingAt());
    // "nan" is an empty field of an exported address: prose may follow it directly
    if (kind == Kind.CODE && !word.equals("nan")) {
      if (US_STATE.matcher(word).matches() && US_ZIP_AFTER.matcher(text).region(wordEnd, text.length()).lookingAt()) {
        return new Token(Kind.STOP, pos, false, false, true);
      }
      if (!sentenceEnd && !CODE_FOLLOWER.matcher(text).region(wordEnd, text.length()).lookingAt()
          && !(POSTAL_CITY_BEFORE.matcher(text).region(Math.max(0, pos - 40), pos).find()
          && PROSE_AFTER.matcher(text).region(wordEnd, text.length()).lookingAt())) {
        return stop(pos);
      }
    }
    return new Token(kind, wordEnd, sentenceEnd, false);
  }

  private static int lineStart(String text, int pos) {
    return text.lastIndexOf('\n', pos - 1) + 1;
  }

  /**
   * @param codeField the word stands alone on its line after a comma (", fa"): a region field even when it spells a
   *     common word
   */
  private static Kind wordKind(String word, boolean lowerText, Kind prev, boolean afterSeparator, boolean codeField) {
    String bare = word.replaceAll("^\\(|\\)$", "");
    if (bare.isEmpty() || STOP_WORDS.matcher(bare).matches()) {
      return Kind.STOP;
    }
    boolean upper = Character.isUpperCase(bare.charAt(0));
    boolean codeHere = prev == Kind.STRONG || afterSeparator;
    if (bare.equals("nan") || bare.length() <= 3 && upper && bare.equals(bare.toUpperCase(Locale.ROOT))) {
      // a region code (or an empty "nan" field) after a place, a comma or a line break
      return codeHere ? Kind.CODE : Kind.STOP;
    }
    if (PARTICLE.matcher(bare).matches() || COMPASS.matcher(bare).matches()) {
      return Kind.WEAK;
    }
    if (!upper && !lowerText) {
      return Kind.STOP;
    }
    Lexicon lx = Lexicon.get();
    if (lx.isName(bare)) {
      return Kind.STRONG;
    }
    if (lx.isClinicalTerm(bare)) {
      return Kind.STOP;
    }
    if (lowerText && bare.length() <= 3) {
      return codeHere && (codeField || !lx.isEnglishWord(bare)) ? Kind.CODE : Kind.STOP;
    }
    return lx.isEnglishWord(bare) ? Kind.WEAK : Kind.STRONG;
  }

  private static Token stop(int pos) {
    return new Token(Kind.STOP, pos, false, false);
  }

  /** A number ends here: end of text, white space, a comma, or sentence punctuation not inside a number. */
  private static boolean cleanEnd(String text, int i) {
    if (i >= text.length()) {
      return true;
    }
    char c = text.charAt(i);
    boolean digitAfter = i + 1 < text.length() && Character.isDigit(text.charAt(i + 1));
    return Character.isWhitespace(c) || c == ',' || c == ')' || ".;?!".indexOf(c) >= 0 && !digitAfter;
  }

  /** A period at {@code end - 1} ends a sentence: the next word starts upper case or the text ends. */
  private static boolean sentenceEndsAt(String text, int end) {
    int i = MatchStarts.skipBlanks(text, end);
    return i >= text.length() || i > end && Character.isUpperCase(text.charAt(i));
  }
}
