package org.phigate.inference.safety;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.phigate.inference.safety.RedFlagLexicon.Context;

/** Fifth round: each context rule against a dev-set hard negative, next to the acute wording it must still catch. */
class SafetyNetHardNegativeTest {
  private final SafetyNet net = SafetyNet.shipped();

  @ParameterizedTest(name = "{0}: {1} / {2}")
  @CsvSource(delimiter = '|', value = {
      // NEG_PRE didnt / did not; a terminator still ends the scope
      "head.injury | i fell off my bike and hit my head | i fell off my bike but didnt hit my head",
      "head.injury | Mom fell today and hit her head, now she is sore | Mom fell today but didn't hit her head",
      "cardiac.chest-pain | i didnt sleep and now i have chest pain | i didnt notice any chest pain, just a cough",
      "crisis.suicidality | I put yes for thoughts of being better off dead on the questionnaire | On the questionnaire I put 'not at all' for thoughts of being better off dead, just so you know",
      // PSEUDO: the "not feeling well" idioms, so "not feeling suicidal" is a negation
      "cardiac.chest-pain | not feeling well, chest pain since this morning | not feeling any chest pain today",
      "crisis.suicidality | I'm feeling suicidal since I stopped it | I'm not feeling suicidal, just curious about the label",
      // HISTORY: books, billing codes, "more likely to get", "i read that"
      "crisis.self-harm | My daughter is talking about self-harm | Any books for parents about self-harm?",
      "crisis.overdose | My son took an overdose of his pills | My explanation of benefits lists drug overdose as the diagnosis code",
      "abdomen.severe | I think I have appendicitis, the pain is on the right | Is appendicitis something our kids are more likely to get?",
      "crisis.suicidality | sertraline is giving me thoughts of suicide | I read that sertraline can give thoughts of suicide in young people",
      // EXCLUDE: medicine-safety talk
      "crisis.overdose | I think I overdosed by accident on tylenol | I'm worried about overdosing by accident with tylenol and cold medicine",
      "crisis.overdose | I overdosed on my second tylenol | Can I take a second Tylenol, or is that overdose territory?",
      "crisis.overdose | we gave him narcan and he is breathing again | The pharmacist mentioned my oxycodone and gave me naloxone.",
      "crisis.suicidality | I can't take it anymore, I am so tired | I can't take it anymore with this insurance runaround, can billing call me?",
      "crisis.suicidality | my son is talking about suicide | My son is starting an antidepressant and the box has a warning about suicide in young people",
      "bleeding.other | im on warfarin and now im bleeding | im on warfarin, no bleeding",
      "bleeding.other | my new blood thinner and bleeding all day | The new blood thinner can cause bleeding, what should I watch for?",
      // EXCLUDE: everyday plans and objects
      "crisis.suicidality | I have put my affairs in order, I wont need anything else | putting my affairs in order before my hip surgery",
      "crisis.suicidality | I bought a rope yesterday | We bought a rope and harness for the climbing gym",
      "cardiac.syncope | my dad wont wake up | my teen wont wake up before 10 anymore",
      "cardiac.chest-pain | I have chest pain again | I need to reschedule my stress test for chest pain evaluation",
      // EXCLUDE with word classes: a finished antibiotic course, harmless things a child swallows
      "crisis.overdose | finished the whole bottle of xanax | finished the whole bottle of antibiotics like you said",
      "infant.emergency | My son swallowed a battery, is that ok? | My son swallowed a piece of gum, is that ok?",
      "infant.emergency | my daughter swallowed some of my pills | my daughter swallowed a watermelon seed",
  })
  void shouldFireOnTheAcuteWordingButNotOnTheHardNegative(String id, String acute, String hardNegative) {
    assertThat(net.lexicon(acute).ids()).as(acute).contains(id);
    assertThat(net.lexicon(hardNegative).ids()).as(hardNegative).doesNotContain(id);
  }

  @Test
  void shouldExpandWordClassesInContextTriggers() {
    assertThat(RedFlagLexicon.load().triggers().get(Context.EXCLUDE))
        .contains("swallowed a piece of gum", "whole bottle of antibiotics")
        .noneMatch(p -> p.contains("{"));
  }
}
