package org.phigate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.phigate.deid.cli.DeidCommand;
import org.phigate.deid.detect.PhiDetector;
import org.phigate.deid.redact.RedactionPolicy;
import org.phigate.deid.redact.Redactor;
import org.phigate.deid.testdata.TestKeys;
import org.phigate.inference.EgressBlockedException;
import org.phigate.inference.EgressGuard;
import org.phigate.inference.PromptBuilder;
import org.phigate.intake.IntakeParser;
import org.phigate.intake.ParseResult;
import org.phigate.schema.DeidentifiedEvent;
import org.phigate.schema.PhiContent;

/**
 * The bench's ORU and portal messages through the deid role's default detector, Safe Harbor redaction and the egress
 * guard: a prompt the guard refuses is either PHI the detector missed or a false block; neither should happen on the
 * development corpus's notes. One or two of 300 were still refused in runs here, rightly or through a detector span:
 * an office phone written "776 041 4768" that the detector missed (PHONE), and a date span that took the first digit
 * of "0700-1900" along (PHONE_LOCAL on "700-1900").
 */
class BenchMixEgressTest {

  @Test
  void shouldNotRefuseBenchPromptsForTheYearsTheDatePolicyKeeps() {
    MessageMix mix = new MessageMix(Map.of("oru", 1, "portal", 1), 0.0, 0, 7);
    IntakeParser parser = new IntakeParser();
    PhiDetector detector = PhiDetector.fromConfig(DeidCommand.config(null));
    Redactor redactor = new Redactor(TestKeys.pseudonymizer(), TestKeys.vaultCipher(), RedactionPolicy.safeHarbor(),
        TestKeys.clock());
    EgressGuard guard = new EgressGuard();
    PromptBuilder prompts = new PromptBuilder();
    int checked = 0;
    Map<String, Integer> blockedBy = new TreeMap<>();
    for (MessageMix.Message m : mix.generate("t", 300)) {
      if (!(parser.parse(m.payload(), m.contentType()) instanceof ParseResult.Parsed parsed)) {
        continue;
      }
      PhiContent content = parsed.message().phi();
      DeidentifiedEvent event = redactor.redact(TestKeys.meta("t" + checked, "bench", content), content,
          detector.detect(content)).event();
      event.setWorkflow(parsed.message().workflow());
      checked++;
      try {
        guard.check(prompts.build(event));
      } catch (EgressBlockedException e) {
        blockedBy.merge(m.kind() + ":" + e.rule(), 1, Integer::sum);
      }
    }
    System.out.printf("bench mix: %d ORU and portal prompts, refused by %s%n", checked, blockedBy);
    assertThat(checked).isGreaterThan(250);
    // a year the date policy kept, before a shift ("2020 0700-1900") or a greeting ("2019 Hello Dr. [NAME-..]"),
    // refused 33 of 300 prompts as DIGIT_GROUPS or STREET_ADDRESS before the guard's fix
    assertThat(blockedBy.keySet()).as("refused prompts by message kind and guard rule")
        .noneMatch(k -> k.endsWith(":DIGIT_GROUPS") || k.endsWith(":STREET_ADDRESS"));
    assertThat(blockedBy.values().stream().mapToInt(Integer::intValue).sum()).isLessThanOrEqualTo(3);
  }
}
