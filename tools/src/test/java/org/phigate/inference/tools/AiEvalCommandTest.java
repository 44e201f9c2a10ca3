package org.phigate.inference.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream saved = System.out;
    int code;
    try {
      System.setOut(new PrintStream(out, true));
      code = ToolsCli.execute("ai", "eval", "--input", in.toString());
    } finally {
      System.setOut(saved);
    }
    String report = out.toString();

    assertThat(code).isZero();
    assertThat(report).contains("urgency confusion").contains("category confusion")
        .contains("acute recall (urgent+emergency):   1.000").contains("routine specificity:               1.000")
        .contains("per-category accuracy").contains("suicidality/overdose/self-harm items not at emergency: 0 of 1");
    assertThat(report).doesNotContain("saving up my pills");
  }
}
