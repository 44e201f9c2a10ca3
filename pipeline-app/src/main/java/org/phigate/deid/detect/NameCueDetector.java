package org.phigate.deid.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.phigate.gazetteer.Lexicon;
import org.phigate.schema.PhiCategory;
import org.phigate.schema.PhiFinding;

/**
 * Names introduced or followed by a cue, whether or not a dictionary knows them: titles ("Dr. Fenwhistle"),
 * "pt"/"patient", relations ("his wife Mary", "daughter, Ana"), signatures and routing ("Signed:", "cc:", "seen by",
 * "Dear ...", "Sincerely,"), credentials after the name ("Ana Ruiz, RN") and an age phrase after it ("Lan Tran is a
 * 45 yo"). Introductions ("my name is", "call me", "maiden name is", "What's your last name?"), follow-ups ("follow
 * up with", "directed by"), a verb after the name ("X lives at", "X is from", "X returns from") and speaker labels
 * before a quote. The name itself is read by {@link NameTokens}: capitalized name-like words, particles and
 * initials; English words and clinical terms end it, so "Pt Denies" and "seen by cardiology" yield nothing. Some
 * cues also admit what {@link NameForms} reads: an English-word surname after a title or introduction ("Mr.
 * Spears"), and lower-case names ("my name is lena andersson"; after weaker cues only with a dictionary name).
 */
public final class NameCueDetector implements Detector {
  private static final String SP = "[ \\t]";
  private static final Pattern SPEAKER_LABEL = Pattern.compile(":" + SP + "+(?=\\p{Lu})");
  private static final List<Cue> BEFORE = Cue.load("before");
  private static final List<Cue> AFTER = Cue.load("after");

  /** Note section labels no word list holds ("Neuro: intact"): never a speaker in a dialogue. */
  private static final Set<String> SECTION_LABELS = DetectWords.set("name-cue-detector.section-labels");
  private final Lexicon lexicon;
  private final boolean shapeModel;

  public NameCueDetector() {
    this(true);
  }

  /**
   * With {@code shapeModel} false, the name-shape model's cue-less findings are left out (a site that turns the name
   * dictionaries off, {@code deid.detect.name.dictionary=false}: the model is trained on them).
   */
  public NameCueDetector(boolean shapeModel) {
    this.lexicon = Lexicon.get();
    this.shapeModel = shapeModel;
  }

  /** What a cue admits besides capitalized name words. */
  private enum Mode {
    /** Capitalized name-like words only. */
    NAME,
    /** Also a capitalized English word or eponym as surname ("Mr. Spears") and a lower-case name. */
    TITLE,
    /** Also a lower-case name. */
    LOWER,
    /** Also a lower-case name holding a dictionary name ("follow up with benjamin a seiler"). */
    LOWER_DICT,
    /** A speaker label before a quote, at the start of a line or sentence ("Mika: \"who are you?\""). */
    SPEAKER,
    /** A speaker label before speech without quotes: only a dictionary first name ("John: You saved my life!"). */
    SPEAKER_NAME,
    /** A name addressed at the end of a question or exclamation, after a comma ("Remember me, Maria?"). */
    VOCATIVE
  }

  /** One cue rule of {@code deid/name-cues.tsv}. */
  private record Cue(String name, double confidence, MatchStarts starts, Pattern pattern, Mode mode) {
    static List<Cue> load(String side) {
      List<Cue> out = new ArrayList<>();
      for (String line : DetectWords.lines("/deid/name-cues.tsv")) {
        String[] f = line.split("\t", 6);
        if (f[0].equals(side)) {
          out.add(new Cue(f[1], Double.parseDouble(f[2]), starts(f[4]), Pattern.compile(f[5]), Mode.valueOf(f[3])));
        }
      }
      return List.copyOf(out);
    }

    /**
     * "words:mr|dr", "chars:, \\t;skip:, \\t;cues:md|rn", with ";notAfter:", ";requires:", ";orAny:" and
     * ";lineStart:" (matches at a line start only).
     */
    private static MatchStarts starts(String spec) {
      java.util.Map<String, String> k = new java.util.HashMap<>();
      for (String part : spec.split(";")) {
        int colon = part.indexOf(':');
        k.put(part.substring(0, colon), part.substring(colon + 1).replace("\\t", "\t").replace("\\n", "\n"));
      }
      MatchStarts s = k.containsKey("words") ? MatchStarts.prefixes(k.get("words")) : MatchStarts.of(k.get("chars"));
      s = k.containsKey("notAfter") ? s.notAfter(k.get("notAfter")) : s;
      s = k.containsKey("cues") ? s.then(k.get("skip"), k.get("cues")) : s;
      s = k.containsKey("requires") ? s.requires(k.get("requires")) : s;
      s = k.containsKey("orAny") ? s.orAny(k.get("orAny")) : s;
      return k.containsKey("lineStart") ? s.where(MatchStarts::lineStart) : s;
    }
  }

