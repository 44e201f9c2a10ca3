package org.phigate.inference;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.phigate.gazetteer.ContextEnhancer;
import org.phigate.gazetteer.Gazetteer;
import org.phigate.gazetteer.Spotter;
import org.phigate.gazetteer.Words;

/**
 * Last line of defense before the model: re-scans every prompt for anything that looks like
 * PHI that de-identification should have removed, and fails closed.
 *
 * <p>The rule set is a small list of named regular-expression {@link Rule}s plus an optional
 * deny list (site-specific terms: facility names, local identifiers, ...). PHIGate tokens such
 * as {@code [NAME-4f2a9c01]} are masked before the rules run, so token-only prompts pass.
 * Clinical text with ordinary numbers passes: {@code BP 120/80}, {@code 5 mg}, {@code 2 weeks},
 * {@code A1c 7.2}, {@code pain 7/10}, a bare year such as {@code 2019}, and {@code 90+}.
 *
 * <p>Before scanning, the prompt is NFKC-normalized (full-width digits become ASCII) and
 * invisible format characters (zero-width spaces etc.) are removed, so they cannot be used to
 * split an identifier; offsets in {@link EgressBlockedException} refer to that normalized text.
 *
 * <p>Known, deliberate gaps (covered upstream by the detector, not here, to keep false
 * positives on clinical text low): a numeric month/day without a year is only blocked after a
 * date word ("on 3/14", "since 3/14"), because "7/10" is usually a pain score; street
 * addresses are recognised in the usual capitalized form ("12 Elm Street").
 *
 * <p>Names and places are checked too, independently of the detector that produced the text: the gazetteer pass
 * ({@link Spotter}, the same lists and cue words the deid role uses) over the prompt outside the placeholders blocks
 * a person ({@code NAME_GAZETTEER}) or a place or street ({@code PLACE_GAZETTEER}) that scores as PHI.
 *
 * <p>Fail closed: a null prompt, an over-long prompt or any internal error blocks the prompt.
 * Instances are immutable and thread-safe.
 */
public final class EgressGuard {

  /** One named detection rule. */
  public record Rule(String name, Pattern pattern) {
    public Rule {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(pattern, "pattern");
    }
  }

  /** Prompts longer than this are blocked rather than scanned (bounded regex work). */
  public static final int MAX_PROMPT_CHARS = 100_000;

  /** PHIGate token, as produced by the pseudonymizer: {@code [CATEGORY-hex]}. */
  static final Pattern TOKEN = Pattern.compile("\\[[A-Z][A-Z0-9_]*-[0-9a-f]{4,64}\\]");

  private static final String MONTH =
      "(?:(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|june?|july?|aug(?:ust)?"
          + "|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)|May|MAY)";

  private static final String STATE =
      "(?:AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV"
          + "|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR|GU|VI)";

