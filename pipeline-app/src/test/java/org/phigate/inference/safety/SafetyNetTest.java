package org.phigate.inference.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.phigate.schema.Urgency;

class SafetyNetTest {
  private final SafetyNet net = SafetyNet.shipped();

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', value = {
      "cardiac.chest-pain | I have crushing pressure in my chest since an hour ago",
      "cardiac.chest-pain | chest pain and my left arm feels heavy",
      "cardiac.syncope | my husband passed out in the kitchen",
      "stroke.signs | her face is drooping and her speech is slurred",
      "stroke.signs | i think im having a stroke, cant lift my arm",
      "breathing.distress | i cant breathe, my inhaler isnt helping",
      "breathing.distress | Can't catch my breath and my lips look blue",
      "airway.anaphylaxis | after the new antibiotic my throat feels tight and my lips are swollen",
      "infection.neutropenic-fever | I had chemo on Tuesday and now I have a fever of 101",
      "infection.sepsis | fever and shaking chills, he seems confused",
      "infection.wound | my incision is red and has pus, and I have a fever",
      "bleeding.severe | I'm throwing up blood",
      "bleeding.severe | my stools are black and tarry",
      "crisis.suicidality | I've been saving up my pills",
      "crisis.suicidality | i dont want to be here anymore",
      "crisis.suicidality | everyone would be better off without me",
      "crisis.overdose | I took all of my sleeping pills an hour ago",
      "crisis.self-harm | i started cutting myself again",
      "pregnancy.emergency | I'm 32 weeks pregnant and the baby isnt moving like usual",
      "pregnancy.emergency | 2 weeks postpartum and heavy bleeding with clots",
      "infant.emergency | my 3 week old baby has a fever of 100.6",
      "head.injury-anticoagulant | I fell and hit my head this morning, I'm on eliquis",
      "diabetes.dka | sugar is over 500 and I keep throwing up, ketones are large",
      "neuro.confusion | mom is suddenly confused and doesnt know where she is",
      "neuro.seizure | my son had a seizure an hour ago",
      "abdomen.urgent | I can't keep anything down since yesterday",
      "vascular.hypertension | my bp is 210 over 120 and I have a headache",
      "mental.urgent | i feel hopeless",
  })
  void shouldFireEveryGroup(String id, String text) {
    SafetyNet.Verdict v = net.check(text);
    assertThat(v.ids()).as(text).contains(id);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', value = {
      "cardiac.chest-pain | it feels like a band squeezing around my chest when I walk",
      "stroke.signs | his smile is crooked all of a sudden",
      "breathing.distress | she can't finish a sentence without stopping for air",
      "airway.anaphylaxis | my tongue feels thick after the new pill",
      "infection.neutropenic-fever | on chemo and feeling feverish and shivery tonight",
      "pregnancy.emergency | 35 weeks and the baby has been really quiet today",
      "infant.emergency | baby is 6 wks old, temp 100.5",
      "head.injury-anticoagulant | slipped and knocked my head on the counter, I take xarelto",
      "neuro.confusion | dad didnt know what year it was this afternoon",
      "abdomen.severe | sudden pain in one testicle and he is vomiting",
      "eye.emergency | a grey shade came down over my left eye",
      "neuro.sudden-weakness | back pain and now I'm numb between my legs",
      "crisis.suicidality | soon i wont be a burden to anyone",
      "crisis.overdose | i took the whole bottle of my sleeping pills",
      "crisis.self-harm | there are fresh cuts on my daughter's arms",
  })
  void shouldFireOnTheProtocolWordingsOfTheSecondRound(String id, String text) {
    assertThat(net.check(text).ids()).as(text).contains(id);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "i want to die my hair before the appointment, is that ok?",
      "Does my plan cover the suicide prevention course for teachers?",
      "Can I get a narcan kit to keep at home for my son, who is doing well?",
      "I feel low but I have no thoughts of ending my life",
      "the screening form confused me, I have no thoughts of self-harm",
      "I'm saying goodbye to the team because I'm moving away",
  })
  void shouldNotTakeTheseLookAlikesForACrisisOrConfusion(String text) {
    assertThat(net.check(text).ids()).as(text)
        .doesNotContain("crisis.suicidality", "crisis.overdose", "crisis.self-harm", "neuro.confusion");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "no chest pain, just a refill please",
      "I deny any chest pain or shortness of breath",
      "I don't have chest pain",
      "my father had a stroke in 2015",
      "history of heart attack, need my statin refilled",
      "my mom died of a heart attack when she was 60",
      "i had chest pain last year but it was muscular",
      "the x-ray results show no pneumonia",
      "I'm confused about my bill",
      "can I get a refill on my seizure medication",
      "this bill almost gave me a heart attack",
      "could you fill out my FMLA forms",
      "please refill my lisinopril",
  })
  void shouldNotFireForNegationHistoryOrHardNegatives(String text) {
    assertThat(net.check(text).ids()).as(text).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "crisis.overdose | i swallowed all of my lamictal an hour ago",
      "crisis.overdose | She doubled her methadone this morning",
      "crisis.overdose | took a double dose of my lantus by accident",
      "crisis.suicidality | been stockpiling my percocets for a while now",
  })
  void shouldReadADrugNameWhereAPatternNamesItsWordClass(String id, String text) {
    assertThat(net.check(text).ids()).as(text).contains(id);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "I take my insulin twice a day, can I get more pen needles?",
      "I took all my amoxicillin like you said, the ear is better",
      "The label says this medicine can cause suicidal thoughts, is that common?",
      "I self-harmed as a teenager and want to ask about the scars",
      "I cut my finger chopping onions, it stopped bleeding",
  })
  void shouldNotTakeRoutineDrugTalkWarningsOrLifeStageHistoryForACrisis(String text) {
    assertThat(net.check(text).ids()).as(text)
        .doesNotContain("crisis.suicidality", "crisis.overdose", "crisis.self-harm");
  }

  @Test
  void shouldFireWhenARoutineRequestHidesAnAcuteSymptom() {
    SafetyNet.Verdict v = net.check("Hi, can I get a refill of my metformin? Also I've had chest pressure since "
        + "this morning and I'm sweating.");
    assertThat(v.urgency()).isEqualTo(Urgency.EMERGENCY);
  }

  @Test
  void shouldFireAfterATerminatedNegation() {
    assertThat(net.check("no fever but my chest pain is back").ids()).contains("cardiac.chest-pain");
  }

  @Test
  void shouldFireForAnotherPersonsCurrentEmergency() {
    assertThat(net.check("my dad is having chest pain right now").ids()).contains("cardiac.chest-pain");
  }

  @Test
  void shouldReportWhySuppressed() {
    assertThat(net.check("no chest pain").suppressed()).extracting(SafetyNet.Finding::suppression)
        .containsExactly(SafetyNet.Suppression.NEGATED);
    assertThat(net.check("my father had a stroke in 2015").suppressed()).isEmpty();
  }

  @Test
  void shouldFlagCrisisOnlyForTheCrisisGroup() {
    assertThat(net.check("I want to end my life").crisis()).isTrue();
    assertThat(net.check("I can't breathe").crisis()).isFalse();
  }

  @Test
  void shouldOnlyRaiseUrgency() {
    SafetyNet.Verdict none = net.check("refill please");
    SafetyNet.Verdict urgent = net.check("I'm short of breath");
    assertThat(SafetyNet.raise(Urgency.EMERGENCY, urgent)).isEqualTo(Urgency.EMERGENCY);
    assertThat(SafetyNet.raise(Urgency.SOON, none)).isEqualTo(Urgency.SOON);
    assertThat(SafetyNet.raise(Urgency.ROUTINE, urgent)).isEqualTo(Urgency.URGENT);
    assertThat(SafetyNet.raise(null, none)).isNull();
  }

  @Test
  void shouldHaveTestsForEveryGroupOfTheLexicon() {
    Set<String> groups = net.lexicon().flags().stream().map(RedFlag::group).collect(Collectors.toSet());
    assertThat(groups).contains("cardiac", "stroke", "breathing", "airway", "infection", "bleeding", "crisis",
        "pregnancy", "infant", "head", "diabetes", "neuro", "abdomen", "vascular");
  }

  @Test
  void shouldAddFlagsFoundByMeaningButNotOnesTheLexiconSawNegated() {
    SemanticRedFlags always = new SemanticRedFlags() {
      @Override
      public java.util.List<Set<String>> detect(java.util.List<String> texts) {
        return texts.stream().map(t -> Set.of("crisis.suicidality")).toList();
      }

      @Override
      public String version() {
        return "test";
      }
    };
    SafetyNet withDetector = new SafetyNet(RedFlagLexicon.load(), java.util.List.of(always));

    SafetyNet.Verdict found = withDetector.check("could you move my appointment");
    SafetyNet.Verdict negated = withDetector.check("I am not suicidal, just want a referral");

    assertThat(found.ids()).containsExactly("crisis.suicidality");
    assertThat(found.byMeaning()).containsExactly("crisis.suicidality");
    assertThat(found.urgency()).isEqualTo(Urgency.EMERGENCY);
    assertThat(negated.crisis()).isFalse();
  }

  @Test
  void shouldSendTheDetectorsOnlyMessagesTheLexiconDoesNotAlreadyHoldForACrisis() {
    java.util.List<String> seen = new java.util.ArrayList<>();
    SemanticRedFlags recording = new SemanticRedFlags() {
      @Override
      public java.util.List<Set<String>> detect(java.util.List<String> texts) {
        seen.addAll(texts);
        return texts.stream().map(t -> Set.of("crisis.overdose")).toList();
      }

      @Override
      public String version() {
        return "test";
      }
    };
    SafetyNet net = new SafetyNet(RedFlagLexicon.load(), java.util.List.of(recording));

    java.util.List<SafetyNet.Verdict> out = net.checkAll(java.util.List.of("refill my statin please",
        "I want to kill myself tonight", "move my appointment"));

    assertThat(seen).containsExactly("refill my statin please", "move my appointment");
    assertThat(out).extracting(SafetyNet.Verdict::urgency).containsOnly(Urgency.EMERGENCY);
    assertThat(out.get(0).byMeaning()).containsExactly("crisis.overdose");
    assertThat(out.get(1).ids()).contains("crisis.suicidality").doesNotContain("crisis.overdose");
    assertThat(out.get(2).byMeaning()).containsExactly("crisis.overdose");
  }

  @Test
  void shouldRefuseAFlagTheLexiconDoesNotDefine() {
    SemanticRedFlags unknown = new SemanticRedFlags() {
      @Override
      public java.util.List<Set<String>> detect(java.util.List<String> texts) {
        return texts.stream().map(t -> Set.of("crisis.made-up")).toList();
      }

      @Override
      public String version() {
        return "test";
      }
    };
    SafetyNet net = new SafetyNet(RedFlagLexicon.load(), java.util.List.of(unknown));

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> net.check("hello"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("crisis.made-up");
  }
}
