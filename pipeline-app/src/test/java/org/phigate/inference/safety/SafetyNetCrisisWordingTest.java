package org.phigate.inference.safety;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Sixth round: warning-sign wordings the lexicon reads, each next to a look-alike it must leave alone. */
class SafetyNetCrisisWordingTest {
  private final SafetyNet net = SafetyNet.shipped();

  @ParameterizedTest(name = "{0}: {1} / {2}")
  @CsvSource(delimiter = '|', value = {
      // burden, with a word class of the people named
      "crisis.suicidality | honestly my kids would have an easier life without me in it | my kids would have an easier life with a bigger yard",
      "crisis.suicidality | they would get the life insurance and be better off | does my life insurance need a form from you?",
      // final messages and goodbyes; a goodbye before a move is not one
      "crisis.suicidality | This is my last message to the office. | Is this the last message I need to send for the referral?",
      "crisis.suicidality | If I'm not here next week, none of this is your fault. | If I'm not here by 3, please start without me.",
      "crisis.suicidality | I'm saying goodbye to everyone tonight | Saying goodbye since I'm moving to Denver, please send my records",
      // safety, acting on thoughts, means, method
      "crisis.suicidality | I dont think I can keep myself safe tonight | I keep myself safe on the ice with spikes",
      "crisis.suicidality | It's getting harder to not act on the thoughts | The therapist said to act on the plan we made for sleep",
      "crisis.suicidality | every day i think about stepping in front of the train | I stepped off the train and twisted my ankle",
      "crisis.suicidality | my wife tried to hang herself this morning | my wife tried to hang the curtains and fell",
      // "never" before a thought or an act negates it; "never wake up" still fires
      "crisis.suicidality | I wish I could sleep and never wake up | I've never thought about suicide, I just can't sleep",
      // counts of tablets, high-risk medicines taken again today, a child chewing an adult's pills
      "crisis.overdose | Swallowed about 30 of my mom's tylenol 2 hours ago | My son swallowed a piece of gum, is that ok?",
      "crisis.overdose | is it bad if I took 12 of my 10mg ambien? | I took 12 of my 14 days of amoxicillin so far",
      "crisis.overdose | grandma took her digoxin three times today | grandma takes her digoxin once a day",
      "crisis.overdose | Took my night insulin twice by accident | I take my insulin twice a day, can I get more pen needles?",
      "crisis.overdose | Found my toddler chewing on my clonidine | Found my toddler chewing on my phone charger",
      // self-injury
      "crisis.self-harm | I used to cut and I started again this week | I used to cut my own hair and started again this week",
      "crisis.self-harm | I scratched my arms because I deserve it | I deserve a day off after this week",
      // a negation inside a gap pattern: "burning ... fever" now needs "and" or "with"
      "infection.fever | burning when i pee and a fever since last night | burning when i pee, no fever, since yesterday",
  })
  void shouldFireOnTheWarningSignButNotOnTheLookAlike(String id, String acute, String lookAlike) {
    assertThat(net.lexicon(acute).ids()).as(acute).contains(id);
    assertThat(net.lexicon(lookAlike).ids()).as(lookAlike).doesNotContain(id);
  }
}
