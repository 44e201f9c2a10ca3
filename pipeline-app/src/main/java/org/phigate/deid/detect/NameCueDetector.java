package org.phigate.deid.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
  private static final List<Cue> BEFORE = List.of(
      new Cue("cue:name-title", 0.85, MatchStarts.prefixes("mr|ms|miss|mx|dr|prof|rev|sr|fr"), "\\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|DR|Prof|Rev|Sr|Fr)\\.?" + SP + "+", Mode.TITLE),
      new Cue("cue:name-title", 0.8, MatchStarts.prefixes("mr|ms|dr|prof"), "\\b(?:(?:mr|mrs|ms|dr|prof)\\.|mr|mrs|dr)" + SP + "+", Mode.LOWER),
      new Cue("cue:name-patient", 0.8, MatchStarts.prefixes("patient|pt"), "\\b(?:[Pp]atient|PATIENT|[Pp]t\\.?)(?:" + SP + "+(?:[Nn]ame|NAME))?"
          + SP + "*:?" + SP + "+"),
      new Cue("cue:name-relation", 0.8, MatchStarts.prefixes("wife|husband|son|daughter|mother|father|mom|dad|brother|sister|spouse|partner|friend|neighbo|caregiver|aunt|uncle|niece|nephew|cousin|grand|fianc|boyfriend|girlfriend|guardian|proxy|roommate|step|sibling|parent|poa|contact|interpreter|translator|kid|child|baby"), "(?i:\\b(?:wife|husband|son|daughter|mother|father|mom|dad|brother|sister"
          + "|spouse|partner|friend|neighbou?r|caregiver|aunt|uncle|niece|nephew|cousin|grandson|granddaughter"
          + "|grandmother|grandfather|grandma|grandpa|fianc[eé]e?|boyfriend|girlfriend|guardian|proxy|roommate"
          + "|stepson|stepdaughter|stepmother|stepfather|sibling|parent|poa|contact|interpreter|translator|kids?|child|children|baby|sons|daughters)\\b)"
          + "(?:" + SP + "*[,:]|" + SP + "+(?:named|is|was|called|\\(\\w+\\)))?" + SP + "+", Mode.LOWER_DICT),
      new Cue("cue:name-signature", 0.85, MatchStarts.prefixes("electronically|e-|signed|dictated|transcribed|author|attending|resident|fellow|pcp|primary|provider|referr|ordering|ordered|radiologist|interpreted|read|reviewed|verified|seen|evaluated|examined|discussed|spoke|message|left|name|dear|nurse|rn|contact|caller|accompanied|emergency|cosigned|np|pa|seeing|call|voicemail|text|email|letter|referral|request|sent|faxed|given|reported|forwarded|released|mailed|notified|paged|re|for|on|guarantor|insured|subscriber|witness|interpreter|chaperone|scribe|hi|hello|my|maiden|is|was|says|said|asked|told|user|customer|client|member|applicant|under"), "(?i:\\b(?:(?:electronically|e-)?signed(?:" + SP + "+by)?|dictated"
          + SP + "+by|transcribed" + SP + "+by|authored" + SP + "+by|author|attending(?:" + SP + "+physician)?"
          + "|resident|fellow|pcp|primary" + SP + "+care(?:" + SP + "+(?:physician|provider))?|provider"
          + "|referring(?:" + SP + "+(?:physician|provider|doctor))?|referred" + SP + "+by|ordering(?:" + SP
          + "+(?:physician|provider))?|ordered" + SP + "+by|radiologist|interpreted" + SP + "+by|read" + SP + "+by"
          + "|reviewed" + SP + "+by|verified" + SP + "+by|seen" + SP + "+(?:by|with)|evaluated" + SP + "+by"
          + "|examined" + SP + "+by|discussed" + SP + "+with|spoke" + SP + "+(?:with|to)|message" + SP + "+from"
          + "|left" + SP + "+(?:a" + SP + "+)?(?:message|voicemail)" + SP + "+(?:for|with)|name|dear|nurse|rn"
          + "|contact|caller|accompanied" + SP + "+by|emergency" + SP + "+contact|cosigned" + SP + "+by|np|pa"
          + "|seeing|(?:call|message|voicemail|text|e-?mail|letter|referral|request)" + SP + "+from|(?:called|sent|faxed|given|reported|forwarded|released|mailed)" + SP + "+to|notified|paged"
          + "|re|regarding|for" + SP + "+(?:patient|pt)|on" + SP + "+behalf" + SP + "+of|guarantor|insured|subscriber"
          + "|witness(?:ed" + SP + "+by)?|interpreter|chaperone|scribe|hi|hello|(?:my" + SP + "+)?name" + SP + "+is"
          + "|maiden" + SP + "+name(?:" + SP + "+(?:is|was))?|(?:is|was)" + SP + "+called|named|says|said|asked|told"
          + "|user|customer|client|member|applicant|under" + SP + "+the" + SP + "+name)\\b)"
          + SP + "*[:,]?" + SP + "+"),
      new Cue("cue:name-intro", 0.85, MatchStarts.prefixes("my|his|her|your|their|our|people|everyone|everybody|they|friends|family|call|named|maiden|what"), "(?i:\\b(?:(?:my|his|her|your|their|our)" + SP + "+(?:(?:first|last|full|maiden"
          + "|given|family|real)" + SP + "+)?name(?:" + SP + "+(?:is|was)|'s)|(?:people|everyone|everybody|they"
          + "|friends|family)" + SP + "+calls?" + SP + "+(?:me|him|her)|call" + SP + "+me|named" + SP
          + "+(?:him|her|them)|maiden" + SP + "+name(?:" + SP + "+(?:is|was))?|what'?s" + SP + "+your" + SP
          + "+(?:(?:first|last|full)" + SP + "+)?name" + SP + "*\\?))" + SP + "*[:,]?" + SP + "+", Mode.TITLE),
      new Cue("cue:name-intro", 0.8, MatchStarts.of(" \t>fFpPnN"), "(?im:^[ \\t>]*(?:full" + SP + "+|patient" + SP + "+)?name" + SP + "*:" + SP
          + "*)", Mode.TITLE),
      new Cue("cue:name-followup", 0.8, MatchStarts.prefixes("follow|f/u|directed|speak|talk"), "(?i:\\b(?:follow(?:ing)?(?:-|" + SP + "*)up" + SP + "+with|f/u" + SP
          + "+with|directed" + SP + "+by|speak" + SP + "+(?:to|with)|talk(?:ed)?" + SP + "+(?:to|with)))" + SP
          + "+", Mode.LOWER_DICT),
      new Cue("cue:name-routing", 0.85, MatchStarts.prefixes("cc|c.c.|to|from|attn|re").requires(":"), "(?i:\\b(?:cc|c\\.c\\.|to|from|attn|re)" + SP + "*:)" + SP + "*"),
      new Cue("cue:name-closing", 0.85, MatchStarts.prefixes("sincerely|regards|best|respectfully|thank|warmly|cordially|signed").requires("\n"), "(?i:\\b(?:sincerely|regards|best" + SP + "+regards|respectfully|thanks"
          + "|thank" + SP + "+you|warmly|cordially|signed)\\b)" + SP + "*[,:]?" + SP + "*\\r?\\n" + SP + "*"),
      new Cue("cue:name-closing", 0.8, MatchStarts.prefixes("thank|regards|sincerely|best|cheers|love|warmly|cordially|respectfully"), "(?i:\\b(?:thanks|thank" + SP + "+you|regards|sincerely|best|cheers|love"
          + "|warmly|cordially|respectfully))" + SP + "*[,.-]+" + SP + "*", Mode.LOWER_DICT));
  private static final String VERB = "(?<![ \\t])" + SP + "++(?:(?:lives|lived|resides|resided|stays|stayed|is" + SP
      + "+living)" + SP + "+(?:at|on|in|with|near|alone)|(?:returns|returned|is" + SP + "+returning)" + SP
      + "+(?:from|to|home)|(?:is|was|comes|came)" + SP + "+from|spent" + SP
      + "+(?:a|an|the|one|two|three|several|\\d+)|will" + SP + "+be" + SP + "+(?:talking|speaking|presenting|coming"
      + "|visiting|calling|staying|joining)|(?:shouted|yelled|screamed|waved|smiled)" + SP + "+at|(?:had|has)" + SP
      + "+given)\\b";
  private static final List<Cue> AFTER = List.of(
      new Cue("cue:name-verb", 0.75, MatchStarts.of(" \t").notAfter(" \t").then(" \t",
          "lives|lived|resides|resided|stays|stayed|is|returns|returned|was|comes|came|spent|will|shouted|yelled|screamed|waved|smiled|had|has"), VERB, Mode.LOWER_DICT),
      new Cue("cue:name-speaker", 0.75, MatchStarts.of(":"), ":" + SP + "*[\"“]", Mode.SPEAKER),
      new Cue("cue:name-speaker", 0.7, MatchStarts.of(":"), SPEAKER_LABEL, Mode.SPEAKER_NAME),
      new Cue("cue:name-possessive", 0.75, MatchStarts.of("'").orAny("’"), "['’]s" + SP + "+(?i:(?:wife|husband|son|daughter|mother|father|mom|dad"
          + "|brother|sister|kids?|children|family|address|phone|number|email|house|home|birthday|car)\\b)",
          Mode.LOWER_DICT),
      new Cue("cue:name-vocative", 0.7, MatchStarts.of(",").then(", \t", "can|could|would|will|please|do|did|are"), "," + SP + "*(?:can|could|would|will|please|do|did|are)" + SP
          + "+(?:I|you|we|u)\\b", Mode.SPEAKER),
      new Cue("cue:name-vocative", 0.7, MatchStarts.of("?!"), "[?!]", Mode.VOCATIVE),
      new Cue("cue:name-credential", 0.85, MatchStarts.of(", \t").then(", \t",
          "md|m.d.|do|d.o.|rn|bsn|np|fnp|aprn|pa|phd|lpn|cna|lcsw|pharmd|dpm|dds|msw|cnm|crna|rt|pt|ot|dnp|mbbs"), "(?:," + SP + "*+|(?<![ \\t,])" + SP + "++)(?:MD|M\\.D\\.|DO|D\\.O\\.|RN|BSN|NP|FNP|FNP-C|APRN|PA-C"
          + "|PA|PhD|LPN|CNA|LCSW|PharmD|DPM|DDS|MSW|CNM|CRNA|RT|PT|OT|DNP|MBBS)\\b"),
      new Cue("cue:name-age-phrase", 0.8, MatchStarts.of(", \t").then(", \t",
          "is|wa|a|0|1|2|3|4|5|6|7|8|9"), "(?:(?<![ \\t])" + SP + "++(?:is|was)" + SP + "++an?" + SP + "++|,"
          + SP + "++(?:an?" + SP + "++)?)\\d{1,3}(?:" + SP + "*-?" + SP + "*(?:years?|yrs?|y/?o|yo|y\\.o\\.|months?|mo|weeks?"
          + "|wk|days?)\\b)"),
      new Cue("cue:name-dob", 0.8, MatchStarts.of(" \t(").then(" \t", "("), "(?<![ \\t])" + SP + "*+\\((?:DOB|dob|D\\.O\\.B\\.|MRN|age|\\d{1,3}" + SP + "*(?:y|yo|M|F)\\b)"));

  /** Note section labels no word list holds ("Neuro: intact"): never a speaker in a dialogue. */
  private static final java.util.Set<String> SECTION_LABELS = java.util.Set.of("neuro", "psych", "resp", "heme",
      "derm", "pulm", "cardio", "abd", "ext", "heent", "onc", "endo", "msk", "dispo", "hpi", "ros", "pmh", "psh",
      "fhx", "shx", "neuro/psych", "gyn", "obgyn", "ortho", "rheum", "nephro", "hemonc", "musculoskel", "lymph",
      "vitals", "meds", "labs", "imaging", "allergies", "assessment", "impression", "plan", "subjective", "objective");
  private final Lexicon lexicon;
  private final boolean shapeModel;

  public NameCueDetector() {
    this(Lexicon.get(), true);
  }

  /**
   * With {@code shapeModel} false, the name-shape model's cue-less findings are left out (a site that turns the name
   * dictionaries off, {@code deid.detect.name.dictionary=false}: the model is trained on them).
   */
  public NameCueDetector(boolean shapeModel) {
    this(Lexicon.get(), shapeModel);
  }

  NameCueDetector(Lexicon lexicon) {
    this(lexicon, true);
  }

  NameCueDetector(Lexicon lexicon, boolean shapeModel) {
    this.lexicon = lexicon;
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

  private record Cue(String name, double confidence, MatchStarts starts, Pattern pattern, Mode mode) {
    Cue(String name, double confidence, MatchStarts starts, String regex) {
      this(name, confidence, starts, Pattern.compile(regex), Mode.NAME);
    }

    Cue(String name, double confidence, MatchStarts starts, String regex, Mode mode) {
      this(name, confidence, starts, Pattern.compile(regex), mode);
    }
  }

  @Override
  public List<PhiFinding> find(String path, String text, KnownIdentifiers known) {
    NameTokens tokens = null;
    List<PhiFinding> out = new ArrayList<>();
    for (Cue cue : BEFORE) {
      Matcher m = cue.pattern().matcher(text);
      for (int from = 0; cue.starts().find(m, text, from); from = MatchStarts.after(m)) {
        tokens = tokens == null ? NameTokens.of(text, lexicon) : tokens;
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
        tokens = tokens == null ? NameTokens.of(text, lexicon) : tokens;
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
    tokens = tokens == null ? NameTokens.of(text, lexicon) : tokens;
    NamePersonFrames.find(tokens, path, out);
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