  private static final List<Rule> DEFAULT_RULES = List.of(
      rule("SSN", "(?<![\\d-])\\d{3}[- ]\\d{2}[- ]\\d{4}(?![\\d-])"),
      rule("PHONE",
          "(?<![\\w/.])(?:\\+?1[\\s.-]?)?(?:\\(\\d{3}\\)\\s?|\\d{3}[\\s.-])\\d{3}[\\s.-]\\d{4}(?![\\d])"),
      rule("PHONE_LOCAL", "(?<![\\w/.-])\\d{3}-\\d{4}(?![\\d-])"),
      rule("EMAIL", "[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}"),
      rule("URL", "(?i)(?:\\b(?:https?|ftp|file)://|\\bwww\\.)\\S+"
          + "|\\b[a-z0-9-]+(?:\\.[a-z0-9-]+)*\\.(?:com|org|net|gov|edu|io|us|info|biz|health|care)\\b"),
      rule("IPV4", "(?<![\\d.])(?:\\d{1,3}\\.){3}\\d{1,3}(?![\\d.]*\\d)"),
      rule("IPV6", "(?i)(?<![\\w:])(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}(?![\\w:])"),
      rule("DATE_NUMERIC",
          "(?<![\\d/.-])(?:\\d{1,2}[/.-]\\d{1,2}[/.-](?:\\d{4}|\\d{2})"
              + "|\\d{4}[/.-]\\d{1,2}[/.-]\\d{1,2})(?![/.-]?\\d)"),
      rule("DATE_MONTH_DAY_AFTER_DATE_WORD",
          "(?i)\\b(?:on|since|until|till|dated|dob|born|d\\.o\\.b\\.?)\\s*:?\\s+\\d{1,2}/\\d{1,2}(?![/\\d])"),
      rule("DATE_MONTH_NAME",
          "\\b" + MONTH + "\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?(?!\\d)"
              + "|\\b\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?" + MONTH + "\\b"),
      rule("AGE_OVER_89",
          "(?i)\\b(?:9\\d|1[0-4]\\d)\\s*-?\\s*(?:y/?o\\b|yo\\b|y\\.o\\.|years?[\\s-]*old|yrs?[\\s-]*old)"
              + "|\\bage[ds]?\\s*:?\\s*(?:9\\d|1[0-4]\\d)(?![\\d+])"),
      rule("LONG_DIGIT_RUN", "(?<!\\d)\\d{7,}(?!\\d)"),
      // one separator throughout, as card and account numbers are written: "2020 0700-1900" is a year the date
      // policy kept and a shift
      rule("DIGIT_GROUPS", "(?<![\\d-])\\d{4}([ -])\\d{4}\\1\\d{4}(?:\\1\\d{1,4})?(?![\\d-])"),
      rule("LABELLED_ID",
          "(?i)\\b(?:mrn|ssn|medical record(?: number| no\\.?)?|acct|account(?: number| no\\.?)?"
              + "|member id|policy(?: number| no\\.?)|license(?: number| no\\.?)|npi|dea)\\b"
              + "\\s*(?:[:#]|no\\.?)?\\s*[A-Z0-9-]*\\d[A-Z0-9-]{3,}"),
      rule("STREET_ADDRESS",
          "\\b\\d{1,6}\\s+(?:[NSEW]\\.?\\s+)?(?:[A-Z][A-Za-z'-]+\\.?\\s+){1,3}"
              // "Dr." before a placeholder is a title: "2019 Hello Dr. [NAME-..]" is a kept year and a greeting
              + "(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr(?!\\.?\\s+#)|Court|Ct|Way|Place|Pl"
              + "|Terrace|Ter|Circle|Cir|Highway|Hwy|Parkway|Pkwy|Square|Sq|Trail|Trl)\\b"),
      rule("PO_BOX_OR_UNIT", "(?i)\\bP\\.?\\s*O\\.?\\s*Box\\s+\\d+|\\b(?:apt|apartment|suite|ste)\\.?\\s*#?\\s*\\d+"),
      rule("ZIP", "\\b" + STATE + ",?\\s+\\d{5}(?:-\\d{4})?\\b|(?<![\\d-])\\d{5}-\\d{4}(?![\\d-])"));

  /**
   * Left out of the name and place pass: a redacted span without a token ({@code [NAME]}) and a code with a count
   * ({@code NAME=2, OTHER_ID=6} in the prompt's category counts).
   */
  static final Pattern CODES = Pattern.compile("\\[[A-Z][A-Z_]*\\]|\\b[A-Z][A-Z_]*=\\d+");

  private final List<Rule> rules;
  private final Spotter spotter;

  /** Guard with the default rules and no deny list. */
  public EgressGuard() {
    this(List.of());
  }

