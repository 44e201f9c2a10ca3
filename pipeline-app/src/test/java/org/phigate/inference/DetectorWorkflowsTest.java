package org.phigate.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.phigate.inference.drafts.DraftReplies;
import org.phigate.inference.safety.RedFlagLexicon;
import org.phigate.inference.safety.SafetyNet;
import org.phigate.inference.safety.SemanticRedFlags;
import org.phigate.schema.DeidentifiedEvent;
import org.phigate.schema.InferenceResult;
import org.phigate.schema.Urgency;
import org.phigate.schema.UrgencySource;

/** The crisis detector reads only the workflows it is scoped to; the lexicon reads every workflow. */
class DetectorWorkflowsTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-02-03T04:05:06Z"), ZoneOffset.UTC);
  private static final RedFlagLexicon LEXICON = RedFlagLexicon.load();

  /** Reports suicidality for every text it reads and records what it read. */
  static final class RecordingDetector implements SemanticRedFlags {
    final List<String> read = new ArrayList<>();

    @Override
    public synchronized List<Set<String>> detect(List<String> texts) {
      read.addAll(texts);
      return texts.stream().map(t -> Set.of("crisis.suicidality")).toList();
    }

    @Override
    public String version() {
      return "recording";
    }
  }

  private static DeidentifiedEvent withWorkflow(String workflow, String text) {
    DeidentifiedEvent e = Events.portalMessage(text);
    e.setWorkflow(workflow);
    e.setEventId("evt-" + workflow);
    return e;
  }

  private static InferenceService service(RecordingDetector detector, DetectorWorkflows scope) {
    return new InferenceService(new PromptBuilder(), new EgressGuard(), new InferenceServiceTest.RecordingModel(),
        new SafetyNet(LEXICON, List.of(detector)), DraftReplies.shipped(), scope);
  }

  @Test
  void shouldRunTheDetectorOnlyOnTheScopedWorkflowsInOneBatch() {
    RecordingDetector detector = new RecordingDetector();
    InferenceService service = service(detector, DetectorWorkflows.of(List.of("message-triage")));

    List<InferenceService.Attempt> out = service.runBatch(List.of(
        withWorkflow("message-triage", "my ankle looks odd"),
        withWorkflow("result-follow-up", "Potassium 4.1 mmol/L, within reference range."),
        withWorkflow("note-summary", "Follow-up visit, patient doing well.")), CLOCK);

    assertThat(detector.read).containsExactly("my ankle looks odd\n");
    InferenceResult portal = out.get(0).result();
    assertThat(portal.getUrgency()).isEqualTo(Urgency.EMERGENCY);
    assertThat(portal.getRedFlags()).contains("crisis.suicidality");
    assertThat(portal.getModelVersion()).endsWith("+redflags." + service.safetyNet().version());
    InferenceResult lab = out.get(1).result();
    assertThat(lab.getRedFlags()).doesNotContain("crisis.suicidality");
    assertThat(lab.getEscalate()).isFalse();
    // a result records the net that ran for it: the lexicon's version alone when the detector did not read it
    assertThat(lab.getModelVersion()).endsWith("+redflags." + service.safetyNet().lexiconVersion());
    assertThat(service.safetyNet().lexiconVersion()).isNotEqualTo(service.safetyNet().version());
  }

  @Test
  void shouldKeepTheLexiconOnWorkflowsOutsideTheDetectorsScope() {
    RecordingDetector detector = new RecordingDetector();
    InferenceService service = service(detector, DetectorWorkflows.of(List.of("message-triage")));

    InferenceResult note = service.run(withWorkflow("note-summary",
        "I took all of my sleeping pills an hour ago, I want to die."), CLOCK);

    assertThat(detector.read).isEmpty();
    assertThat(note.getUrgency()).isEqualTo(Urgency.EMERGENCY);
    assertThat(note.getUrgencySource()).isEqualTo(UrgencySource.SAFETY_NET);
    assertThat(note.getEscalate()).isTrue();
  }

  @Test
  void shouldRunTheDetectorOnEveryWorkflowWithTheWildcardAndByDefault() {
    RecordingDetector star = new RecordingDetector();
    service(star, DetectorWorkflows.of(List.of("*"))).run(withWorkflow("result-follow-up", "Sodium 139."), CLOCK);
    RecordingDetector byDefault = new RecordingDetector();
    new InferenceService(new PromptBuilder(), new EgressGuard(), new InferenceServiceTest.RecordingModel(),
        new SafetyNet(LEXICON, List.of(byDefault))).run(withWorkflow("note-summary", "Doing well."), CLOCK);

    assertThat(star.read).hasSize(1);
    assertThat(byDefault.read).hasSize(1);
    assertThat(DetectorWorkflows.of(List.of("message-triage")).covers(null)).isTrue();
  }

  @Test
  void shouldApplyTheScopeOnTheFailSafePathToo() {
    RecordingDetector detector = new RecordingDetector();
    InferenceService service = service(detector, DetectorWorkflows.of(List.of("message-triage")));

    InferenceService.Attempt lab = service.failSafe(withWorkflow("result-follow-up", "Sodium 139."), "worker-error:X",
        CLOCK);
    InferenceService.Attempt portal = service.failSafe(withWorkflow("message-triage", "my ankle looks odd"),
        "worker-error:X", CLOCK);

    assertThat(detector.read).containsExactly("my ankle looks odd\n");
    assertThat(lab.result().getModelVersion()).endsWith("+redflags." + service.safetyNet().lexiconVersion());
    assertThat(portal.result().getUrgency()).isEqualTo(Urgency.EMERGENCY);
  }
}
