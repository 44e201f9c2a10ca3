package org.phigate.inference.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phigate.cli.CliRun;
import org.phigate.tools.ToolsCli;

class AiEvalCommandTest {
  @TempDir
  Path dir;

  @Test
  void shouldPrintConfusionMatricesRecallSpecificityAndCrisisMisses() throws Exception {
    Path in = dir.resolve("labelled.jsonl");
    Files.write(in, List.of(
        "{\"id\":\"a\",\"text\":\"Refill of my metformin please.\",\"category\":\"medication\",\"urgency\":\"routine\"}",
        "{\"id\":\"b\",\"text\":\"I have crushing chest pain right now and I'm sweating.\",\"category\":\"symptom\","
            + "\"urgency\":\"emergency\"}",
        "{\"id\":\"c\",\"text\":\"I've been saving up my pills.\",\"category\":\"symptom\",\"urgency\":\"emergency\","
            + "\"redFlags\":[\"suicidality\"]}",
        "{\"id\":\"d\",\"text\":\"Why was I billed twice?\",\"category\":\"billing\",\"urgency\":\"routine\"}"));
    CliRun run = eval(in);
    String report = run.out();

    assertThat(run.exit()).isZero();
    assertThat(report).contains("urgency confusion").contains("category confusion")
        .contains("acute recall (urgent+emergency):   1.000").contains("routine specificity:               1.000")
        .contains("routine+soon specificity:          1.000").contains("per-category accuracy")
        .contains("1 of 1 crisis items at emergency");
    assertThat(report).doesNotContain("saving up my pills");
  }

  @Test
  void shouldCountCrisisItemsByStyleAndListThoseNotAtEmergency() throws Exception {
    Path in = dir.resolve("styled.jsonl");
    // labelled crisis by style only (no redFlags), with a text nothing raises: it must be counted and listed
    Files.write(in, List.of(
        "{\"id\":\"s1\",\"text\":\"Please move my physical to next Thursday afternoon.\",\"category\":"
            + "\"appointment\",\"urgency\":\"emergency\",\"styles\":[\"suicidality-indirect\"]}",
        "{\"id\":\"s2\",\"text\":\"Refill of my metformin please.\",\"category\":\"medication\","
            + "\"urgency\":\"routine\",\"styles\":[\"plain\"]}"));
    String report = eval(in).out();

    assertThat(report).contains("0 of 1 crisis items at emergency").contains("not at emergency: s1 -> ");
  }

  @Test
  void shouldScoreItemsTheGuardBlockedByTheUrgencyTheyAreHeldAt() throws Exception {
    Path in = dir.resolve("blocked.jsonl");
    // both texts still hold a name the guard catches: the model never sees them, the local safety net still does
    Files.write(in, List.of(
        "{\"id\":\"b1\",\"text\":\"this is Jo Smith, I took all my pills\",\"category\":\"symptom\","
            + "\"urgency\":\"emergency\",\"redFlags\":[\"overdose\"]}",
        "{\"id\":\"b2\",\"text\":\"Please call me at 617-555-0134 about my refill.\",\"category\":\"medication\","
            + "\"urgency\":\"routine\"}"));
    CliRun run = eval(in);
    String report = run.out();

    assertThat(report).contains("items: 2").contains("acute recall (urgent+emergency):   1.000")
        .contains("routine specificity:               0.000").contains("1 of 1 crisis items at emergency")
        .contains("2 items blocked by the egress guard (model not run; scored above by the urgency they are held at")
        .contains("b1 (NAME_GAZETTEER -> emergency)").contains("b2 (PHONE -> urgent)")
        .doesNotContain("not scored");
    assertThat(run.console()).doesNotContain("Smith").doesNotContain("617-555");
  }

  private static CliRun eval(Path in) {
    return CliRun.with(ToolsCli::execute, "ai", "eval", "--input", in.toString());
  }
}