  @Override
  public List<PhiFinding> find(String path, String text, KnownIdentifiers known) {
    NameTokens tokens = NameTokens.of(text, lexicon);
    List<PhiFinding> out = new ArrayList<>();
    for (Cue cue : BEFORE) {
      Matcher m = cue.pattern().matcher(text);
      for (int from = 0; cue.starts().find(m, text, from); from = MatchStarts.after(m)) {
        int i = tokens.indexAt(m.end());
        if (i < tokens.tokens().size() && tokens.tokens().get(i).start() == m.end()) {
          add(out, path, before(tokens, i, cue.mode()), cue);
        }
      }
    }
    boolean dialogue = false;
    for (Cue cue : AFTER) {
      Matcher m = cue.pattern().matcher(text);
      for (int from = 0; cue.starts().find(m, text, from); from = MatchStarts.after(m)) {
        int[] span = after(tokens, m.start(), cue.mode());
        span = span != null && abbreviation(tokens, span) ? null : span;
        dialogue |= span != null && cue.mode() == Mode.SPEAKER_NAME;
        add(out, path, span, cue);
      }
    }
    if (dialogue) {
      // a dialogue: once one speaker label is a dictionary first name, the other labels are speakers too
      Matcher m = SPEAKER_LABEL.matcher(text);
      while (m.find()) {
        int[] span = tokens.backward(m.start());
        if (span != null && tokens.indexAt(span[0]) == tokens.indexAt(m.start()) - 1
            && NameForms.startsClause(text, span[0])
            && !SECTION_LABELS.contains(Lexicon.lower(text.substring(span[0], span[1])))) {
          add(out, path, span, new Cue("cue:name-dialogue", 0.7, null, SPEAKER_LABEL, Mode.NAME));
        }
      }
    }
    NameSubjectFrames.persons(tokens, path, out);
    if (shapeModel) {
      NameShapeFrames.find(tokens, path, out);
    }
    NameSubjectFrames.find(tokens, path, out);
    NameRunFrames.find(tokens, path, out);
    LowerNameCues.find(tokens, path, out);
    return out;
  }

  private static int[] before(NameTokens tokens, int i, Mode mode) {
    return switch (mode) {
      case TITLE -> NameForms.afterTitle(tokens, i, true, true, false);
      case LOWER -> NameForms.afterTitle(tokens, i, false, true, false);
      case LOWER_DICT -> NameForms.afterTitle(tokens, i, false, true, true);
      default -> tokens.forward(i);
    };
  }

  private static int[] after(NameTokens tokens, int offset, Mode mode) {
    int[] span = tokens.backward(offset);
    if (mode == Mode.NAME) {
      return span;
    }
    if (mode == Mode.SPEAKER_NAME) {
      int i = tokens.indexAt(offset) - 1;
      NameTokens.Tok t = i >= 0 ? tokens.tokens().get(i) : null;
      return span != null && t.kind() == NameTokens.Kind.STRONG && t.firstName() && span[0] == t.start()
          && NameForms.startsClause(tokens.text(), span[0]) ? span : null;
    }
    if (mode == Mode.VOCATIVE) {
      return span != null && span[0] >= 2 && tokens.text().startsWith(", ", span[0] - 2) ? span : null;
    }
    span = span != null ? span : NameForms.lowerBackward(tokens, offset, mode == Mode.LOWER_DICT);
    return mode == Mode.SPEAKER && span != null && !NameForms.startsClause(tokens.text(), span[0]) ? null : span;
  }

  /**
   * One short all-caps word that is a clinical term or that no name list holds: an abbreviation heading a phrase
   * ("NKDA, 55 yo", "GERD, 45 yo"), not a name before its cue.
   */
  private boolean abbreviation(NameTokens tokens, int[] span) {
    String word = tokens.text().substring(span[0], span[1]);
    if (word.length() > 5 || !word.chars().allMatch(c -> Character.isUpperCase(c) || Character.isDigit(c))) {
      return false;
    }
    int i = tokens.indexAt(span[0]);
    NameTokens.Tok t = i >= 0 ? tokens.tokens().get(i) : null;
    return t != null && t.end() == span[1] && (lexicon.isClinicalTerm(word)
        || t.kind() != NameTokens.Kind.STRONG && t.kind() != NameTokens.Kind.WEAK);
  }

  private static void add(List<PhiFinding> out, String path, int[] span, Cue cue) {
    if (span != null && span[1] - span[0] >= 2) {
      out.add(Findings.span(PhiCategory.NAME, path, span[0], span[1], cue.name(), cue.confidence()));
    }
  }
}