  /**
   * Guard with the default rules plus a deny list: each term is matched case-insensitively as a
   * whole word (not inside a longer word). Blank terms are ignored.
   */
  public EgressGuard(Collection<String> denyList) {
    List<Rule> all = new ArrayList<>(DEFAULT_RULES);
    List<String> terms = new ArrayList<>();
    for (String term : Objects.requireNonNull(denyList, "denyList")) {
      if (term != null && !term.isBlank()) {
        terms.add(Pattern.quote(normalize(term.strip())));
      }
    }
    if (!terms.isEmpty()) {
      all.add(new Rule("DENY_LIST", Pattern.compile(
          "(?iu)(?<![\\p{L}\\p{N}])(?:" + String.join("|", terms) + ")(?![\\p{L}\\p{N}])")));
    }
    this.rules = List.copyOf(all);
    this.spotter = new Spotter(Gazetteer.shipped());
  }

  /** The rules this guard applies, in order. */
  public List<Rule> rules() {
    return rules;
  }

  /**
   * Passes silently or throws.
   *
   * @throws EgressBlockedException naming the first rule that matched (in rule order) and its
   *     offset, or {@code INVALID_PROMPT}, {@code PROMPT_TOO_LONG}, {@code INTERNAL_ERROR}
   */
  public void check(String prompt) {
    if (prompt == null) {
      throw new EgressBlockedException("INVALID_PROMPT", -1);
    }
    if (prompt.length() > MAX_PROMPT_CHARS) {
      throw new EgressBlockedException("PROMPT_TOO_LONG", MAX_PROMPT_CHARS);
    }
    String scanned;
    try {
      scanned = maskTokens(normalize(prompt));
    } catch (RuntimeException | StackOverflowError e) {
      throw new EgressBlockedException("INTERNAL_ERROR", -1);
    }
    for (Rule rule : rules) {
      int offset;
      try {
        Matcher m = rule.pattern().matcher(scanned);
        offset = m.find() ? m.start() : -1;
      } catch (RuntimeException | StackOverflowError e) {
        // never include the cause: its message could carry prompt text
        throw new EgressBlockedException("INTERNAL_ERROR", -1);
      }
      if (offset >= 0) {
        throw new EgressBlockedException(rule.name(), offset);
      }
    }
    namesAndPlaces(scanned);
  }

  /** The gazetteer pass: the first person or place candidate at or above the PHI threshold blocks the prompt. */
  private void namesAndPlaces(String scanned) {
    Spotter.Spot hit = null;
    try {
      Words words = Words.of(CODES.matcher(scanned).replaceAll(m -> "#".repeat(m.group().length())));
      for (Spotter.Spot s : spotter.spots(words)) {
        if (ContextEnhancer.shipped().enhance(words, s.first(), s.cues(), s.score()) >= Spotter.THRESHOLD) {
          hit = s;
          break;
        }
      }
    } catch (RuntimeException | StackOverflowError e) {
      throw new EgressBlockedException("INTERNAL_ERROR", -1);
    }
    if (hit != null) {
      throw new EgressBlockedException(hit.type() == Spotter.Type.PERSON ? "NAME_GAZETTEER" : "PLACE_GAZETTEER",
          hit.start());
    }
  }

  /** True when {@link #check} would pass. */
  public boolean allows(String prompt) {
    try {
      check(prompt);
      return true;
    } catch (EgressBlockedException e) {
      return false;
    }
  }

  static String normalize(String text) {
    return Normalizer.normalize(text, Normalizer.Form.NFKC).replaceAll("\\p{Cf}", "");
  }

  /** Replaces every PHIGate token by '#' characters of the same length (keeps offsets). */
  static String maskTokens(String text) {
    Matcher m = TOKEN.matcher(text);
    StringBuilder sb = new StringBuilder(text.length());
    int last = 0;
    while (m.find()) {
      sb.append(text, last, m.start()).append("#".repeat(m.end() - m.start()));
      last = m.end();
    }
    return sb.append(text, last, text.length()).toString();
  }

  private static Rule rule(String name, String regex) {
    return new Rule(name, Pattern.compile(regex));
  }
}
