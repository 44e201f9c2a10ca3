package org.phigate.deid.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.phigate.deid.detect.NameTokens.Kind;
import org.phigate.deid.detect.NameTokens.Tok;
import org.phigate.schema.PhiCategory;
import org.phigate.schema.PhiFinding;

/**
 * A single capitalized word no dictionary, English or clinical list holds, in a frame only a person fills: the
 * subject of a person verb ("Usamov began", "Usamov was born", "Usamov told"; "Walker said" for a dictionary name
 * that is also an English word, before fewer verbs) or "the Usamov family". Verbs a drug takes as its subject
 * ("Zolvexa was titrated", "Xarelto has been started") and drug-shaped words never count.
 * Run by {@link NameCueDetector} on the same tokens. Detector name: {@code frame:name-subject}.
 */
final class NamePersonFrames {
  private static final Pattern PERSON_VERB = Pattern.compile("[ \\t]+(?:began|told|tells|reports|reported|states"
      + "|stated|says|said|explains|explained|was[ \\t]+born|spent|cried|laughed|smiled|complains|complained"
      + "|agreed|asked|wants|wanted|feels|felt|thinks|thought|works|worked|married|moved|graduated|is[ \\t]+very"
      + "|was[ \\t]+very|has[ \\t]+been|had[ \\t]+been|will[ \\t]+be)\\b(?![ \\t]+(?:started|restarted|increased"
      + "|decreased|titrated|held|given|discontinued|stopped|continued|changed|switched|tapered|resumed|adjusted"
      + "|prescribed|administered|dosed|refilled|weaned|effective|ineffective|helpful|tolerated|well|working|to"
      + "[ \\t]+work|covered|available|approved|needed|ordered|expensive|approved|used|added|recommended)\\b)");
  private static final Pattern WEAK_VERB = Pattern.compile("[ \\t]+(?:began|told|says|said|explained|was[ \\t]+born"
      + "|cried|laughed|smiled|married|graduated|wrote)[ \\t]+(?!by\\b)");
  private static final Pattern FAMILY = Pattern.compile("\\bthe[ \\t]+$");
  private static final Pattern FAMILY_AFTER = Pattern.compile("[ \\t]+family\\b");

  private NamePersonFrames() {}

  static void find(NameTokens nt, String path, List<PhiFinding> out) {
    List<Tok> toks = nt.tokens();
    String text = nt.text();
    for (int i = 0; i < toks.size(); i++) {
      Tok t = toks.get(i);
      if (!candidate(nt, t, i)) {
        continue;
      }
      // a dictionary name that is also an English word ("Walker") only before a verb no thing takes
      Matcher verb = (t.kind() == Kind.WEAK ? WEAK_VERB : PERSON_VERB).matcher(text).region(t.end(), text.length());
      boolean subject = !nt.possessive(t) && verb.lookingAt();
      boolean family = FAMILY.matcher(text.substring(Math.max(0, t.start() - 8), t.start())).find()
          && FAMILY_AFTER.matcher(text).region(t.end(), text.length()).lookingAt();
      if (subject || family) {
        out.add(Findings.span(PhiCategory.NAME, path, t.start(), t.end(), "frame:name-subject", 0.7));
      }
    }
  }

  /** One UNKNOWN or WEAK title-case word, letters only, alone (no name word, particle or initial right before it). */
  private static boolean candidate(NameTokens nt, Tok t, int i) {
    if (t.kind() != Kind.UNKNOWN && t.kind() != Kind.WEAK || t.base().length() < 3
        || NameContext.DRUG.matcher(t.base()).matches()) {
      return false;
    }
    String word = nt.text().substring(t.start(), t.end());
    if (!word.equals(t.base()) || word.equals(word.toUpperCase(Locale.ROOT))
        || !word.chars().allMatch(Character::isLetter)) {
      return false;
    }
    // after a particle or another name word it is part of a longer name ("ter Horst"), left to the other rules
    Tok prev = i == 0 ? null : nt.tokens().get(i - 1);
    return prev == null || !((prev.nameLike() || prev.joiner()) && nt.adjacent(prev, t));
  }

}
