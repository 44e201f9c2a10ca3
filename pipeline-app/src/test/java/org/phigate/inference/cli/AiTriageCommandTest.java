package org.phigate.inference.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phigate.cli.PhigateCli;

class AiTriageCommandTest {
  @TempDir
  Path dir;

  @Test
  void shouldWriteTypedTriageLinesAndHoldTextThatStillHoldsPhiWithoutTheModel() throws Exception {
    Path in = dir.resolve("in.jsonl");
    Path out = dir.resolve("out.jsonl");
    Files.write(in, List.of(
        "{\"id\":\"m1\",\"text\":\"Refill of my atorvastatin please, [NAME-4f2a9c01] here.\"}",
        "{\"id\":\"m2\",\"text\":\"I took all of my sleeping pills an hour ago, I don't want to be here anymore\"}",
        "{\"id\":\"m3\",\"text\":\"call me at 617-555-0134 about my refill\"}",
        "{\"id\":\"m4\",\"text\":\"this is Jo Smith, I took all my pills\"}"));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream saved = System.err;
    int code;
    try {
      System.setErr(new PrintStream(err, true));
      code = PhigateCli.execute("ai", "triage", "--input", in.toString(), "--output", out.toString());
    } finally {
      System.setErr(saved);
    }

    List<String> lines = Files.readAllLines(out);
    assertThat(code).isEqualTo(1);
    assertThat(lines).hasSize(4);
    JsonNode refill = TriageRun.JSON.readTree(lines.get(0));
    assertThat(refill.get("category").asText()).isEqualTo("medication");
    assertThat(refill.get("urgency").asText()).isIn("routine", "soon");
    assertThat(refill.get("model").asText()).startsWith("phigate-embedded-minilm-logreg@");
    assertThat(refill.get("redFlags").isArray()).isTrue();
    JsonNode crisis = TriageRun.JSON.readTree(lines.get(1));
    assertThat(crisis.get("urgency").asText()).isEqualTo("emergency");
    assertThat(crisis.get("escalate").asBoolean()).isTrue();
    assertThat(crisis.get("draft").asText()).contains("988");
    assertThat(crisis.get("redFlags").toString()).contains("crisis.overdose");
    assertThat(refill.get("status").asText()).isEqualTo("OK");
    assertThat(refill.has("rule")).isFalse();
    JsonNode blocked = TriageRun.JSON.readTree(lines.get(2));
    assertThat(blocked.get("status").asText()).isEqualTo("EGRESS_BLOCKED");
    assertThat(blocked.get("rule").asText()).isEqualTo("PHONE");
    assertThat(blocked.get("urgency").asText()).isEqualTo("urgent");
    assertThat(blocked.get("model").asText()).startsWith("phigate-embedded-minilm-logreg@");
    assertThat(lines.get(2)).doesNotContain("617").doesNotContain("0134");
    JsonNode blockedCrisis = TriageRun.JSON.readTree(lines.get(3));
    assertThat(blockedCrisis.get("status").asText()).isEqualTo("EGRESS_BLOCKED");
    assertThat(blockedCrisis.get("rule").asText()).isEqualTo("NAME_GAZETTEER");
    assertThat(blockedCrisis.get("urgency").asText()).isEqualTo("emergency");
    assertThat(blockedCrisis.get("escalate").asBoolean()).isTrue();
    assertThat(lines.get(3)).doesNotContain("Smith");
    assertThat(err.toString()).contains("2 blocked by the egress guard").doesNotContain("617").doesNotContain("0134")
        .doesNotContain("Smith");
  }

  @Test
  void shouldRefuseAnUnknownModel() throws Exception {
    Path in = dir.resolve("in.jsonl");
    Files.write(in, List.of("{\"id\":\"m1\",\"text\":\"hello\"}"));
    int code = PhigateCli.execute("ai", "triage", "--input", in.toString(), "--output",
        dir.resolve("o.jsonl").toString(), "--model", "gpt");
    assertThat(code).isNotZero();
  }

  @Test
  void shouldBlockTheConfiguredDenyTermsAsTheInferenceRoleDoes() throws Exception {
    Path in = dir.resolve("in.jsonl");
    Path out = dir.resolve("out.jsonl");
    Path config = dir.resolve("inference.properties");
    Files.write(in, List.of("{\"id\":\"m1\",\"text\":\"Seen at Lindenmoor House, please refill my inhaler.\"}"));
    Files.writeString(config, "inference.guard.deny.list=Lindenmoor House\n");
    int code = PhigateCli.execute("ai", "triage", "--input", in.toString(), "--output", out.toString(),
        "--config", config.toString());
    assertThat(code).isEqualTo(1);
    JsonNode line = TriageRun.JSON.readTree(Files.readAllLines(out).get(0));
    assertThat(line.get("status").asText()).isEqualTo("EGRESS_BLOCKED");
    assertThat(line.get("rule").asText()).isEqualTo("DENY_LIST");
    assertThat(Files.readAllLines(out).get(0)).doesNotContain("Lindenmoor");
  }
}
